/// Selecting between bit vectors.
extension AIGBuilder {
    /// `select ? whenTrue : whenFalse`, bit by bit; the narrower vector is
    /// zero-extended, so the result has the larger width.
    public mutating func mux(_ select: Literal, _ whenTrue: BitVector, _ whenFalse: BitVector) -> BitVector {
        (0..<Swift.max(whenTrue.count, whenFalse.count)).map { i in
            mux(select, whenTrue.bit(i), whenFalse.bit(i))
        }
    }

    /// `choices[index]`, where `index` is unsigned, least significant bit first.
    ///
    /// A binary tree of 2:1 muxes, one level per index bit. An index past the
    /// last choice selects zero. Only the first 2^index.count choices are
    /// reachable; the result has the width of the widest choice.
    public mutating func mux(_ choices: [BitVector], index: BitVector) -> BitVector {
        let width = choices.map(\.count).max() ?? 0
        var level = choices
        for select in index {
            var next = [BitVector]()
            next.reserveCapacity((level.count + 1) / 2)
            var i = 0
            while i < level.count {
                let high = i + 1 < level.count ? level[i + 1] : []
                next.append(mux(select, high, level[i]))
                i += 2
            }
            level = next
        }
        return (level.first ?? []).zeroExtended(to: width)
    }
}
