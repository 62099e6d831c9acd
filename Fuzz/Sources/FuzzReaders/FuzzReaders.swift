import DigitalDivide

/// libFuzzer entry point: one input is one CSV file's bytes.
///
/// The first byte chooses the path: 0 means the path every command takes (detect the format from the header, then
/// read it); any other value forces one of the formats (`DataFormat.allCases[byte % count]`), as `--input-format`
/// does, so every reader meets every kind of garbage. Whatever the input, the readers must return (errors are data
/// here); a crash, a sanitizer report or a hang is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReaders(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let selector = Int(data[0])
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let name = "fuzz.csv"

    var options = LoadOptions()
    options.unitPolicy = selector & 1 == 0 ? .resolve(CountryRegistry.standard) : .verbatim
    options.format = selector == 0 ? nil : DataFormat.allCases[selector % DataFormat.allCases.count]
    let builder = PanelBuilder(options: options)
    let report = DataLoader(options: options).load(bytes: bytes, name: name, into: builder)
    let panel = builder.build()
    // Render the report and touch the panel so every path that formats user text runs too.
    _ = report.problems.map(\.description).joined().utf8.count &+ panel.units.count &+ panel.indicators.count
    return 0
}

// SwiftPM links an executable target with its entry point renamed to `<Module>_main`; libFuzzer's own `main` is
// then never pulled in, so start libFuzzer's driver from here (LLVMFuzzerRunDriver, LLVM ≥ 12).
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("FuzzReaders_main")
public func fuzzMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzReaders)
}
