import Foundation

/// A small, fast, seedable random number generator (SplitMix64).
///
/// Everything random in GateLM (patterns, generated circuits, wiring and
/// initial weights, minibatches, sampling) is derived from an explicit seed
/// through this one generator, so results are reproducible across runs and
/// machines.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0 ..< bound` (multiply-high mapping: one draw, no loop;
    /// the bias, below bound / 2⁶⁴, is negligible).
    @inlinable
    public mutating func nextIndex(below bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `[0, 1)` with 53 random bits.
    @inlinable
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A sample of the normal distribution N(mean, deviation²) (Box–Muller).
    public mutating func nextNormal(mean: Float = 0, deviation: Float = 1) -> Float {
        let u1 = Double(next() >> 11 + 1) * 0x1p-53       // (0, 1]
        let u2 = nextUnitInterval()
        let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        return mean + deviation * Float(z)
    }
}
