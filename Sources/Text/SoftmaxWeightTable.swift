import Foundation

/// The softmax weights `exp(−d / divisor)` of the score differences
/// `d = maximum − score` that integer class scores produce, looked up instead
/// of computed: sampling then costs no `exp` per class.
///
/// Each entry is computed exactly as `ClassScores.weight(ofClass:)` computes
/// it (`exp((Double(score) − Double(maximum)) / divisor)`, the difference
/// being exact in Double), so a table lookup and the direct formula give the
/// same bits. Differences past the table are computed directly.
struct SoftmaxWeightTable: Sendable {
    let divisor: Double
    /// `weights[d] = exp(−d / divisor)`; it stops after the first weight that underflows to 0.
    private let weights: [Double]

    /// Differences this large and larger are computed, not looked up.
    static let maximumCount = 1024

    init(divisor: Double) {
        precondition(divisor > 0, "the softmax divisor must be positive")
        self.divisor = divisor
        var weights = [Double]()
        while weights.count < Self.maximumCount {
            let weight = Self.computedWeight(difference: weights.count, divisor: divisor)
            weights.append(weight)
            if weight == 0 { break }
        }
        self.weights = weights
    }

    /// `exp(−difference / divisor)`, the formula the table caches.
    @inline(__always)
    static func computedWeight(difference: Int, divisor: Double) -> Double {
        exp(-Double(difference) / divisor)
    }

    /// `exp(−difference / divisor)` for `difference ≥ 0`; every difference
    /// past a weight that underflowed to 0 has weight 0 as well.
    @inline(__always)
    func weight(difference: Int) -> Double {
        if difference < weights.count { return weights.withUnsafeBufferPointer { $0[difference] } }
        return weights.last == 0 ? 0 : Self.computedWeight(difference: difference, divisor: divisor)
    }
}

extension SoftmaxWeightTable {
    /// Differences up to this one are plain table entries.
    var largestTabulatedDifference: Int { weights.count - 1 }

    /// Calls `body` with the table's entries (index = difference, up to
    /// `largestTabulatedDifference`), for lookups without bounds checks.
    func withEntries<R>(_ body: (UnsafePointer<Double>) throws -> R) rethrows -> R {
        try weights.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// `weight(difference:)` of eight differences.
    @inline(__always)
    func weights(differences d: SIMD8<Int32>) -> SIMD8<Double> {
        SIMD8(weight(difference: Int(d[0])), weight(difference: Int(d[1])), weight(difference: Int(d[2])),
              weight(difference: Int(d[3])), weight(difference: Int(d[4])), weight(difference: Int(d[5])),
              weight(difference: Int(d[6])), weight(difference: Int(d[7])))
    }

    /// The entries of eight differences, each at most `largestTabulatedDifference`.
    @inline(__always)
    static func entries(_ entries: UnsafePointer<Double>, differences d: SIMD8<Int32>) -> SIMD8<Double> {
        SIMD8(entries[Int(d[0])], entries[Int(d[1])], entries[Int(d[2])], entries[Int(d[3])],
              entries[Int(d[4])], entries[Int(d[5])], entries[Int(d[6])], entries[Int(d[7])])
    }
}
