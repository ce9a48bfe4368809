#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension AtomicFile {
    /// What a write to a path does (see `AtomicFile`).
    enum Target: Equatable {
        /// Replace or create this regular file atomically: the path itself, or where its links lead.
        case file(String)
        /// Open the path and write through (a device, a FIFO, a terminal, a pipe by its /proc link).
        case stream
        /// One of this process's own open descriptors, named as /dev/stdout, /dev/stderr,
        /// /dev/fd/N or /proc/self/fd/N: written to as it is (its offset and flags, `>>`'s
        /// append included), never reopened or replaced.
        case descriptor(Int32)
        /// Refused with this error code (EISDIR for a directory, or why the path cannot be looked at).
        case refused(Int32)
    }

    /// Links followed at most, as the kernel does (then ELOOP).
    static let maximumLinks = 40

    /// What `path` is, following links: stat (which follows them, /proc's magic links included)
    /// decides; a regular file is written at its resolved path, and a path that does not exist
    /// at the end of its links is created where the last link points.
    static func target(of path: String) -> Target {
        if let fd = ownDescriptor(path) { return fcntl(fd, F_GETFD) == -1 ? .refused(EBADF) : .descriptor(fd) }
        var info = stat()
        if stat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR: return .refused(EISDIR)
            case S_IFREG:
                guard let resolved = CanonicalPath.of(path) else { return .refused(errno) }
                return .file(resolved)
            default: return .stream
            }
        }
        guard errno == ENOENT else { return .refused(errno) }
        // Nothing there, or a dangling link: follow the links by hand to the name to create.
        var current = path
        for _ in 0...maximumLinks {
            guard lstat(current, &info) == 0 else { return errno == ENOENT ? .file(current) : .refused(errno) }
            guard info.st_mode & S_IFMT == S_IFLNK else { return .refused(ENOENT) }  // a directory on the way is missing
            guard let link = readLink(current) else { return .refused(errno) }
            current = link.hasPrefix("/") ? link : "\(split(current).directory)/\(link)"
        }
        return .refused(ELOOP)
    }

    /// The descriptor `path` names when it is a name of one of this process's own streams.
    static func ownDescriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/", "/proc/\(getpid())/fd/"] where path.hasPrefix(prefix) {
                if let n = Int32(path.dropFirst(prefix.count)), n >= 0 { return n }
            }
            return nil
        }
    }

    /// The text of the symbolic link at `path`, or nil (errno set).
    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
