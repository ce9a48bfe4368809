/// The shape and training recipe of a ternary recurrent language model (`TernaryRNN`).
public struct TernaryRNNConfiguration: Codable, Sendable, Hashable {
    /// H: state units (the circuit has H·`activationBits` latches; with 1-bit state, one latch per unit).
    public var stateBits = 512
    /// E: bits of the learned byte code.
    public var codeBits = 64
    /// TWN's Δ = `deltaFactor`·mean|w| per row: the sparsity knob (larger: more zero weights, fewer gates).
    public var deltaFactor: Float = 0.7
    /// The straight-through window: the step's derivative is taken as 1 where |pre-activation| ≤ this.
    public var surrogateWidth: Float = 0.5
    /// The initial per-unit gain on the normalised pre-activations.
    public var initialGain: Float = 1
    /// Steps of truncated back-propagation through time per update.
    public var unrollLength = 64
    /// Streams trained side by side (the minibatch), each a contiguous stretch of the training text.
    public var streams = 64
    /// ε of the circuit's readout: q = (1 − ε)·softmax + ε/256.
    public var epsilon: Float = 1e-3
    public var seed: UInt64 = 1
    /// How the gates and the readout see a bit b during training: as ±1 (2b − 1, centred, so every
    /// weight gets a gradient whichever value its input has) or as 0/1. Both fold into the same
    /// circuit (the shift moves the integer thresholds and offsets); checkpoints written before
    /// this field existed were trained on 0/1 and decode with `false`.
    public var signedInputs = false
    /// The probability with which each gate input (state and code bits) is dropped in training
    /// (inverted dropout: the circuit drops nothing); 0 turns it off.
    public var dropout: Float = 0.15
    /// k: bits of each state unit. 1 is the binary state (h ∈ {0, 1}, the candidate a step);
    /// k ≥ 2 is a signed k-bit integer (h ∈ −2ᵏ⁻¹ … 2ᵏ⁻¹ − 1, the candidate its pre-activation
    /// rounded and clamped to that range), k latches per unit in two's complement. The default, 2,
    /// trained 0.11 bits/byte below the binary state at equal wall-clock (docs/experiments,
    /// 2026-12-06). Checkpoints written before this field existed decode with 1.
    public var activationBits = 2

    public init() {}

    /// How a k-bit state enters the gates' products: divided by 2ᵏ⁻¹ (values −1 … 1 − 2¹⁻ᵏ), so the
    /// state and the 0/1 code bits weigh alike whatever k; 1 at k = 1. Folding multiplies the code
    /// bits by 2ᵏ⁻¹ instead, so the circuit's sums stay integers.
    public var stateInputScale: Float { 1 / Float(Self.codeBitWeight(activationBits: activationBits)) }

    /// The least and largest value of a state unit: 0 and 1 at k = 1, −2ᵏ⁻¹ and 2ᵏ⁻¹ − 1 above.
    public var stateRange: ClosedRange<Int> { Self.stateRange(activationBits: activationBits) }

    /// The values of a k-bit state unit (the one definition the trainer, the folding and the
    /// discrete machine share).
    public static func stateRange(activationBits k: Int) -> ClosedRange<Int> {
        k == 1 ? 0...1 : -(1 << (k - 1))...((1 << (k - 1)) - 1)
    }

    /// The largest |value| of a k-bit state unit: 2ᵏ⁻¹ (1 at k = 1).
    public static func largestStateMagnitude(activationBits k: Int) -> Int {
        let range = stateRange(activationBits: k)
        return max(-range.lowerBound, range.upperBound)
    }

    /// The weight of a code bit in a unit's integer sum: the state's largest magnitude, 2ᵏ⁻¹ (1 at
    /// k = 1), so that code bits and state weigh alike; the inverse of the state's input scale in training.
    public static func codeBitWeight(activationBits k: Int) -> Int { largestStateMagnitude(activationBits: k) }

    private enum CodingKeys: String, CodingKey {
        case stateBits, codeBits, deltaFactor, surrogateWidth, initialGain, unrollLength, streams, epsilon, seed, signedInputs, dropout
        case activationBits
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        stateBits = try c.decode(Int.self, forKey: .stateBits)
        codeBits = try c.decode(Int.self, forKey: .codeBits)
        deltaFactor = try c.decode(Float.self, forKey: .deltaFactor)
        surrogateWidth = try c.decode(Float.self, forKey: .surrogateWidth)
        initialGain = try c.decode(Float.self, forKey: .initialGain)
        unrollLength = try c.decode(Int.self, forKey: .unrollLength)
        streams = try c.decode(Int.self, forKey: .streams)
        epsilon = try c.decode(Float.self, forKey: .epsilon)
        seed = try c.decode(UInt64.self, forKey: .seed)
        signedInputs = try c.decodeIfPresent(Bool.self, forKey: .signedInputs) ?? false
        dropout = try c.decodeIfPresent(Float.self, forKey: .dropout) ?? 0
        activationBits = try c.decodeIfPresent(Int.self, forKey: .activationBits) ?? 1
    }

    /// The allowed range of every field (for the checkpoint loader and `gatelm train`).
    public enum Limits {
        public static let stateBits = 1...4096
        public static let codeBits = 1...64
        public static let deltaFactor: ClosedRange<Float> = 0...4
        public static let surrogateWidth: ClosedRange<Float> = 0.01...100
        public static let initialGain: ClosedRange<Float> = 0.01...100
        public static let unrollLength = 1...4096
        public static let streams = 1...4096
        public static let dropout: ClosedRange<Float> = 0...0.9
        public static let activationBits = 1...4
    }

    /// A field outside its range.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var field: String
        public var reason: String
        public var description: String { "\(field): \(reason)" }
    }

    /// Throws the first field outside its range.
    public func validate() throws(Invalid) {
        func check<T: Comparable>(_ value: T, _ range: ClosedRange<T>, _ field: String) throws(Invalid) {
            guard range.contains(value) else { throw Invalid(field: field, reason: "must be in \(range.lowerBound)...\(range.upperBound); got \(value)") }
        }
        try check(stateBits, Limits.stateBits, "stateBits")
        try check(codeBits, Limits.codeBits, "codeBits")
        for (name, value, range) in [("deltaFactor", deltaFactor, Limits.deltaFactor), ("surrogateWidth", surrogateWidth, Limits.surrogateWidth),
                                     ("initialGain", initialGain, Limits.initialGain), ("dropout", dropout, Limits.dropout)] {
            guard value.isFinite else { throw Invalid(field: name, reason: "must be a finite number; got \(value)") }
            try check(value, range, name)
        }
        try check(unrollLength, Limits.unrollLength, "unrollLength")
        try check(streams, Limits.streams, "streams")
        guard epsilon.isFinite && epsilon > 0 && epsilon < 1 else { throw Invalid(field: "epsilon", reason: "must be in (0, 1) exclusive; got \(epsilon)") }
        try check(activationBits, Limits.activationBits, "activationBits")
        guard activationBits == 1 || !signedInputs else {
            throw Invalid(field: "signedInputs", reason: "signed (±1) inputs are for 1-bit state; a k-bit state is already signed")
        }
    }
}
