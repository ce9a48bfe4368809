import Learning

/// The boolean form of a ternary recurrent language model: a finite state machine that reads
/// one byte per step and emits an unsigned integer score per byte class.
///
/// - The byte is mapped to a learned binary code c ∈ {0,1}^E (`code`).
/// - The state h ∈ {0,1}^H is updated through a binary update gate: with v = [h; c],
///   zᵢ = [Σⱼ Zᵢⱼ·vⱼ ≥ θᶻᵢ], nᵢ = [Σⱼ Nᵢⱼ·vⱼ ≥ θⁿᵢ] (ternary weights, integer thresholds) and
///   h′ᵢ = zᵢ ? nᵢ : hᵢ.
/// - Class c's score is Σ_{Rcj=+1} h′ⱼ + Σ_{Rcj=−1} (1 − h′ⱼ) + offset_c ≥ 0, so the circuit is a
///   popcount plus a constant.
///
/// With a k-bit state (`activationBits` k ≥ 2) each hᵢ is a signed k-bit integer, lo = −2ᵏ⁻¹ …
/// hi = 2ᵏ⁻¹ − 1 (k latches, two's complement), and each candidate unit has 2ᵏ − 1 thresholds:
/// nᵢ = lo + #{j : Σ Nᵢ·v ≥ θⁿᵢⱼ} (thresholds increasing, so the comparators read as a
/// thermometer). Sums over v weigh state bit b of a unit by 2ᵇ (the top bit by −2ᵏ⁻¹), so every
/// sum is still an integer: adder trees and comparators. Class c's score is Σⱼ Rcj·h′ⱼ minus its
/// least possible value (hi per −1 weight, −lo per +1 weight) plus offset_c.
///
/// The state starts at all zeros; the scores after reading byte t predict byte t + 1.
public struct DiscreteTernaryRNN: Sendable, Hashable {
    /// One threshold unit: fires when Σ weights·v ≥ threshold.
    public struct Unit: Sendable, Hashable {
        /// Ternary weights over v = [h; c]: H state units, then E code bits.
        public var weights: [Int8]
        /// One threshold (a binary unit), or 2ᵏ − 1 increasing ones (a k-bit candidate).
        public var thresholds: [Int32]
        /// The first threshold: a binary unit's only one.
        public var threshold: Int32 { thresholds[0] }
        public init(weights: [Int8], threshold: Int32) {
            self.init(weights: weights, thresholds: [threshold])
        }
        public init(weights: [Int8], thresholds: [Int32]) {
            self.weights = weights
            self.thresholds = thresholds
        }
    }

    /// Why a model's fields do not form a valid state machine.
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// H: state units (latches: H·`activationBits`).
    public let stateBits: Int
    /// k: bits of a state unit (1: binary state).
    public let activationBits: Int
    /// The weight of a code bit in a unit's sum (2ᵏ⁻¹ for a k-bit state, whose training inputs
    /// are scaled by 2¹⁻ᵏ; 1 at k = 1).
    public let codeWeight: Int
    /// E: bits of the byte code (at most 64).
    public let codeBits: Int
    /// The code of each byte value (256 entries, bit e is code bit e).
    public let code: [UInt64]
    /// The update gates z (H units).
    public let update: [Unit]
    /// The candidate states n (H units).
    public let candidate: [Unit]
    /// Readout weights, class-major: `readout[c·H + j]` ∈ {−1, 0, +1}.
    public let readout: [Int8]
    /// Readout offsets (≥ 0), one per class.
    public let offsets: [Int32]
    /// The byte of each class, increasing.
    public let classBytes: [UInt8]

    public static let maximumStateBits = 8192
    public static let maximumCodeBits = 64

