/// Splits a byte stream into newline-delimited messages (MCP's stdio framing), in time linear
/// in the stream: each byte is scanned once. A message longer than `maximumBytes` is not kept:
/// its first `keptPrefix` bytes are, so that its id can still be read, and the rest is skipped
/// up to the next newline. A trailing `\r` is dropped; blank lines are skipped.
public struct LineFramer {
    public enum Event: Equatable, Sendable {
        case message([UInt8])
        /// A message of `byteCount` bytes (or more, when the input ended inside it), over the bound.
        case oversized(prefix: [UInt8], byteCount: Int)
    }

    /// The bytes kept of an oversized message.
    public static let keptPrefix = 4096

    public let maximumBytes: Int
    private var pending: [UInt8] = []
    private var skipping = false
    private var skippedBytes = 0

    public init(maximumBytes: Int) {
        self.maximumBytes = max(1, maximumBytes)
    }

    /// The messages completed by `chunk`.
    public mutating func push(_ chunk: UnsafeRawBufferPointer) -> [Event] {
        var events = [Event]()
        let bytes = chunk.bindMemory(to: UInt8.self)
        var start = 0
        while start < bytes.count {
            let newline = bytes[start...].firstIndex(of: 0x0A)
            let end = newline ?? bytes.count
            let piece = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if skipping {
                skippedBytes += piece.count
            } else if pending.count + piece.count > maximumBytes {
                skipping = true
                skippedBytes = pending.count + piece.count
                pending.append(contentsOf: piece.prefix(max(0, Self.keptPrefix - pending.count)))
                if pending.count > Self.keptPrefix { pending.removeLast(pending.count - Self.keptPrefix) }
            } else {
                pending.append(contentsOf: piece)
            }
            if newline != nil { complete(into: &events) }
            start = end + 1
        }
        return events
    }

    /// The last message, when the input ends without a newline after it.
    public mutating func finish() -> [Event] {
        var events = [Event]()
        if skipping || !pending.isEmpty { complete(into: &events) }
        return events
    }

    private mutating func complete(into events: inout [Event]) {
        if skipping {
            events.append(.oversized(prefix: pending, byteCount: skippedBytes))
        } else {
            if pending.last == 0x0D { pending.removeLast() }
            if pending.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) { events.append(.message(pending)) }
        }
        pending = []
        pending.reserveCapacity(1024)
        skipping = false
        skippedBytes = 0
    }
}

extension LineFramer {
    /// Convenience for tests and fuzzing: the events of one byte array.
    public mutating func push(_ bytes: [UInt8]) -> [Event] {
        bytes.withUnsafeBytes { push($0) }
    }
}
