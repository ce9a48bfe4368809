#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes output files so that readers see either the old file or the complete new one, never
/// a partial file — and writes through what is not a file. The rule, by what `path` is:
/// - a regular file, or nothing: written atomically — to a temporary file beside it
///   (`.NAME.tmp-PID-RANDOM`), flushed to disk (fsync), then renamed over it. Temporary files
///   left by a process that was killed mid-write are removed by the next write to the same target.
/// - a character device, a FIFO or another stream (anything neither a regular file nor a
///   directory: `/dev/null`, `/dev/stdout` on a pipe, a terminal): opened for writing (no
///   create, no truncate) and written through, so the node stays what it is; a write error is
///   reported (`/dev/full`: ENOSPC). Opening a FIFO waits until a reader opens it, as a shell's
///   `>` does. Nothing is written beside such a target.
/// - one of this process's own streams by name (`/dev/stdout`, `/dev/stderr`, `/dev/fd/N`,
///   `/proc/self/fd/N`): written to that descriptor as it is open, whatever it is (a file
///   opened by `>>` is appended to, not replaced).
/// - a directory: refused (EISDIR).
/// - a symbolic link: followed deliberately. The link stays a link, and what it finally points
///   to is written by the same rule: a regular file is replaced atomically in its own directory,
///   a dangling link creates its target, a link to a device writes through.
///
/// POSIX calls only.
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes `bytes` to `path` by the rule above: atomically for a file, through for a device or FIFO.
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws(Failure) {
        let data = Array(bytes)
        let failure: Int32?
        switch target(of: path) {
        case .file(let resolved): failure = replace(resolved, with: data)
        case .stream: failure = writeThrough(path, data)
        case .descriptor(let fd): failure = data.withUnsafeBytes { FileDescriptorIO.writeAll($0, to: fd) }.nonZero
        case .refused(let code): failure = code
        }
        if let failure { throw Failure(description: "cannot write \(path): \(SystemError.describe(failure))") }
    }

    /// Writes the UTF-8 bytes of `text` to `path` (see `write(_:to:)`).
    public static func write(_ text: String, to path: String) throws(Failure) {
        try write(Array(text.utf8), to: path)
    }

    /// Whether `path` can be written by `write(_:to:)` (checked before long work whose result
    /// goes there): nil when it can, else the reason. For a file, a temporary file is created and
    /// removed in the directory that will hold it; a device or FIFO needs write permission only
    /// (nothing is created beside it, and a FIFO is not opened).
    public static func creationFailure(at path: String) -> String? {
        switch target(of: path) {
        case .refused(let code):
            return SystemError.describe(code)
        case .stream:
            return access(path, W_OK) == 0 ? nil : SystemError.describe(errno)
        case .descriptor:
            return nil
        case .file(let resolved):
            let (directory, name) = split(resolved)
            let probe = "\(directory)/\(temporaryPrefix(name))\(getpid())-probe"
            let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else { return SystemError.describe(errno) }
            close(fd)
            unlink(probe)
            return nil
        }
    }

    static func temporaryPrefix(_ name: String) -> String { ".\(name).tmp-" }

    /// The directory (`.` when none) and the last component of `path`.
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    /// Replaces the file at `path` (which is not a link) atomically; the error code, or nil.
    static func replace(_ path: String, with data: [UInt8]) -> Int32? {
        let (directory, name) = split(path)
        removeStaleTemporaries(directory: directory, name: name)
        let temporary = "\(directory)/\(temporaryPrefix(name))\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return errno }
        var failure = data.withUnsafeBytes { FileDescriptorIO.writeAll($0, to: fd) }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 { unlink(temporary) }
        return failure == 0 ? nil : failure
    }

    /// Writes `data` through the device or FIFO at `path` (opened without creating or
    /// truncating; the kernel follows links, /proc's magic ones included); the error code, or nil.
    /// Should `path` have become a regular file since it was looked at, it is replaced atomically instead.
    static func writeThrough(_ path: String, _ data: [UInt8]) -> Int32? {
        let fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return errno }
        var info = stat()
        if fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFREG {
            close(fd)
            if case .file(let resolved) = target(of: path) { return replace(resolved, with: data) }
            return EINVAL
        }
        var failure = data.withUnsafeBytes { FileDescriptorIO.writeAll($0, to: fd) }
        if close(fd) != 0 && failure == 0 && errno != EINTR { failure = errno }
        return failure == 0 ? nil : failure
    }

    /// Removes `.NAME.tmp-PID-…` files in `directory` whose writing process no longer exists.
    static func removeStaleTemporaries(directory: String, name: String) {
        let prefix = temporaryPrefix(name)
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        var stale = [String]()
        // The name is read in place, up to its NUL: an entry is only d_reclen bytes long, and
        // copying the whole `dirent` (`entry.pointee`) can read past the end of readdir's buffer.
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let entry = readdir(dir) {
            let entryName = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            guard entryName.hasPrefix(prefix) else { continue }
            let rest = entryName.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]) else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH { stale.append(entryName) }
        }
        for entryName in stale { unlink("\(directory)/\(entryName)") }
    }
}

extension Int32 {
    /// The value, or nil when it is 0 (an error code where 0 means none).
    fileprivate var nonZero: Int32? { self == 0 ? nil : self }
}

