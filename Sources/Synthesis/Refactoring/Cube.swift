/// A product term over at most 16 variables: bit `i` of `positive` is the
/// literal `x_i`, bit `i` of `negative` is `¬x_i`.
struct Cube: Hashable, Sendable {
    var positive: UInt16 = 0
    var negative: UInt16 = 0

    var literalCount: Int { positive.nonzeroBitCount + negative.nonzeroBitCount }
    var isEmpty: Bool { positive == 0 && negative == 0 }

    /// Whether this cube contains literal `l` (`2 · variable + negated`).
    func contains(literal l: Int) -> Bool {
        (l & 1 == 0 ? positive : negative) >> (l >> 1) & 1 != 0
    }

    /// This cube without the literals of `other`.
    func removing(_ other: Cube) -> Cube { Cube(positive: positive & ~other.positive, negative: negative & ~other.negative) }
}