    /// Checks every field; throws the first inconsistency.
    public init(stateBits: Int, codeBits: Int, code: [UInt64], update: [Unit], candidate: [Unit],
                readout: [Int8], offsets: [Int32], classBytes: [UInt8], activationBits: Int = 1, codeWeight: Int = 1) throws(Invalid) {
        guard (1...Self.maximumStateBits).contains(stateBits) else {
            throw Invalid(description: "state bits must be in 1...\(Self.maximumStateBits); got \(stateBits)")
        }
        guard (1...Self.maximumActivationBits).contains(activationBits) else {
            throw Invalid(description: "activation bits must be in 1...\(Self.maximumActivationBits); got \(activationBits)")
        }
        guard (1...(1 << (Self.maximumActivationBits - 1))).contains(codeWeight) else {
            throw Invalid(description: "code weight must be in 1...\(1 << (Self.maximumActivationBits - 1)); got \(codeWeight)")
        }
        let bound = Self.largestSum(stateBits: stateBits, codeBits: codeBits, activationBits: activationBits, codeWeight: codeWeight) + 1
        guard (1...Self.maximumCodeBits).contains(codeBits) else {
            throw Invalid(description: "code bits must be in 1...\(Self.maximumCodeBits); got \(codeBits)")
        }
        guard code.count == 256 else { throw Invalid(description: "the byte code needs 256 entries; got \(code.count)") }
        if codeBits < 64, let byte = code.firstIndex(where: { $0 >> UInt64(codeBits) != 0 }) {
            throw Invalid(description: "the code of byte \(byte) sets bits beyond the \(codeBits) code bits")
        }
        for (name, units) in [("update", update), ("candidate", candidate)] {
            guard units.count == stateBits else {
                throw Invalid(description: "\(name) gates: expected \(stateBits) units, got \(units.count)")
            }
            for (i, unit) in units.enumerated() {
                guard unit.weights.count == stateBits + codeBits else {
                    throw Invalid(description: "\(name) unit \(i): expected \(stateBits + codeBits) weights, got \(unit.weights.count)")
                }
                if let bad = unit.weights.firstIndex(where: { !(-1...1).contains($0) }) {
                    throw Invalid(description: "\(name) unit \(i): weight \(bad) is \(unit.weights[bad]), not ternary")
                }
                let count = name == "candidate" && activationBits > 1 ? (1 << activationBits) - 1 : 1
                guard unit.thresholds.count == count else {
                    throw Invalid(description: "\(name) unit \(i): expected \(count) thresholds, got \(unit.thresholds.count)")
                }
                if let bad = unit.thresholds.first(where: { abs(Int($0)) > bound }) {
                    throw Invalid(description: "\(name) unit \(i): threshold \(bad) is outside ±\(bound)")
                }
                guard zip(unit.thresholds, unit.thresholds.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                    throw Invalid(description: "\(name) unit \(i): thresholds \(unit.thresholds) are not increasing")
                }
            }
        }
        guard !classBytes.isEmpty, classBytes.count <= 256, zip(classBytes, classBytes.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw Invalid(description: "class bytes must be 1–256 distinct bytes in increasing order")
        }
        guard readout.count == classBytes.count * stateBits else {
            throw Invalid(description: "readout: expected \(classBytes.count) × \(stateBits) weights, got \(readout.count)")
        }
        if let bad = readout.firstIndex(where: { !(-1...1).contains($0) }) {
            throw Invalid(description: "readout weight \(bad) is \(readout[bad]), not ternary")
        }
        guard offsets.count == classBytes.count else {
            throw Invalid(description: "readout: expected \(classBytes.count) offsets, got \(offsets.count)")
        }
        if let bad = offsets.firstIndex(where: { !(0...Int32(1 << 20)).contains($0) }) {
            throw Invalid(description: "readout offset \(bad) is \(offsets[bad]), outside 0...\(1 << 20)")
        }
        self.stateBits = stateBits
        self.activationBits = activationBits
        self.codeWeight = codeWeight
        self.codeBits = codeBits
        self.code = code
        self.update = update
        self.candidate = candidate
        self.readout = readout
        self.offsets = offsets
        self.classBytes = classBytes
    }

    public var classCount: Int { classBytes.count }

    public static let maximumActivationBits = 4

    /// The largest |Σ t·v| a unit can reach: 2ᵏ⁻¹ per state unit (1 at k = 1), `codeWeight` per code bit.
    public static func largestSum(stateBits: Int, codeBits: Int, activationBits: Int, codeWeight: Int = 1) -> Int {
        stateBits * TernaryRNNConfiguration.largestStateMagnitude(activationBits: activationBits) + codeBits * codeWeight
    }

    /// The least and largest value of a state unit (0…1 at k = 1, −2ᵏ⁻¹ … 2ᵏ⁻¹ − 1 above).
    public var stateRange: ClosedRange<Int> { TernaryRNNConfiguration.stateRange(activationBits: activationBits) }

    /// The weight of bit b of a state unit in a sum: 2ᵇ, the top bit −2ᵏ⁻¹ (two's complement) when k ≥ 2.
    public func stateBitWeight(_ b: Int) -> Int {
        activationBits > 1 && b == activationBits - 1 ? -(1 << b) : 1 << b
    }

    /// Latches: H·k.
    public var latchCount: Int { stateBits * activationBits }

    /// Σ over class c's readout of its least possible term (`hi` per −1 weight, −`lo` per +1
    /// weight), which the score adds so that it is never negative.
    public func readoutShift(class c: Int) -> Int32 {
        let range = stateRange
        var shift = 0
        for j in 0..<stateBits {
            switch readout[c * stateBits + j] {
            case 1: shift -= range.lowerBound
            case -1: shift += range.upperBound
            default: break
            }
        }
        return Int32(shift)
    }

    /// The fraction of all ternary weights (gates and readout) that are 0.
    public var zeroFraction: Double {
        var zeros = 0, total = 0
        for unit in update + candidate {
            zeros += unit.weights.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
            total += unit.weights.count
        }
        zeros += readout.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        total += readout.count
        return Double(zeros) / Double(max(total, 1))
    }
}
