import Dispatch
import Foundation
import GateLMSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes messages to a file descriptor, each whole and followed by a newline, one after the
/// other in the order `send` was called: one serial queue owns the descriptor, and a partial
/// or refused write (`EINTR`, `EAGAIN` on a descriptor some other process made non-blocking)
/// is resumed until the message is out. Once the reader has gone (`EPIPE`, any write error),
/// later messages are dropped and `broken` is true. At most `maximumPendingBytes` wait to be
/// written: past that, `send` waits, so a client that does not read its answers stops the
/// server (which then stops reading) instead of growing its memory.
public final class FileDescriptorMessageWriter: MessageOutput, @unchecked Sendable {
    private let fd: Int32
    private let queue = DispatchQueue(label: "gatelm-mcp.output")
    private let maximumPendingBytes: Int
    // Only touched on `queue`.
    private var failed = false
    // Guarded by `room`.
    private var pendingBytes = 0
    private let room = NSCondition()

    public init(fd: Int32, maximumPendingBytes: Int = 64 << 20) {
        self.fd = fd
        self.maximumPendingBytes = maximumPendingBytes
        FileDescriptorIO.ignoreBrokenPipes()
    }

    public func send(_ message: [UInt8]) {
        let framed = message + [0x0A]
        room.lock()
        while pendingBytes > 0 && pendingBytes + framed.count > maximumPendingBytes { room.wait() }
        pendingBytes += framed.count
        room.unlock()
        queue.async { [self] in
            if !failed, !Self.writeAll(framed, to: fd) { failed = true }
            room.lock()
            pendingBytes -= framed.count
            room.broadcast()
            room.unlock()
        }
    }

    /// Whether a write has failed (the reader closed its end).
    public var broken: Bool { queue.sync { failed } }

    /// Returns once every message sent before the call has been written (or dropped).
    public func flush() { queue.sync {} }

    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n > 0 { offset += n; continue }
                if n < 0 && errno == EINTR { continue }
                if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                    var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&p, 1, -1)
                    continue
                }
                return false
            }
            return true
        }
    }
}
