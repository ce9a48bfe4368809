/// Prefix ORs and the one-hot priority encoder, in logarithmic depth.
extension AIGBuilder {
    /// `result[k] = literals[0] ∨ … ∨ literals[k]`, as a work-efficient parallel prefix
    /// (Brent–Kung): fewer than 2n ORs, depth at most 2⌈log₂ n⌉, where a chain would be n deep.
    public mutating func prefixOr(_ literals: [Literal]) -> [Literal] {
        guard literals.count > 1 else { return literals }
        // Pair up, take the pairs' prefixes recursively, then fill in the even positions.
        let pairs = stride(from: 0, to: literals.count - 1, by: 2).map { or(literals[$0], literals[$0 + 1]) }
        let pairPrefix = prefixOr(pairs)          // pairPrefix[i] = literals[0 … 2i + 1]
        var result = [Literal]()
        result.reserveCapacity(literals.count)
        for k in literals.indices {
            if k == 0 { result.append(literals[0]) }
            else if k % 2 == 1 { result.append(pairPrefix[k / 2]) }
            else { result.append(or(pairPrefix[k / 2 - 1], literals[k])) }
        }
        return result
    }

    /// The one-hot first true literal: `lines[k] = literals[k] ∧ ¬(literals[0] ∨ … ∨ literals[k−1])`,
    /// and `none`, true when no literal is. Depth at most 2⌈log₂ n⌉ + 1.
    public mutating func firstTrue(_ literals: [Literal]) -> (lines: [Literal], none: Literal) {
        let prefix = prefixOr(literals)
        let lines = literals.indices.map { k in k == 0 ? literals[0] : and(literals[k], !prefix[k - 1]) }
        return (lines, !(prefix.last ?? .false))
    }
}
