/// A set of AIG variables as a bit set over `0..<capacity`.
public struct VariableSet: Sendable, Hashable, Sequence {
    private var words: [UInt64]
    /// One more than the largest variable the set can hold.
    public let capacity: Int

    /// An empty set for variables `0..<capacity`.
    public init(capacity: Int) {
        self.capacity = capacity
        words = [UInt64](repeating: 0, count: (capacity + 63) / 64)
    }

    /// The set of `v` for which `marks[v]` is true.
    init(marks: [Bool]) {
        self.init(capacity: marks.count)
        for v in marks.indices where marks[v] { words[v >> 6] |= 1 << UInt64(v & 63) }
    }

    public func contains(_ variable: Int) -> Bool {
        variable >= 0 && variable < capacity && words[variable >> 6] & (1 << UInt64(variable & 63)) != 0
    }

    public mutating func insert(_ variable: Int) {
        precondition(variable >= 0 && variable < capacity, "variable \(variable) outside 0..<\(capacity)")
        words[variable >> 6] |= 1 << UInt64(variable & 63)
    }

    /// Number of variables in the set.
    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// The variables in increasing order.
    public func makeIterator() -> Iterator { Iterator(words: words) }

    public struct Iterator: IteratorProtocol {
        fileprivate let words: [UInt64]
        private var index = 0
        private var current: UInt64

        fileprivate init(words: [UInt64]) {
            self.words = words
            current = words.first ?? 0
        }

        public mutating func next() -> Int? {
            while current == 0 {
                index += 1
                if index >= words.count { return nil }
                current = words[index]
            }
            let bit = current.trailingZeroBitCount
            current &= current - 1
            return index * 64 + bit
        }
    }
}
