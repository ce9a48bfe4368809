import Foundation

/// Writes files so that readers see either the old file or the complete new
/// one, never a partial file: write to a temporary file beside the target,
/// flush it to disk, then rename it over the target.
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Atomically replaces `path` with `bytes`.
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = "\(directory)/.\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        var ok = true
        var message = ""
        let data = Array(bytes)
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    ok = false; message = String(cString: strerror(errno)); return
                }
                offset += n
            }
        }
        if ok && fsync(fd) != 0 { ok = false; message = String(cString: strerror(errno)) }
        close(fd)
        if ok && rename(temporary, path) != 0 { ok = false; message = String(cString: strerror(errno)) }
        if !ok {
            unlink(temporary)
            throw Failure(description: "cannot write \(path): \(message)")
        }
    }

    /// Atomically replaces `path` with the UTF-8 bytes of `text`.
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }
}
