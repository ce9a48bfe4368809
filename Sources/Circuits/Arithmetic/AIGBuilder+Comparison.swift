/// Unsigned comparisons of bit vectors with constants and with each other.
///
/// Comparison with a constant needs no adder: scanning from the least
/// significant bit, `x ≥ k` on the low bits is `xᵢ ∧ r` where kᵢ = 1 and
/// `xᵢ ∨ r` where kᵢ = 0, with r = true below the lowest set bit of k, so it
/// costs at most one AND per bit above that bit. Constants outside the range
/// of the vector give constant answers.
extension AIGBuilder {
    /// `x ≥ k`.
    public mutating func greaterThanOrEqual(_ x: BitVector, _ k: Int) -> Literal {
        k <= 0 ? .true : atLeast(x, UInt64(k))
    }

    /// `x > k`.
    public mutating func greaterThan(_ x: BitVector, _ k: Int) -> Literal {
        k < 0 ? .true : atLeast(x, UInt64(k) + 1)
    }

    /// `x ≤ k`.
    public mutating func lessThanOrEqual(_ x: BitVector, _ k: Int) -> Literal {
        !greaterThan(x, k)
    }

    /// `x < k`.
    public mutating func lessThan(_ x: BitVector, _ k: Int) -> Literal {
        !greaterThanOrEqual(x, k)
    }

    /// `x == k`: the conjunction of each bit or its complement.
    public mutating func equal(_ x: BitVector, _ k: Int) -> Literal {
        guard k >= 0, BitVector.bitWidth(representing: k) <= x.count else { return .false }
        let matches = x.enumerated().map { i, bit in
            bit.complemented(if: i >= Int.bitWidth || (k >> i) & 1 == 0)
        }
        return and(matches)
    }

    /// `x ≥ k` for k > 0.
    private mutating func atLeast(_ x: BitVector, _ k: UInt64) -> Literal {
        let neededWidth = UInt64.bitWidth - k.leadingZeroBitCount
        guard neededWidth <= x.count else { return .false }
        var atLeastLowBits = Literal.true
        for (i, bit) in x.enumerated() {
            let kBit = i < UInt64.bitWidth && (k >> UInt64(i)) & 1 != 0
            atLeastLowBits = kBit ? and(bit, atLeastLowBits) : or(bit, atLeastLowBits)
        }
        return atLeastLowBits
    }

    // MARK: Two vectors

    /// `a ≥ b` for vectors of any widths: a chain of majorities
    /// r ← maj(aᵢ, ¬bᵢ, r) from the least significant bit (the borrow chain of
    /// a − b), 4 ANDs per bit where both vectors have a bit.
    public mutating func greaterThanOrEqual(_ a: BitVector, _ b: BitVector) -> Literal {
        var atLeastLowBits = Literal.true
        for i in 0..<Swift.max(a.count, b.count) {
            atLeastLowBits = majority(a.bit(i), !b.bit(i), atLeastLowBits)
        }
        return atLeastLowBits
    }

    /// `a > b`.
    public mutating func greaterThan(_ a: BitVector, _ b: BitVector) -> Literal {
        !greaterThanOrEqual(b, a)
    }

    /// `a ≤ b`.
    public mutating func lessThanOrEqual(_ a: BitVector, _ b: BitVector) -> Literal {
        greaterThanOrEqual(b, a)
    }

    /// `a < b`.
    public mutating func lessThan(_ a: BitVector, _ b: BitVector) -> Literal {
        !greaterThanOrEqual(a, b)
    }

    /// `a == b`: every bit pair agrees, where the bits missing from the
    /// narrower vector count as zero.
    public mutating func equal(_ a: BitVector, _ b: BitVector) -> Literal {
        let agreements = (0..<Swift.max(a.count, b.count)).map { i in xnor(a.bit(i), b.bit(i)) }
        return and(agreements)
    }

    /// At least two of `x`, `y`, `z`: (x ∧ y) ∨ (z ∧ (x ∨ y)).
    private mutating func majority(_ x: Literal, _ y: Literal, _ z: Literal) -> Literal {
        or(and(x, y), and(z, or(x, y)))
    }
}
