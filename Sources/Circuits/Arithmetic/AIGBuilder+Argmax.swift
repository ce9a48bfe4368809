/// The position and value of the largest of several unsigned vectors.
extension AIGBuilder {
    /// The index of the first maximum of `values` (ties go to the lowest index),
    /// in ⌈log2 k⌉ bits least significant first, and the maximum itself in the
    /// width of the widest value.
    ///
    /// A tournament tree: at each match the right contender wins only when it
    /// is strictly greater. Index bit ℓ is the decision at level ℓ on the path
    /// to the winner, selected by the higher index bits.
    public mutating func argmax(_ values: [BitVector]) -> (index: BitVector, maximum: BitVector) {
        let (maximum, decisions) = tournament(values)
        var index = BitVector(repeating: .false, count: decisions.count)
        for level in decisions.indices.reversed() {
            let higherBits = Array(index[(level + 1)...])
            index[level] = mux(decisions[level].map { [$0] }, index: higherBits).bit(0)
        }
        return (index, maximum)
    }

    /// One literal per value, true exactly at the first maximum, and the
    /// maximum: the decisions of `argmax`'s tournament, ANDed along each path.
    public mutating func argmaxOneHot(_ values: [BitVector]) -> (oneHot: [Literal], maximum: BitVector) {
        let (maximum, decisions) = tournament(values)
        var winners: [Literal] = [.true]
        for level in decisions.indices.reversed() {
            let contenders = Self.contenderCount(values.count, level: level)
            var below = [Literal]()
            below.reserveCapacity(contenders)
            for (match, isWinner) in winners.enumerated() {
                let rightWins = decisions[level][match]
                below.append(and(isWinner, !rightWins))
                if 2 * match + 1 < contenders { below.append(and(isWinner, rightWins)) }
            }
            winners = below
        }
        return (winners, maximum)
    }

    /// The maximum and, per level, whether the right contender of each match
    /// won (constant false for a contender without an opponent).
    private mutating func tournament(_ values: [BitVector]) -> (maximum: BitVector, decisions: [[Literal]]) {
        precondition(!values.isEmpty, "argmax of no values")
        var level = values
        var decisions = [[Literal]]()
        while level.count > 1 {
            var next = [BitVector](), rightWins = [Literal]()
            var i = 0
            while i < level.count {
                if i + 1 < level.count {
                    let wins = greaterThan(level[i + 1], level[i])
                    rightWins.append(wins)
                    next.append(mux(wins, level[i + 1], level[i]))
                } else {
                    rightWins.append(.false)
                    next.append(level[i])
                }
                i += 2
            }
            decisions.append(rightWins)
            level = next
        }
        let width = values.map(\.count).max() ?? 0
        return (level[0].zeroExtended(to: width), decisions)
    }

    /// The number of contenders at tournament `level` for `count` values.
    private static func contenderCount(_ count: Int, level: Int) -> Int {
        var n = count
        for _ in 0..<level { n = (n + 1) / 2 }
        return n
    }
}
