import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way the library and the `divide` command write a file: the destination is either left as it was or
/// replaced by the complete new file, never by a partial one, and nothing but a regular file is ever replaced.
///
/// The bytes go to a temporary file in the destination's folder (`.NAME.XXXXXX.partial`), which is flushed to disk
/// (`fsync`) and then renamed over the destination (atomic on one file system); the folder is synced too. On any
/// failure the temporary file is removed and the destination is untouched. An interrupted process (killed, power
/// lost) leaves at most a `.partial` file beside an untouched destination.
///
/// Refused before anything is written: a destination that is a folder, a device, a FIFO, a socket, or a symbolic
/// link to anything but a regular file. A symbolic link to a regular file is followed: its target is replaced and
/// the link kept. A new file gets mode 0666 less the umask; a replaced file keeps its mode.
///
/// ```swift
/// try OutputFile.write("unit,score\nKOR,94.4\n", to: "scores.csv")
/// var file = try OutputFile(path: "big.csv")      // streaming
/// try file.append("unit,score\n")
/// try file.commit()                               // or drop it: the destination stays as it was
/// ```
public final class OutputFile {
    /// The destination as the caller named it.
    public let path: String
    /// The resolved destination (a symbolic link's target).
    package let destination: String
    package let temporary: String
    private var descriptor: Int32
    private var mode: mode_t
    private var finished = false {
        didSet { if finished { InterruptCleanup.unregister(interruptSlot); interruptSlot = nil } }
    }
    /// The temporary file's slot in ``InterruptCleanup`` (removed on Ctrl-C).
    private var interruptSlot: Int?
    /// Bytes held before they are written (writes of 64 KiB).
    private var buffer: [UInt8] = []
    private static let bufferSize = 1 << 16

