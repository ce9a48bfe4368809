/// Boolean functions of a position, and the few operations the semantics needs on them: what
/// the one evaluator of the layers (`PlaneEvaluator`) computes with.
///
/// Two carriers implement it, so that the interpreter and the compiled circuit are one
/// definition run twice:
/// - `PositionBits`: one bit per position of a text, 64 positions per word (the fast
///   interpreter over a corpus);
/// - `WindowLiterals`: one AIG literal per position of the W-byte window (the compiler).
///
/// A plane's value at position i is a function of the bytes at i and before; `shifted(_:by:)`
/// reads the plane d positions back, and positions before the first read false.
protocol PositionAlgebra {
    associatedtype Plane
    /// True at every position.
    var one: Plane { get }
    mutating func and(_ a: Plane, _ b: Plane) -> Plane
    mutating func or(_ a: Plane, _ b: Plane) -> Plane
    mutating func not(_ a: Plane) -> Plane
    /// a ∧ ¬b.
    mutating func andNot(_ a: Plane, _ b: Plane) -> Plane
    /// Whether the plane is false at every position (so it can be dropped for `nil`).
    func isFalse(_ a: Plane) -> Bool
    /// The plane whose value at i is `a`'s at i − d (d ≥ 0); false where i − d is before the first position.
    mutating func shifted(_ a: Plane, by d: Int) -> Plane
    /// Adds the term a ∧ (b shifted by d) of weight w ≥ 1 to a thermometer's levels
    /// (`levels[m − 1]` = [count ≥ m]): `Thermometer.add` of that term, which is the default;
    /// a carrier may fuse it (the attention's inner loop).
    mutating func addToThermometer(_ levels: inout [Plane?], _ a: Plane, and b: Plane?, shiftedBy d: Int, weight: Int)
}

extension PositionAlgebra {
    mutating func addToThermometer(_ levels: inout [Plane?], _ a: Plane, and b: Plane?, shiftedBy d: Int, weight: Int) {
        var count = Thermometer<Self>(levels: levels)
        count.add(and(a, shifted(b, by: d)), weight: weight, in: &self)
        levels = count.levels
    }
}

/// Planes that may be false everywhere (`nil`), so that the many labels that never hold cost
/// nothing.
extension PositionAlgebra {
    mutating func and(_ a: Plane?, _ b: Plane?) -> Plane? {
        guard let a, let b else { return nil }
        return and(a, b)
    }

    mutating func or(_ a: Plane?, _ b: Plane?) -> Plane? {
        guard let a else { return b }
        guard let b else { return a }
        return or(a, b)
    }

    /// a ∧ ¬b.
    mutating func andNot(_ a: Plane?, _ b: Plane?) -> Plane? {
        guard let a else { return nil }
        guard let b else { return a }
        return andNot(a, b)
    }

    mutating func not(_ a: Plane?) -> Plane {
        guard let a else { return one }
        return not(a)
    }

    mutating func shifted(_ a: Plane?, by d: Int) -> Plane? {
        guard let a else { return nil }
        return d == 0 ? a : shifted(a, by: d)
    }

    mutating func or(_ planes: [Plane?]) -> Plane? {
        var result: Plane?
        for p in planes { result = or(result, p) }
        return result
    }
}
