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
/// The state starts at all zeros; the scores after reading byte t predict byte t + 1.
public struct DiscreteTernaryRNN: Sendable, Hashable {
    /// One threshold unit: fires when Σ weights·v ≥ threshold.
    public struct Unit: Sendable, Hashable {
        /// Ternary weights over v = [h; c]: H state bits, then E code bits.
        public var weights: [Int8]
        public var threshold: Int32
        public init(weights: [Int8], threshold: Int32) {
            self.weights = weights
            self.threshold = threshold
        }
    }

    /// Why a model's fields do not form a valid state machine.
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// H: state bits (latches).
    public let stateBits: Int
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
                readout: [Int8], offsets: [Int32], classBytes: [UInt8]) throws(Invalid) {
        guard (1...Self.maximumStateBits).contains(stateBits) else {
            throw Invalid(description: "state bits must be in 1...\(Self.maximumStateBits); got \(stateBits)")
        }
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
                guard abs(Int(unit.threshold)) <= stateBits + codeBits + 1 else {
                    throw Invalid(description: "\(name) unit \(i): threshold \(unit.threshold) is outside ±\(stateBits + codeBits + 1)")
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
        self.codeBits = codeBits
        self.code = code
        self.update = update
        self.candidate = candidate
        self.readout = readout
        self.offsets = offsets
        self.classBytes = classBytes
    }

    public var classCount: Int { classBytes.count }

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
