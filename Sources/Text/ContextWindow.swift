/// The W bytes a model sees before the byte it predicts.
///
/// The context of position `t` (the byte `text[t]` being predicted) is
/// `text[t−W] … text[t−1]`, **oldest first**: slot `j` (0 ..< W) holds
/// `text[t − W + j]`, so slot `W − 1` is the most recent byte, the one
/// circuits call `ctx[-1]` (and slot `W − k` is `ctx[-k]`). Positions before
/// the start of the text read as `padByte`.
public struct ContextWindow: Sendable, Equatable, Codable {
    /// The byte standing for "before the start of the text".
    public static let padByte: UInt8 = 0x00

    /// W, the number of context bytes.
    public let width: Int

    public init(width: Int) {
        precondition(width >= 1, "a context holds at least one byte")
        self.width = width
    }

    /// The context of `position` (0 ... text.count), oldest byte first.
    public func context(at position: Int, in text: [UInt8]) -> [UInt8] {
        var context = [UInt8](repeating: Self.padByte, count: width)
        text.withUnsafeBufferPointer { text in
            context.withUnsafeMutableBufferPointer { context in
                copyContext(of: position, in: text, to: context.baseAddress!)
            }
        }
        return context
    }

    /// Writes the contexts of `positions` into `contexts`, row `i` (W bytes
    /// at `i · W`) for `positions[i]`. Each position lies in `0 ... text.count`.
    public func fill(
        _ contexts: UnsafeMutableBufferPointer<UInt8>,
        at positions: UnsafeBufferPointer<Int>,
        in text: UnsafeBufferPointer<UInt8>
    ) {
        precondition(contexts.count >= positions.count * width, "context buffer too small")
        guard let destination = contexts.baseAddress else { return }
        for i in 0..<positions.count {
            copyContext(of: positions[i], in: text, to: destination + i * width)
        }
    }

    /// Writes the contexts of the consecutive `positions` into `contexts`,
    /// row `i` for position `positions.lowerBound + i`: evaluation scores
    /// every byte of a range this way, chunk by chunk (see `PositionChunks`).
    public func fill(
        _ contexts: UnsafeMutableBufferPointer<UInt8>,
        for positions: Range<Int>,
        in text: UnsafeBufferPointer<UInt8>
    ) {
        precondition(contexts.count >= positions.count * width, "context buffer too small")
        guard let destination = contexts.baseAddress else { return }
        for (i, position) in positions.enumerated() {
            copyContext(of: position, in: text, to: destination + i * width)
        }
    }

    /// Copies the W context bytes of `position` to `destination`.
    @inline(__always)
    func copyContext(of position: Int, in text: UnsafeBufferPointer<UInt8>, to destination: UnsafeMutablePointer<UInt8>) {
        precondition(position >= 0 && position <= text.count, "position outside the text")
        let start = position - width
        if start >= 0 {
            destination.update(from: text.baseAddress! + start, count: width)
        } else {
            let padding = -start
            destination.update(repeating: Self.padByte, count: padding)
            if position > 0 { (destination + padding).update(from: text.baseAddress!, count: position) }
        }
    }
}
