import Foundation

/// Reading and writing whole streams on file descriptors, retrying on
/// `EINTR` (Foundation's `readDataToEndOfFile` traps when a signal interrupts
/// its read, which happens under load).
public enum FileDescriptorIO {
    /// Everything readable from `fd` until end of file (or a read error).
    public static func readAll(_ fd: Int32) -> Data { Data(readToEnd(fd).bytes) }

    /// What `readToEnd` read: the bytes, and why it stopped before the end if it did.
    public struct Reading {
        public var bytes: [UInt8]
        /// The errno of a failed read.
        public var failure: Int32?
        /// More than the limit was available.
        public var overLimit = false
    }

    /// Reads `fd` until end of file, a read error or more than `limit` bytes, retrying on `EINTR`.
    public static func readToEnd(_ fd: Int32, expectedBytes: Int = 0, limit: Int = .max) -> Reading {
        var reading = Reading(bytes: [], failure: nil)
        reading.bytes.reserveCapacity(expectedBytes + 1)
        let chunk = 1 << 16
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer, chunk)
            if n > 0 {
                guard reading.bytes.count + n <= limit else { reading.overLimit = true; return reading }
                reading.bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: n))
            } else if n == 0 {
                return reading
            } else if errno != EINTR {
                reading.failure = errno
                return reading
            }
        }
    }

    /// Writes all of `data` to `fd`; returns false if the reader went away or writing failed.
    @discardableResult
    public static func writeAll(_ data: Data, to fd: Int32) -> Bool {
        data.withUnsafeBytes { writeAll($0, to: fd) } == 0
    }

    /// Writes every byte of `bytes` to `fd`: short writes are resumed, `EINTR` retried, and
    /// `EAGAIN` (a descriptor some other process made non-blocking) waited out with poll. The
    /// errno of a failed write, or 0.
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n > 0 { offset += n; continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&p, 1, -1)
                continue
            }
            return n < 0 ? errno : EIO
        }
        return 0
    }

    /// Ignore SIGPIPE, so that writing to a child that exited gives an error instead of killing us.
    public static func ignoreBrokenPipes() {
        _ = brokenPipesIgnored
    }

    private static let brokenPipesIgnored: Void = { signal(SIGPIPE, SIG_IGN) }()
}