    /// Opens a temporary file beside `path` to be committed later. Missing parent folders are created.
    public init(path: String) throws(DivideError) {
        self.path = path
        guard !path.isEmpty else {
            throw DivideError(.invalidArgument, expected: "an output file name", found: "an empty path")
        }
        let resolved = try Self.checkedDestination(path)
        destination = resolved.path
        mode = resolved.mode
        let url = URL(fileURLWithPath: destination)
        let folder = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Self.failure(path, "cannot create its folder \(folder)", errno: (error as NSError).underlyingErrno)
        }
        var template = Array((folder + "/." + url.lastPathComponent + ".XXXXXX.partial").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, Int32(".partial".utf8.count)) }
        guard fd >= 0 else { throw Self.failure(path, "cannot create a file in \(folder)", errno: errno) }
        descriptor = fd
        temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        interruptSlot = InterruptCleanup.register(temporary)
        buffer.reserveCapacity(Self.bufferSize)
    }

    deinit {
        if !finished { abandon() }
    }

    /// Writes `text` (UTF-8) to `path` whole, or throws and leaves `path` as it was.
    public static func write(_ text: String, to path: String) throws(DivideError) {
        try write(bytes: text.utf8, to: path)
    }

    /// Writes `bytes` (a workbook, a PDF) to `path` whole, or throws and leaves `path` as it was.
    public static func write(bytes: some Sequence<UInt8>, to path: String) throws(DivideError) {
        let file = try OutputFile(path: path)
        try file.append(bytes: bytes)
        try file.commit()
    }

    /// Adds UTF-8 text to the file.
    public func append(_ text: String) throws(DivideError) {
        try append(bytes: text.utf8)
    }

    /// Adds bytes to the file.
    public func append(bytes: some Sequence<UInt8>) throws(DivideError) {
        precondition(!finished, "OutputFile used after commit or abandon")
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    /// Flushes, syncs and renames the file into place. After an error the destination is as it was.
    public func commit() throws(DivideError) {
        precondition(!finished, "OutputFile committed twice")
        do throws(DivideError) {
            try flush()
            // The mode: a replaced file's, or 0666 less the umask for a new one (mkstemp creates 0600).
            if fchmod(descriptor, mode) != 0 { throw Self.failure(path, "cannot set its permissions", errno: errno) }
            if fsync(descriptor) != 0 { throw Self.failure(path, "cannot flush it to disk", errno: errno) }
            let fd = descriptor
            descriptor = -1
            if close(fd) != 0 { throw Self.failure(path, "cannot close it", errno: errno) }
            // Checked again just before the rename: something may have appeared at the destination meanwhile.
            _ = try Self.checkedDestination(destination)
            if rename(temporary, destination) != 0 { throw Self.failure(path, "cannot move it into place", errno: errno) }
        } catch {
            abandon()
            throw error
        }
        finished = true
        Self.syncFolder(of: destination)
    }

    /// Removes the temporary file; the destination stays as it was.
    public func abandon() {
        guard !finished else { return }
        finished = true
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporary)
    }

    private func flush() throws(DivideError) {
        var offset = 0
        let count = buffer.count
        let fd = descriptor
        while offset < count {
            let n = buffer.withUnsafeBytes { posixWrite(fd, $0.baseAddress! + offset, count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.failure(path, "cannot write it", errno: errno)
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// The path to write (a symbolic link resolved) and the mode the new file gets; throws for a destination that
    /// is not a regular file.
    package static func checkedDestination(_ path: String) throws(DivideError) -> (path: String, mode: mode_t) {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno == ENOENT {
                let mask = umask(0)
                umask(mask)
                return (path, 0o666 & ~mask)
            }
            throw failure(path, "cannot look at it", errno: errno)
        }
        var resolved = path
        if status.st_mode & S_IFMT == S_IFLNK {
            guard let real = realpath(path, nil) else {
                throw DivideError(.unwritableOutput, at: SourceLocation(file: path),
                                  expected: "a regular file to write", found: "a symbolic link to nothing",
                                  hint: "nothing was written")
            }
            resolved = String(cString: real)
            free(real)
            guard stat(resolved, &status) == 0 else { throw failure(path, "cannot look at it", errno: errno) }
        }
        let kind = status.st_mode & S_IFMT
        guard kind == S_IFREG else {
            let found = switch kind {
            case S_IFDIR: "a folder"
            case S_IFCHR, S_IFBLK: "a device"
            case S_IFIFO: "a named pipe (FIFO)"
            case S_IFSOCK: "a socket"
            default: "something that is not a regular file"
            }
            throw DivideError(.unwritableOutput, at: SourceLocation(file: path), expected: "a regular file to write",
                              found: found, hint: "nothing was written and it was left as it was; name a file")
        }
        // A file its owner made read-only is not replaced behind their back (the shell's `>` refuses it too).
        guard access(resolved, W_OK) == 0 else {
            throw DivideError(.unwritableOutput, at: SourceLocation(file: path), expected: "a file you may write",
                              found: "a read-only file (\(describe(errno: errno)))",
                              hint: "nothing was written and it was left as it was")
        }
        return (resolved, status.st_mode & 0o7777)
    }

    package static func failure(_ path: String, _ what: String, errno code: Int32?) -> DivideError {
        let reason = code.map { " (\(describe(errno: $0)))" } ?? ""
        return DivideError(.unwritableOutput, at: SourceLocation(file: path), expected: nil,
                           found: "\(what)\(reason)", hint: "nothing was written; an existing file was left as it was")
    }

    /// Plain words for the errors a user can do something about; the system's message otherwise.
    public static func describe(errno code: Int32) -> String {
        switch code {
        case ENOSPC: "the disk is full"
        case EDQUOT: "the disk quota is exhausted"
        case EFBIG: "the file size limit was reached"
        case EACCES, EPERM: "permission denied"
        case EROFS: "the file system is read-only"
        case ENOENT: "a folder on the path does not exist"
        case ENOTDIR: "a part of the path is not a folder"
        case EISDIR: "it is a folder"
        case ENAMETOOLONG: "the name is too long"
        default: String(cString: strerror(code))
        }
    }

    private static func syncFolder(of path: String) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let fd = open(folder, O_RDONLY | O_DIRECTORY)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }
}

#if canImport(Darwin)
private let posixWrite = Darwin.write
#elseif canImport(Musl)
private let posixWrite = Musl.write
#else
private let posixWrite = Glibc.write
#endif

extension NSError {
    /// The POSIX error beneath a Foundation error, when there is one.
    package var underlyingErrno: Int32? {
        if domain == NSPOSIXErrorDomain { return Int32(code) }
        return (userInfo[NSUnderlyingErrorKey] as? NSError)?.underlyingErrno
    }
}
