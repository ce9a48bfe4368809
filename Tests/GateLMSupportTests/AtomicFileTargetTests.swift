#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GateLMSupport
import Testing

/// What `AtomicFile` does with targets that are not regular files: device nodes, FIFOs and
/// symlinks are written through (never replaced), directories are refused. Device nodes are
/// private twins made with mknod in a temporary directory (root only); the system's /dev is never touched.
@Suite struct AtomicFileTargetTests {
    static let isRoot = getuid() == 0
    static let hasProcFileDescriptors = FileManager.default.fileExists(atPath: "/proc/self/fd")

    /// The file type bits of `path` (lstat: a link is a link).
    static func type(_ path: String, following: Bool = false) -> mode_t? {
        var info = stat()
        return (following ? stat(path, &info) : lstat(path, &info)) == 0 ? info.st_mode & S_IFMT : nil
    }

    /// A character device node `major:minor` at `path` (1:3 is /dev/null's twin, 1:7 /dev/full's).
    static func device(_ path: String, major: UInt64, minor: UInt64) throws {
        // makedev(3) is a C macro that Swift cannot see; for small numbers it is major << 8 | minor.
        let made = mknod(path, S_IFCHR | 0o666, dev_t(major << 8 | minor))
        try #require(made == 0, "mknod \(path): \(SystemError.describe(errno))")
    }

    static func listing(_ dir: String) throws -> Set<String> { Set(try FileManager.default.contentsOfDirectory(atPath: dir)) }

    @Test(.enabled(if: isRoot)) func aDeviceIsWrittenThroughAndStaysADevice() throws {
        let dir = try InputFileTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let null = "\(dir)/null"
        try Self.device(null, major: 1, minor: 3)
        #expect(AtomicFile.creationFailure(at: null) == nil)
        try AtomicFile.write("discarded", to: null)
        #expect(Self.type(null) == S_IFCHR)
        #expect(try Self.listing(dir) == ["null"])
    }

    @Test(.enabled(if: isRoot)) func aFullDeviceReportsENOSPC() throws {
        let dir = try InputFileTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let full = "\(dir)/full"
        try Self.device(full, major: 1, minor: 7)
        #expect { try AtomicFile.write("x", to: full) } throws: {
            "\($0)" == "cannot write \(full): No space left on device (ENOSPC)"
        }
        #expect(Self.type(full) == S_IFCHR)
        #expect(try Self.listing(dir) == ["full"])
    }

    /// A FIFO gets the bytes and stays a FIFO. Its reader is open (without blocking) before the
    /// write, so opening it for writing does not wait, and the bytes fit the pipe's buffer.
    @Test func aFIFOIsWrittenThrough() throws {
        let dir = try InputFileTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = "\(dir)/fifo"
        #expect(mkfifo(fifo, 0o644) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        try #require(reader >= 0)
        defer { close(reader) }
        let bytes = (0..<4_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try AtomicFile.write(bytes, to: fifo)
        var buffer = [UInt8](repeating: 0, count: 8_192)
        let n = read(reader, &buffer, buffer.count)
        #expect(n == bytes.count && Array(buffer[0..<max(n, 0)]) == bytes)
        #expect(Self.type(fifo) == S_IFIFO)
        #expect(try Self.listing(dir) == ["fifo"])
    }

    /// /proc/self/fd/N (what /dev/stdout is) names a pipe by a link whose text is no path: written through.
    @Test(.enabled(if: hasProcFileDescriptors)) func aPipeByItsDescriptorLinkIsWrittenThrough() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let path = "/proc/self/fd/\(fds[1])"
        #expect(AtomicFile.creationFailure(at: path) == nil)
        try AtomicFile.write("through the pipe", to: path)
        close(fds[1])
        var buffer = [UInt8](repeating: 0, count: 100)
        let n = read(fds[0], &buffer, buffer.count)
        #expect(n == 16 && String(decoding: buffer[0..<max(n, 0)], as: UTF8.self) == "through the pipe")
    }

    /// A link to a regular file stays a link; the file it points to is replaced in its own directory.
    @Test func aLinkToAFileReplacesTheFileAndStaysALink() throws {
        let dir = try InputFileTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: "\(dir)/real", withIntermediateDirectories: false)
        try AtomicFile.write("old", to: "\(dir)/real/out.txt")
        #expect(symlink("real/out.txt", "\(dir)/link.txt") == 0)
        #expect(AtomicFile.creationFailure(at: "\(dir)/link.txt") == nil)
        try AtomicFile.write("new", to: "\(dir)/link.txt")
        #expect(Self.type("\(dir)/link.txt") == S_IFLNK)
        #expect(try String(contentsOfFile: "\(dir)/real/out.txt", encoding: .utf8) == "new")
        #expect(try Self.listing(dir) == ["real", "link.txt"])
        #expect(try Self.listing("\(dir)/real") == ["out.txt"])
    }

    /// A dangling link creates what it points to (a chain of links too); a target in a missing
    /// directory is refused up front, as the write would be.
    @Test func aDanglingLinkCreatesItsTarget() throws {
        let dir = try InputFileTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: "\(dir)/real", withIntermediateDirectories: false)
        #expect(symlink("\(dir)/real/new.txt", "\(dir)/first") == 0)
        #expect(symlink("first", "\(dir)/second") == 0)
        #expect(AtomicFile.creationFailure(at: "\(dir)/second") == nil)
        try AtomicFile.write("made", to: "\(dir)/second")
        #expect(Self.type("\(dir)/first") == S_IFLNK && Self.type("\(dir)/second") == S_IFLNK)
        #expect(try String(contentsOfFile: "\(dir)/real/new.txt", encoding: .utf8) == "made")
        #expect(try Self.listing("\(dir)/real") == ["new.txt"])

        #expect(symlink("missing/out.txt", "\(dir)/nowhere") == 0)
        #expect(AtomicFile.creationFailure(at: "\(dir)/nowhere")?.contains("ENOENT") == true)
        #expect { try AtomicFile.write("x", to: "\(dir)/nowhere") } throws: { "\($0)".contains("ENOENT") }
        #expect(Self.type("\(dir)/nowhere") == S_IFLNK)

        #expect(symlink("loop", "\(dir)/loop") == 0)
        #expect { try AtomicFile.write("x", to: "\(dir)/loop") } throws: { "\($0)".contains("ELOOP") }
    }

    @Test(.enabled(if: isRoot)) func aLinkToADeviceWritesThrough() throws {
        let dir = try InputFileTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.device("\(dir)/null", major: 1, minor: 3)
        #expect(symlink("null", "\(dir)/link") == 0)
        try AtomicFile.write("discarded", to: "\(dir)/link")
        #expect(Self.type("\(dir)/link") == S_IFLNK && Self.type("\(dir)/null") == S_IFCHR)
        #expect(try Self.listing(dir) == ["null", "link"])
    }

    @Test func aDirectoryIsRefused() throws {
        let dir = try InputFileTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: "\(dir)/sub", withIntermediateDirectories: false)
        #expect(symlink("sub", "\(dir)/link") == 0)
        for path in ["\(dir)/sub", "\(dir)/link"] {
            #expect { try AtomicFile.write("x", to: path) } throws: { "\($0)" == "cannot write \(path): Is a directory (EISDIR)" }
            #expect(AtomicFile.creationFailure(at: path)?.contains("EISDIR") == true)
        }
        #expect(try Self.listing(dir) == ["sub", "link"])
        #expect(try Self.listing("\(dir)/sub").isEmpty)
    }
}
