extension AIGBuilder {
    /// Copies the ANDs of `aig` into this builder with `leaves[i]` as the
    /// image of leaf `i` (inputs, then latches); returns the image of every
    /// variable of `aig`, for remapping its roots.
    public mutating func copyLogic(of aig: AIG, leaves: [Literal]) -> [Literal] {
        precondition(leaves.count == aig.inputCount + aig.latchCount, "one image per input and latch")
        var image = [Literal](repeating: .false, count: aig.variableCount)
        for (i, leaf) in leaves.enumerated() { image[1 + i] = leaf }
        let first = aig.firstAndVariable
        for k in 0..<aig.andCount {
            let a = aig.fanin0[k], b = aig.fanin1[k]
            image[first + k] = and(image[a.variable].complemented(if: a.isComplemented),
                                   image[b.variable].complemented(if: b.isComplemented))
        }
        return image
    }
}

extension Array where Element == Literal {
    /// The image of `literal` under this variable map.
    public func image(of literal: Literal) -> Literal {
        self[literal.variable].complemented(if: literal.isComplemented)
    }
}
