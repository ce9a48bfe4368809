#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads files named by someone untrusted (an agent over MCP) only inside directories the
/// person running the program allowed. A path is refused, without the file being opened,
/// when it has a NUL byte, is too long, resolves (symbolic links followed) outside every root,
/// or is not a regular file; devices, FIFOs, sockets and directories are never opened, so
/// `/dev/zero`, `/dev/stdin` or a FIFO with no writer can neither exhaust memory nor block.
/// After opening, the descriptor itself is checked again (a regular file, in a root: the
/// path the kernel reports for it on Linux), so a link swapped in between is caught; a file
/// over `maximumBytes` is refused before it is read. Refusals never quote the file.
public struct ConfinedFile: Sendable {
    /// Why a path is refused: a sentence that names the path (as given, control characters
    /// shown escaped) and the reason.
    public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// The allowed directories, canonical (absolute, links resolved).
    public let roots: [String]
    /// The largest file read.
    public let maximumBytes: Int

    /// The roots must exist and be directories; each is resolved once, here.
    public init(roots: [String], maximumBytes: Int) throws(Refusal) {
        var canonical = [String]()
        for root in roots {
            guard let resolved = CanonicalPath.of(root) else {
                throw Refusal(description: "cannot allow \(Self.shown(root)): \(SystemError.describe(errno))")
            }
            var info = stat()
            guard stat(resolved, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw Refusal(description: "cannot allow \(Self.shown(root)): not a directory")
            }
            if !canonical.contains(resolved) { canonical.append(resolved) }
        }
        self.roots = canonical
        self.maximumBytes = maximumBytes
    }

    /// The canonical path `path` names, if it is a regular file inside a root (relative paths
    /// are taken from the working directory).
    public func resolve(_ path: String) throws(Refusal) -> String {
        let named = Self.shown(path)
        guard !path.isEmpty else { throw Refusal(description: "an empty path names no file") }
        guard !path.utf8.contains(0) else { throw Refusal(description: "\(named): a path may not contain a NUL byte") }
        guard path.utf8.count < Int(PATH_MAX) else { throw Refusal(description: "\(named): a path is at most \(PATH_MAX - 1) bytes") }
        guard let resolved = CanonicalPath.of(path) else { throw Refusal(description: "\(named): \(SystemError.describe(errno))") }
        guard isInsideRoot(resolved) else { throw outside(named) }
        var info = stat()
        guard stat(resolved, &info) == 0 else { throw Refusal(description: "\(named): \(SystemError.describe(errno))") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw Refusal(description: "\(named): \(Self.kind(info.st_mode)), not a regular file; only regular files are read") }
        return resolved
    }

    /// The bytes of the regular file `path` names, with its canonical path.
    public func read(_ path: String) throws(Refusal) -> (bytes: [UInt8], path: String) {
        let resolved = try resolve(path)
        let named = Self.shown(path)
        // O_NONBLOCK: should a FIFO be swapped in after the check, opening it does not wait for a writer.
        let fd = open(resolved, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | O_NOFOLLOW)
        guard fd >= 0 else { throw Refusal(description: "\(named): \(SystemError.describe(errno))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Refusal(description: "\(named): \(SystemError.describe(errno))") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw Refusal(description: "\(named): \(Self.kind(info.st_mode)), not a regular file; only regular files are read") }
        #if os(Linux)
        if let opened = CanonicalPath.of("/proc/self/fd/\(fd)"), !isInsideRoot(opened) { throw outside(named) }
        #endif
        guard Int(info.st_size) <= maximumBytes else {
            throw Refusal(description: "\(named): \(info.st_size) bytes, over the bound of \(maximumBytes) bytes on a file read for an agent")
        }
        let reading = FileDescriptorIO.readToEnd(fd, expectedBytes: Int(info.st_size), limit: maximumBytes)
        if let failure = reading.failure { throw Refusal(description: "\(named): \(SystemError.describe(failure))") }
        if reading.overLimit { throw Refusal(description: "\(named): over the bound of \(maximumBytes) bytes on a file read for an agent") }
        return (reading.bytes, resolved)
    }

    public func isInsideRoot(_ canonical: String) -> Bool {
        roots.contains { root in canonical == root || canonical.hasPrefix(root == "/" ? "/" : root + "/") }
    }

    private func outside(_ named: String) -> Refusal {
        Refusal(description: "\(named): outside the directories this server may read (" + roots.joined(separator: ", ")
                + "); the person running it can allow more with --allow DIR")
    }

    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }

    /// A path for a message: quoted, at most 200 characters, control characters escaped.
    public static func shown(_ path: String) -> String { UntrustedText.quoted(path, limit: 200) }
}
