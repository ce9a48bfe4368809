#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and atomic writes for AIGER files, with POSIX calls so
/// the Circuits module needs no Foundation.
enum AIGERFile {
    /// The bytes of the file at `path`.
    static func readAll(_ path: String) throws(AIGERError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw systemError("cannot open for reading", path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw systemError("cannot get the size", path) }
        let size = Int(info.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var done = 0
            while done < size {
                let n = read(fd, buffer.baseAddress! + done, size - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failed = n < 0; break }
                done += n
            }
            initialized = done
        }
        if failed { throw systemError("cannot read", path) }
        return bytes
    }

    /// Writes `bytes` to `path` through a temporary file that is synced and
    /// renamed into place, so a failure never leaves a partial file.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(AIGERError) {
        let temporary = "\(path).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw systemError("cannot create", temporary) }
        var ok = bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        ok = ok && fsync(fd) == 0
        ok = close(fd) == 0 && ok
        guard ok, rename(temporary, path) == 0 else {
            let error = systemError("cannot write", path)
            unlink(temporary)
            throw error
        }
    }

    private static func systemError(_ what: String, _ path: String) -> AIGERError {
        AIGERError(nil, "\(what): \(String(cString: strerror(errno)))", path: path)
    }
}
