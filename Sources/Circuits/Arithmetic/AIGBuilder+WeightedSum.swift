/// Integer-weighted sums of bits: the adder trees of k-bit integer units.
extension AIGBuilder {
    /// Σ wᵢ·xᵢ over bits xᵢ with integer weights, as an unsigned vector and an offset: the sum is
    /// `sum − offset`. A negative weight uses −w·x = |w|·¬x − |w| (so `offset` is the total of the
    /// negative weights' magnitudes); each literal enters the bit columns of its weight's set bits,
    /// and the columns are compressed by carry-save adders, one adder tree for the whole sum.
    public mutating func weightedSum(inputs: [Literal], weights: [Int]) -> (sum: BitVector, offset: Int) {
        precondition(inputs.count == weights.count, "one weight per input")
        var columns = [[Literal]](), offset = 0
        for (x, w) in zip(inputs, weights) where w != 0 {
            let literal = w > 0 ? x : !x, magnitude = w.magnitude
            if w < 0 { offset += Int(magnitude) }
            for j in 0..<(UInt.bitWidth - magnitude.leadingZeroBitCount) where magnitude >> UInt(j) & 1 == 1 {
                if columns.count <= j { columns += Array(repeating: [], count: j + 1 - columns.count) }
                columns[j].append(literal)
            }
        }
        return (compressColumns(columns), offset)
    }
}
