/// Derived two-input gates and multi-input reductions, all built from
/// `and(_:_:)` so they share structure through the hash table.
extension AIGBuilder {
    /// `a ∨ b`.
    public mutating func or(_ a: Literal, _ b: Literal) -> Literal { !and(!a, !b) }

    /// `a ⊕ b`, built in one canonical form (regular fanins, smaller first) so
    /// that `xor(a, b)`, `xor(b, a)` and `¬xor(¬a, b)` share their nodes.
    ///
    /// The form is `¬(x∧y) ∧ ¬(¬x∧¬y)`: it contains `x∧y`, the carry of a
    /// half adder, so adders built on it need one AND fewer per bit.
    public mutating func xor(_ a: Literal, _ b: Literal) -> Literal {
        if a.isConstant { return b.complemented(if: a == .true) }
        if b.isConstant { return a.complemented(if: b == .true) }
        if a == b { return .false }
        if a == !b { return .true }
        let flip = a.isComplemented != b.isComplemented
        var x = a.regular, y = b.regular
        if x.raw > y.raw { swap(&x, &y) }
        let result = and(!and(x, y), !and(!x, !y))
        return result.complemented(if: flip)
    }

    /// `¬(a ⊕ b)`.
    public mutating func xnor(_ a: Literal, _ b: Literal) -> Literal { !xor(a, b) }

    /// `select ? whenTrue : whenFalse`.
    public mutating func mux(_ select: Literal, _ whenTrue: Literal, _ whenFalse: Literal) -> Literal {
        if whenTrue == whenFalse { return whenTrue }
        if select.isConstant { return select == .true ? whenTrue : whenFalse }
        if whenTrue == !whenFalse { return xnor(select, whenTrue) }
        return or(and(select, whenTrue), and(!select, whenFalse))
    }

    /// The conjunction of `literals` as a balanced tree (true when empty).
    public mutating func and(_ literals: [Literal]) -> Literal {
        reduceBalanced(literals, identity: .true) { b, x, y in b.and(x, y) }
    }

    /// The disjunction of `literals` as a balanced tree (false when empty).
    public mutating func or(_ literals: [Literal]) -> Literal {
        reduceBalanced(literals, identity: .false) { b, x, y in b.or(x, y) }
    }

    /// The parity of `literals` as a balanced tree (false when empty).
    public mutating func xor(_ literals: [Literal]) -> Literal {
        reduceBalanced(literals, identity: .false) { b, x, y in b.xor(x, y) }
    }

    private mutating func reduceBalanced(
        _ literals: [Literal], identity: Literal,
        _ combine: (inout AIGBuilder, Literal, Literal) -> Literal
    ) -> Literal {
        guard !literals.isEmpty else { return identity }
        var level = literals
        while level.count > 1 {
            var next = [Literal]()
            next.reserveCapacity((level.count + 1) / 2)
            var i = 0
            while i + 1 < level.count {
                next.append(combine(&self, level[i], level[i + 1]))
                i += 2
            }
            if i < level.count { next.append(level[i]) }
            level = next
        }
        return level[0]
    }

    /// A two-input boolean function of `a` and `b`.
    public mutating func gate(_ function: BooleanFunction2, _ a: Literal, _ b: Literal) -> Literal {
        switch function.index {
        case 0: return .false
        case 1: return and(a, b)
        case 2: return and(a, !b)
        case 3: return a
        case 4: return and(!a, b)
        case 5: return b
        case 6: return xor(a, b)
        case 7: return or(a, b)
        case 8: return !or(a, b)
        case 9: return xnor(a, b)
        case 10: return !b
        case 11: return or(a, !b)
        case 12: return !a
        case 13: return or(!a, b)
        case 14: return !and(a, b)
        default: return .true
        }
    }
}
