import DigitalDivide

import Foundation

/// libFuzzer entry point: one input is one file's bytes.
///
/// The first byte chooses the path:
/// - 0: the path every command takes for data (detect the format from the header, then read it);
/// - 1–243: force one of the formats (`DataFormat.allCases[byte % count]`), as `--input-format` does, so every
///   reader meets every kind of garbage;
/// - 244–247: an Excel workbook (.xlsx for even bytes, legacy .xls for odd), written to a temporary file and loaded as
///   every command loads a data file (the ZIP and XML of .xlsx, our own BIFF8 reader of .xls);
/// - 248–251: a framework YAML file (`FrameworkFile.load(yaml:)`, then the framework's tree description);
/// - 252–255: a brief JSON file as `divide render-brief` reads it (`Brief.decode(json:)`, then every renderer).
///
/// Whatever the input, the code must return (errors are data here); a crash, a sanitizer report or a hang is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReaders(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let selector = Int(data[0])
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let name = "fuzz.csv"
    if selector >= 244 && selector < 248 {
        let path = NSTemporaryDirectory() + "fuzz-\(getpid())" + (selector & 1 == 0 ? ".xlsx" : ".xls")
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return 0 }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loaded = DataLoader().load(files: [path])
        _ = loaded.report.problems.map(\.description).joined().utf8.count &+ loaded.panel.indicators.count
        return 0
    }
    if selector >= 248 && selector < 252 {
        let yaml = String(decoding: bytes, as: UTF8.self)
        do {
            let framework = try FrameworkFile.load(yaml: yaml, file: "fuzz.yaml")
            _ = framework.treeDescription().utf8.count &+ framework.indicators.count
        } catch {
            _ = "\(error)".utf8.count  // the message paths run too
        }
        return 0
    }
    if selector >= 252 {
        if let brief = try? Brief.decode(json: Data(bytes)) {
            _ = brief.text(width: 80, colour: selector & 1 == 0).utf8.count &+ brief.markdown().utf8.count
                &+ brief.html().utf8.count &+ brief.csv().utf8.count
        }
        return 0
    }

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
