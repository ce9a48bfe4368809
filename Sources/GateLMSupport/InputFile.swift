#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole input files the way every command does: a regular file, or a
/// stream (a pipe, a FIFO, `/dev/stdin`, `<(…)`, or `-` for standard input)
/// read to its end; what cannot be read is refused with the system's reason
/// and its errno name (`ENOENT`, `EISDIR`, `EACCES`, …). POSIX calls only,
/// so that modules without Foundation can use it.
public enum InputFile {
    /// The path that means standard input.
    public static let standardInput = "-"

    /// The largest input any command reads (16 GiB); larger files are refused
    /// before anything is allocated.
    public static let maximumBytes = 1 << 34

    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The path as given (`-` for standard input).
        public var path: String
        /// Why, e.g. "No such file or directory (ENOENT)".
        public var reason: String
        /// The errno behind it, when there is one.
        public var code: Int32? = nil
        public var description: String { "cannot read \(path == InputFile.standardInput ? "standard input" : path): \(reason)" }
    }

    /// The bytes of `path` (standard input for `-`), at most `limit` of them.
    public static func read(_ path: String, limit: Int = maximumBytes) throws(Failure) -> [UInt8] {
        let isStandardInput = path == standardInput
        let fd = isStandardInput ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(path: path, reason: SystemError.describe(errno), code: errno) }
        defer { if !isStandardInput { close(fd) } }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(path: path, reason: SystemError.describe(errno), code: errno) }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR { throw Failure(path: path, reason: SystemError.describe(EISDIR), code: EISDIR) }
        // A regular file's size is a good first guess; streams report 0 and grow as they are read.
        let expected = type == S_IFREG ? Int(info.st_size) : 0
        guard expected <= limit else {
            throw Failure(path: path, reason: "\(expected) bytes, more than the \(limit) this program reads")
        }
        let reading = FileDescriptorIO.readToEnd(fd, expectedBytes: expected, limit: limit)
        if let failure = reading.failure { throw Failure(path: path, reason: SystemError.describe(failure), code: failure) }
        if reading.overLimit { throw Failure(path: path, reason: "more than the \(limit) bytes this program reads") }
        return reading.bytes
    }
}

/// errno as people and scripts read it: the system's message and the constant's name.
public enum SystemError {
    /// "No such file or directory (ENOENT)".
    public static func describe(_ code: Int32) -> String {
        let message = String(cString: strerror(code))
        return names[code].map { "\(message) (\($0))" } ?? message
    }

    private static let names: [Int32: String] = [
        EPERM: "EPERM", ENOENT: "ENOENT", EIO: "EIO", ENXIO: "ENXIO", EBADF: "EBADF", EAGAIN: "EAGAIN",
        ENOMEM: "ENOMEM", EACCES: "EACCES", EBUSY: "EBUSY", EEXIST: "EEXIST", ENOTDIR: "ENOTDIR", EISDIR: "EISDIR",
        EINVAL: "EINVAL", ENFILE: "ENFILE", EMFILE: "EMFILE", EFBIG: "EFBIG", ENOSPC: "ENOSPC", EROFS: "EROFS",
        ELOOP: "ELOOP", EPIPE: "EPIPE", ENAMETOOLONG: "ENAMETOOLONG", EDQUOT: "EDQUOT", ETXTBSY: "ETXTBSY",
    ]
}
