import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A batch of files written as one: either every file is there with a manifest that says the batch is complete,
/// or the run is recognisable as interrupted.
///
/// - A folder that does not exist yet is built beside its destination (`.NAME.XXXXXX.partial`) and renamed into
///   place when complete, so it appears whole or not at all; on failure the staging folder is removed.
/// - An existing folder is written into, each file through ``OutputFile`` (complete or untouched). The manifest
///   (`manifest.json`) is first replaced by one that says `"complete": false` and rewritten last with
///   `"complete": true` and every file's name and size, so an interrupted run is recognisable. Files in the folder
///   that the batch does not write are left alone.
///
/// A destination that exists and is not a folder is refused before anything is written.
public final class OutputFolder {
    /// The folder as the caller named it.
    public let path: String
    /// The name of the manifest file written last.
    public static let manifestName = "manifest.json"
    private let staging: String?
    private var written: [(name: String, bytes: Int)] = []
    private var finished = false
    private let tool: String

    /// Opens the batch; `tool` names the program in the manifest (e.g. `divide 0.1.0 briefs`).
    public init(path: String, tool: String) throws {
        self.path = path
        self.tool = tool
        guard !path.isEmpty else {
            throw DivideError(.invalidArgument, expected: "an output folder name", found: "an empty path")
        }
        var status = stat()
        if stat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFDIR else {
                throw DivideError(.unwritableOutput, at: SourceLocation(file: path), expected: "a folder to write into",
                                  found: "a file that is not a folder",
                                  hint: "nothing was written and it was left as it was; name a folder")
            }
            staging = nil
            try writeManifest(complete: false)
        } else {
            guard errno == ENOENT else { throw OutputFile.failure(path, "cannot look at it", errno: errno) }
            let url = URL(fileURLWithPath: path).standardizedFileURL
            let parent = url.deletingLastPathComponent().path
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw OutputFile.failure(path, "cannot create its folder \(parent)",
                                         errno: (error as NSError).underlyingErrno)
            }
            var template = Array((parent + "/." + url.lastPathComponent + ".XXXXXX").utf8CString)
            guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
                throw OutputFile.failure(path, "cannot create a folder in \(parent)", errno: errno)
            }
            staging = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        }
    }

    deinit {
        if !finished { abandon() }
    }

    /// Writes one file of the batch, complete or not at all. `name` is a plain file name.
    public func write(_ text: String, as name: String) throws {
        try write(bytes: Array(text.utf8), as: name)
    }

    /// Writes one file of the batch (a workbook, a PDF), complete or not at all. `name` is a plain file name.
    public func write(bytes: [UInt8], as name: String) throws {
        precondition(!finished, "OutputFolder used after commit or abandon")
        guard !name.isEmpty, !name.contains("/"), name != ".", name != "..", name != Self.manifestName else {
            throw DivideError(.invalidArgument, expected: "a plain file name", found: DivideError.quote(name))
        }
        try OutputFile.write(bytes: bytes, to: (staging ?? path) + "/" + name)
        written.append((name, bytes.count))
    }

    /// Writes the manifest and, for a new folder, moves the batch into place. Returns the files written.
    @discardableResult
    public func commit() throws -> [String] {
        precondition(!finished, "OutputFolder committed twice")
        do {
            try writeManifest(complete: true)
            if let staging {
                var status = stat()
                if stat(path, &status) == 0 {
                    throw DivideError(.unwritableOutput, at: SourceLocation(file: path), expected: "a new folder",
                                      found: "something created there while the batch was written",
                                      hint: "nothing was replaced")
                }
                if rename(staging, path) != 0 { throw OutputFile.failure(path, "cannot move it into place", errno: errno) }
            }
        } catch {
            abandon()
            throw error
        }
        finished = true
        return written.map(\.name)
    }

    /// Stops the batch: a staging folder is removed with what it holds (only files this batch wrote); in an
    /// existing folder the manifest keeps saying `"complete": false`.
    public func abandon() {
        guard !finished else { return }
        finished = true
        guard let staging else { return }
        for name in written.map(\.name) + [Self.manifestName] { unlink(staging + "/" + name) }
        rmdir(staging)
    }

    private func writeManifest(complete: Bool) throws {
        struct Manifest: Encodable {
            struct File: Encodable { var name: String; var bytes: Int }
            var tool: String
            var complete: Bool
            var files: [File]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let manifest = Manifest(tool: tool, complete: complete, files: written.map { .init(name: $0.name, bytes: $0.bytes) })
        let text = String(decoding: try encoder.encode(manifest), as: UTF8.self) + "\n"
        try OutputFile.write(text, to: (staging ?? path) + "/" + Self.manifestName)
    }
}
