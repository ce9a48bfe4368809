import Dispatch
import Foundation
import GateLMSupport

/// Writes messages to a file descriptor, each whole and followed by a newline, one after the
/// other in the order `send` was called: one serial queue owns the descriptor, and a partial
/// or refused write is resumed until the message is out (`FileDescriptorIO.writeAll`). Once the
/// reader has gone (`EPIPE`, any write error), later messages are dropped. At most `maximumPendingBytes` wait to be
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
            if !failed, framed.withUnsafeBytes({ FileDescriptorIO.writeAll($0, to: fd) }) != 0 { failed = true }
            room.lock()
            pendingBytes -= framed.count
            room.broadcast()
            room.unlock()
        }
    }

    /// Returns once every message sent before the call has been written (or dropped).
    public func flush() { queue.sync {} }
}
