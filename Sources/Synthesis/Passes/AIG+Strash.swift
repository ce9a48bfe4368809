import Circuits

extension AIG {
    /// Structural hashing with constant propagation and dangling-node
    /// removal (ABC's `strash` followed by `sweep`): every AND is rebuilt in
    /// order through a hashing builder, so duplicate pairs merge, the trivial
    /// rules (`x∧x`, `x∧¬x`, constants) fold, and logic that no output,
    /// latch or property reaches is dropped.
    public func structurallyHashed() -> AIG {
        var rebuild = AIGRebuilder(self)
        for k in 0..<andCount { rebuild.copyAnd(k) }
        return rebuild.finish()
    }
}
