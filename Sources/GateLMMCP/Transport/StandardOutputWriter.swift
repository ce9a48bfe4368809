import Dispatch
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
/// later messages are dropped and `broken` is true.
public final class FileDescriptorMessageWriter: MessageOutput, @unchecked Sendable {
    private let fd: Int32
    private let queue = DispatchQueue(label: "gatelm-mcp.output")
    // Only touched on `queue`.
    private var failed = false

    public init(fd: Int32) {
        self.fd = fd
        FileDescriptorIO.ignoreBrokenPipes()
    }

    public func send(_ message: [UInt8]) {
        let framed = message + [0x0A]
        queue.async { [self] in
            guard !failed else { return }
            if !Self.writeAll(framed, to: fd) { failed = true }
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
