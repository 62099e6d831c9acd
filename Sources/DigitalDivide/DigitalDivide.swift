/// DigitalDivide: digital-divide indicators and composite indices from the CSV files analysts download.
///
/// Data flows: readers → ``Panel`` → framework → construction → results → analysis → briefs.
public enum DigitalDivideVersion {
    /// The library's semantic version, shown by `divide --version`.
    public static let string = "0.1.0"
}
