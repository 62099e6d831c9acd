// DigitalDivide: digital-divide indicators and composite indices from the CSV files analysts download.
//
// The umbrella module: `import DigitalDivide` brings the four layers, in the order data flows:
// DivideData (countries, readers, panel, output files) → DivideIndex (methods, frameworks, construction, the
// IndexRequest → IndexRun pipeline) → DivideAnalysis (audit, uncertainty, sensitivity, inequality, convergence,
// gaps) → DivideReports (briefs and their renderers).
@_exported import DivideAnalysis
@_exported import DivideData
@_exported import DivideIndex
@_exported import DivideReports

/// The library's version.
public enum DigitalDivideVersion {
    /// The library's semantic version, shown by `divide --version`.
    public static let string = "0.1.0"
}
