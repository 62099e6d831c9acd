import Foundation

/// Paths inside this repository, found from this source file's location (tests run from any directory).
enum RepositoryPaths {
    /// The repository root (the folder holding Package.swift).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // Support
        .deletingLastPathComponent()   // DigitalDivideTests
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // root

    /// The shipped data folder.
    static let data: URL = root.appendingPathComponent("Data")

    /// Every regular file under `folder`, as paths relative to it, sorted.
    static func files(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var result: [String] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            result.append(String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1)))
        }
        return result.sorted()
    }
}
