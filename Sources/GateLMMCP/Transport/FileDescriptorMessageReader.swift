import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads newline-delimited messages from a file descriptor on a thread of its own (a blocking
/// read never holds one of Swift's cooperative threads) and hands them over as an async
/// sequence. At most `window` messages wait unread; the reading thread waits for the consumer
/// beyond that, so a flood of requests does not grow memory without bound.
public enum FileDescriptorMessageReader {
    /// The framed messages of `fd` until end of input or a read error. The consumer calls
    /// `credit()` after handling each one.
    public static func messages(fd: Int32, maximumMessageBytes: Int, window: Int = 16)
        -> (events: AsyncStream<LineFramer.Event>, credit: @Sendable () -> Void)
    {
        let (stream, continuation) = AsyncStream.makeStream(of: LineFramer.Event.self)
        let credits = DispatchSemaphore(value: window)
        let thread = Thread {
            var framer = LineFramer(maximumBytes: maximumMessageBytes)
            let chunk = 1 << 16
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
            defer { buffer.deallocate() }
            func deliver(_ events: [LineFramer.Event]) {
                for event in events {
                    credits.wait()
                    continuation.yield(event)
                }
            }
            while true {
                let n = read(fd, buffer, chunk)
                if n > 0 {
                    deliver(framer.push(UnsafeRawBufferPointer(start: buffer, count: n)))
                } else if n == 0 {
                    break
                } else if errno == EINTR {
                    continue
                } else if errno == EAGAIN || errno == EWOULDBLOCK {
                    var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    _ = poll(&p, 1, -1)
                } else {
                    break
                }
            }
            deliver(framer.finish())
            continuation.finish()
        }
        thread.name = "gatelm-mcp.input"
        thread.start()
        return (stream, { credits.signal() })
    }
}
