import Foundation
import Testing

/// Every file shipped under `Data/` must be listed in `Data/SOURCES.md` (publisher, origin, licence, vintage).
@Suite struct DataProvenanceTests {
    @Test func everyShippedFileIsListedInSources() throws {
        let sources = try String(contentsOf: RepositoryPaths.data.appendingPathComponent("SOURCES.md"), encoding: .utf8)
        let files = RepositoryPaths.files(under: RepositoryPaths.data).filter { $0 != "SOURCES.md" }
        #expect(files.count > 30, "expected the shipped data files, found \(files.count)")
        let unlisted = files.filter { path in
            let name = (path as NSString).lastPathComponent
            return !sources.contains(name)
        }
        #expect(unlisted.isEmpty, "files under Data/ missing from Data/SOURCES.md: \(unlisted)")
    }

    @Test func itudatahubLicenceIsStated() throws {
        let sources = try String(contentsOf: RepositoryPaths.data.appendingPathComponent("SOURCES.md"), encoding: .utf8)
        #expect(sources.contains("CC BY-NC-SA 3.0 IGO"))
    }
}
