import Foundation

/// The seeded generator behind every random initialisation in Learning
/// (wiring, logits, embeddings), so a seed reproduces a model exactly.
///
/// wyrand: one 64×64→128-bit multiply per number, passes BigCrush.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0xA076_1D64_78BD_642F
        let product = state.multipliedFullWidth(by: state ^ 0xE703_7ED1_A0B4_28DB)
        return product.high ^ product.low
    }

    /// A sample of the normal distribution N(mean, deviation²) (Box–Muller).
    public mutating func nextNormal(mean: Float = 0, deviation: Float = 1) -> Float {
        let u1 = Double(next() >> 11 + 1) * 0x1p-53       // (0, 1]
        let u2 = Double(next() >> 11) * 0x1p-53           // [0, 1)
        let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        return mean + deviation * Float(z)
    }
}
