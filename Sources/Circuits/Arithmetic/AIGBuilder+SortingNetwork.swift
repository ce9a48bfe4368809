extension AIGBuilder {
    /// Batcher's odd–even merge sort of `bits` as gates: output j is 1 exactly when at least j + 1 of the bits
    /// are (the count in unary, the order encoding of a popcount). A comparator is (a ∨ b, a ∧ b): 2 ANDs;
    /// n = 256 takes 3,839 comparators. Unlike a binary adder tree, the unary count is monotone in every
    /// input, so three-valued simulation and unit propagation through it bound the count exactly: with k
    /// inputs known 1 and u unknown, outputs 0…k−1 are 1 and k+u… are 0 — the interval arithmetic that
    /// comparisons of scores need (`unaryAtLeast`).
    public mutating func sortingNetwork(_ bits: [Literal]) -> [Literal] {
        guard bits.count > 1 else { return bits }
        var size = 1
        while size < bits.count { size <<= 1 }
        // Padding with constant 0s sorts to the end; the gates that touch them fold away.
        var wires = bits + [Literal](repeating: .false, count: size - bits.count)
        var p = 1
        while p < size {
            var k = p
            while k >= 1 {
                var j = k % p
                while j + k < size {
                    for i in 0 ..< min(k, size - j - k) where (i + j) / (2 * p) == (i + j + k) / (2 * p) {
                        let a = wires[i + j], b = wires[i + j + k]
                        wires[i + j] = or(a, b)
                        wires[i + j + k] = and(a, b)
                    }
                    j += 2 * k
                }
                k >>= 1
            }
            p <<= 1
        }
        return Array(wires.prefix(bits.count))
    }

    /// "At least `n` of the bits are 1" from their unary count `sorted` (`sortingNetwork`'s output).
    public static func unaryAtLeast(_ sorted: [Literal], _ n: Int) -> Literal {
        n <= 0 ? .true : n > sorted.count ? .false : sorted[n - 1]
    }

    /// "count(a) ≥ count(b) + margin" from two unary counts: for every j, b's count reaching j forces a's to reach
    /// j + margin — one AND of count(b) implications, linear in the counts.
    public mutating func unaryGreaterOrEqual(_ a: [Literal], _ b: [Literal], margin: Int) -> Literal {
        var terms = [Self.unaryAtLeast(a, margin)]
        for j in stride(from: 1, through: b.count, by: 1) {
            terms.append(or(!b[j - 1], Self.unaryAtLeast(a, j + margin)))
        }
        return and(terms)
    }
}
