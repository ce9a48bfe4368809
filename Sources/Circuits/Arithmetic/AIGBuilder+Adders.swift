/// Half and full adders, and the ripple-carry adder built from them.
extension AIGBuilder {
    /// `a + b` as a (sum, carry) pair: `xor` and `and`, 4 ANDs, or 3 when the
    /// xor already holds `a ∧ b` (with the current xor form: when `a` and `b`
    /// differ in polarity).
    public mutating func halfAdder(_ a: Literal, _ b: Literal) -> (sum: Literal, carry: Literal) {
        (xor(a, b), and(a, b))
    }

    /// `a + b + c` as a (sum, carry) pair.
    ///
    /// sum = (x ⊕ y) ⊕ z and carry = (x ∧ y) ∨ (z ∧ (x ⊕ y)), or its dual
    /// ¬((¬x ∧ ¬y) ∨ (¬z ∧ (x ⊕ y))), choosing the pairing and the form whose
    /// ANDs already exist inside the two xors: 7 ANDs, or 8 when no input pair
    /// lets the xor share x ∧ y (with the current xor form: when all three
    /// inputs have one polarity, as in a popcount of plain inputs). The result
    /// does not depend on the order of the arguments, so equal adders share
    /// every node.
    public mutating func fullAdder(_ a: Literal, _ b: Literal, _ c: Literal) -> (sum: Literal, carry: Literal) {
        let (x, y, z) = Self.fullAdderPairing(a, b, c)
        if x.isConstant {
            // Constants sort first: 0 + y + z or 1 + y + z.
            return x == .false ? halfAdder(y, z) : (xnor(y, z), or(y, z))
        }
        let pair = xor(x, y)
        let sum = xor(pair, z)
        let carry = Self.xorHoldsConjunction(pair, z)
            ? or(and(x, y), and(z, pair))
            : !or(and(!x, !y), and(!z, pair))
        return (sum, carry)
    }

    /// The sum bit of `fullAdder(a, b, c)` alone, sharing its nodes.
    public mutating func fullAdderSum(_ a: Literal, _ b: Literal, _ c: Literal) -> Literal {
        let (x, y, z) = Self.fullAdderPairing(a, b, c)
        return xor(xor(x, y), z)
    }

    /// Orders the inputs as (x, y, z) with x ⊕ y computed first: constants
    /// first, then a pair on one variable (its xor is constant), then a pair
    /// whose xor shares x ∧ y, else the two smallest.
    private static func fullAdderPairing(
        _ a: Literal, _ b: Literal, _ c: Literal
    ) -> (Literal, Literal, Literal) {
        var s = (a, b, c)
        if s.0.raw > s.1.raw { swap(&s.0, &s.1) }
        if s.1.raw > s.2.raw { swap(&s.1, &s.2) }
        if s.0.raw > s.1.raw { swap(&s.0, &s.1) }
        let (p, q, r) = s
        if p.isConstant { return (p, q, r) }
        func firstPair(where accepts: (Literal, Literal) -> Bool) -> (Literal, Literal, Literal)? {
            if accepts(p, q) { return (p, q, r) }
            if accepts(p, r) { return (p, r, q) }
            if accepts(q, r) { return (q, r, p) }
            return nil
        }
        return firstPair { $0.variable == $1.variable } ?? firstPair(where: xorHoldsConjunction) ?? (p, q, r)
    }

    /// Whether the nodes of `xor(p, q)` include `p ∧ q` (and `¬p ∧ ¬q`). With
    /// the xor form of AIGBuilder+Gates that depends only on whether p and q
    /// have equal polarities; which way is probed once, so the adders stay
    /// minimal if that form changes.
    private static func xorHoldsConjunction(_ p: Literal, _ q: Literal) -> Bool {
        (p.isComplemented == q.isComplemented) == xorOfEqualPolaritiesHoldsConjunction
    }

    private static let xorOfEqualPolaritiesHoldsConjunction: Bool = {
        var probe = AIGBuilder(expectedAnds: 4)
        let x = probe.addInput(), y = probe.addInput()
        _ = probe.xor(x, y)
        return probe.lookupAnd(x, y) != nil
    }()

    /// `a + b + carryIn` by ripple carry; the result is one bit wider than the
    /// wider operand.
    public mutating func add(_ a: BitVector, _ b: BitVector, carryIn: Literal = .false) -> BitVector {
        let width = Swift.max(a.count, b.count)
        var result = BitVector()
        result.reserveCapacity(width + 1)
        var carry = carryIn
        for i in 0..<width {
            let bit = fullAdder(a.bit(i), b.bit(i), carry)
            result.append(bit.sum)
            carry = bit.carry
        }
        result.append(carry)
        return result
    }

    /// `x + 1`, one bit wider than `x`.
    public mutating func increment(_ x: BitVector) -> BitVector {
        add(x, [], carryIn: .true)
    }
}
