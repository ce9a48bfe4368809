/// A range of positions cut into consecutive chunks of at most `size`
/// positions: evaluation walks every position of a split once, a minibatch
/// at a time.
public struct PositionChunks: Sequence, Sendable {
    public let positions: Range<Int>
    public let size: Int

    public init(_ positions: Range<Int>, size: Int) {
        precondition(size >= 1, "chunk size must be positive")
        self.positions = positions
        self.size = size
    }

    public struct Iterator: IteratorProtocol, Sendable {
        var start: Int
        let end: Int
        let size: Int

        public mutating func next() -> Range<Int>? {
            guard start < end else { return nil }
            let chunk = start..<Swift.min(end, start + size)
            start = chunk.upperBound
            return chunk
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(start: positions.lowerBound, end: positions.upperBound, size: size)
    }
}
