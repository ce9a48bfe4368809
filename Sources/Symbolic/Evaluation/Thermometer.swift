/// A saturating count in unary: `levels[m − 1]` is the plane of [count ≥ m], m = 1…T, so a
/// threshold is read off as one plane. Adding a term of weight w moves every level by w
/// (`[c' ≥ m] = [c ≥ m] ∨ (term ∧ [c ≥ m − w])`): T operations per term whatever w is.
struct Thermometer<Algebra: PositionAlgebra> {
    private(set) var levels: [Algebra.Plane?]

    /// A count of zero, saturating at `cap`.
    init(cap: Int) { levels = [Algebra.Plane?](repeating: nil, count: max(cap, 0)) }

    /// The count whose levels are `levels`.
    init(levels: [Algebra.Plane?]) { self.levels = levels }

    var cap: Int { levels.count }

    mutating func add(_ term: Algebra.Plane?, weight: Int, in algebra: inout Algebra) {
        guard let term, weight > 0 else { return }
        for m in stride(from: levels.count, through: 1, by: -1) {
            let below: Algebra.Plane? = m - weight <= 0 ? term : algebra.and(term, levels[m - weight - 1])
            levels[m - 1] = algebra.or(levels[m - 1], below)
        }
    }

    /// Adds the term a ∧ (b shifted by d), in one pass where the carrier fuses it.
    mutating func add(_ a: Algebra.Plane, and b: Algebra.Plane?, shiftedBy d: Int, weight: Int, in algebra: inout Algebra) {
        guard weight > 0 else { return }
        algebra.addToThermometer(&levels, a, and: b, shiftedBy: d, weight: weight)
    }

    /// [count ≥ m]; m ≤ 0 always holds.
    func atLeast(_ m: Int, one: Algebra.Plane) -> Algebra.Plane? {
        m <= 0 ? one : m > levels.count ? nil : levels[m - 1]
    }
}
