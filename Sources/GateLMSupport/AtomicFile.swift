#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that readers see either the old file or the complete new
/// one, never a partial file: write to a temporary file beside the target
/// (`.NAME.tmp-PID-RANDOM`), flush it to disk, then rename it over the
/// target. Temporary files left by a process that was killed mid-write are
/// removed by the next write to the same target. POSIX calls only.
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Atomically replaces `path` with `bytes`.
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws(Failure) {
        let (directory, name) = split(path)
        removeStaleTemporaries(directory: directory, name: name)
        let temporary = "\(directory)/\(temporaryPrefix(name))\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw Failure(description: "cannot write \(path): \(SystemError.describe(errno))")
        }
        let data = Array(bytes)
        var failure: Int32 = 0
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno; return
                }
                offset += n
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw Failure(description: "cannot write \(path): \(SystemError.describe(failure))")
        }
    }

    /// Atomically replaces `path` with the UTF-8 bytes of `text`.
    public static func write(_ text: String, to path: String) throws(Failure) {
        try write(Array(text.utf8), to: path)
    }

    /// Whether a file can be created in `path`'s directory (checked before long work whose
    /// result goes there): nil when it can, else the reason.
    public static func creationFailure(at path: String) -> String? {
        let (directory, name) = split(path)
        let probe = "\(directory)/\(temporaryPrefix(name))\(getpid())-probe"
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return SystemError.describe(errno) }
        close(fd)
        unlink(probe)
        var info = stat()
        if stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR { return SystemError.describe(EISDIR) }
        return nil
    }

    static func temporaryPrefix(_ name: String) -> String { ".\(name).tmp-" }

    /// The directory (`.` when none) and the last component of `path`.
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    /// Removes `.NAME.tmp-PID-…` files in `directory` whose writing process no longer exists.
    static func removeStaleTemporaries(directory: String, name: String) {
        let prefix = temporaryPrefix(name)
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        var stale = [String]()
        while let entry = readdir(dir) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard entryName.hasPrefix(prefix) else { continue }
            let rest = entryName.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]) else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH { stale.append(entryName) }
        }
        for entryName in stale { unlink("\(directory)/\(entryName)") }
    }
}

/// `write(2)` (the name is taken by `AtomicFile.write` inside the type).
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
