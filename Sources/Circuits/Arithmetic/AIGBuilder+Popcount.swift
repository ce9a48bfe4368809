/// Counting the true bits among literals.
extension AIGBuilder {
    /// The number of true literals in `bits`, in ⌈log2(n + 1)⌉ bits.
    ///
    /// A carry-save compression of one column; the bits are taken in literal
    /// order, so counting the same set of literals in any order builds the
    /// same nodes. A 7-bit count uses 4 full adders.
    public mutating func popcount(_ bits: [Literal]) -> BitVector {
        compressColumns([bits])
    }
}
