import GateLMSupport
import Foundation

/// Accumulates the cost of predicted bytes in bits: −log2 q for each scored
/// byte, where q is the probability the model gave it. The mean is the
/// bits-per-byte figure models are compared on.
public struct BitsPerByte: Sendable, Equatable, Codable {
    /// Σ −log2 q over the scored bytes.
    public private(set) var totalBits: Double = 0
    /// The number of scored bytes.
    public private(set) var count: Int = 0

    public init() {}

    /// Bits per byte: the mean of −log2 q (NaN before any byte is scored).
    public var mean: Double { count == 0 ? .nan : totalBits / Double(count) }

    /// Scores one byte the model gave probability `q`.
    public mutating func add(probability q: Double) {
        add(bits: -log2(q))
    }

    /// Scores one byte costing `bits`.
    public mutating func add(bits: Double) {
        totalBits += bits
        count += 1
    }

    /// Adds the bytes scored by `other` (to merge per-thread accumulators).
    public mutating func merge(_ other: BitsPerByte) {
        totalBits += other.totalBits
        count += other.count
    }

    /// The probability after mixing in ε of uniform probability over all 256
    /// byte values: `q = (1 − ε)·p + ε/256`. With ε > 0 no byte costs more
    /// than `log2(256/ε)` bits, including bytes outside the vocabulary
    /// (whose p is 0).
    public static func mixed(probability p: Double, epsilon: Double) -> Double {
        ReadoutMixture.probability(p, epsilon: epsilon)
    }

    /// What the ε mixing costs at most, in bits per byte: `−log2(1 − ε)`, the
    /// extra bits of a byte the model predicted with p = 1 (for any byte,
    /// q ≥ (1 − ε)·p).
    public static func mixingCost(epsilon: Double) -> Double {
        -log2(1 - epsilon)
    }
}
