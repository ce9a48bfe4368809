import GateLMSupport
/// One layer of learned two-input gates with fixed, seeded wiring.
///
/// Gate `g` reads input units `firstInput[g]` and `secondInput[g]` and
/// computes a softmax mixture of the 16 gate functions. Activations are
/// unit-major, `x[unit * batch + sample]`. Per-gate parameters are
/// component-major with the gate count padded to `gateStride` (a multiple of
/// 16) so 16 gates form one vector: logits `[function * gateStride + gate]`
/// (padding gates have logits 0 and zero gradient, and are never read).
///
/// After any change to `logits` (an optimiser step, loading a checkpoint)
/// call `updateCoefficients()`: forward and backward use the collapsed
/// coefficients and cached probabilities it computes, once per step.
public final class GateLayer {
    public let inputCount: Int
    public let gateCount: Int
    /// gateCount rounded up to a multiple of 16: the row length of per-gate tensors.
    public let gateStride: Int
    /// The first input unit of every gate (with residual init, `g mod inputCount`).
    public let firstInput: AlignedBuffer<UInt32>
    /// The second input unit of every gate.
    public let secondInput: AlignedBuffer<UInt32>
    /// Learned parameters, `[function * gateStride + gate]`.
    public let logits: AlignedBuffer<Float>
    /// ∂loss/∂logits, written by `backward`, same layout.
    public let logitGradient: AlignedBuffer<Float>
    /// softmax(logits) as of the last `updateCoefficients()`, same layout.
    public let probabilities: AlignedBuffer<Float>
    /// c0…c3 per gate as of the last `updateCoefficients()`, `[j * gateStride + gate]`.
    public let coefficients: AlignedBuffer<Float>
    /// ∂loss/∂coefficients of the last `backward`, `[j * gateStride + gate]`.
    public let coefficientGradient: AlignedBuffer<Float>
    let partialCoefficientGradients: SlicePartialSums
    let schedule: GateSchedule

    /// The number of logits of a layer of `gateCount` gates (16 × padded gate count).
    public static func logitCount(gateCount: Int) -> Int { 16 * paddedGateCount(gateCount) }

    static func paddedGateCount(_ gateCount: Int) -> Int { (gateCount + 15) / 16 * 16 }

    /// The index of the logit of `function` for `gate` in `logits`.
    public func logitIndex(gate: Int, function: Int) -> Int { function * gateStride + gate }

    /// A layer with the given wiring and logits (in the layout of `logits`,
    /// `logitCount(gateCount:)` values; for example from a checkpoint).
    public init(inputCount: Int, firstInput: [UInt32], secondInput: [UInt32], logits: [Float]) {
        let gateCount = firstInput.count
        precondition(inputCount > 0 && gateCount > 0, "a gate layer needs inputs and gates")
        precondition(secondInput.count == gateCount && logits.count == Self.logitCount(gateCount: gateCount),
                     "gate layer: \(gateCount) gates need \(gateCount) second inputs and \(Self.logitCount(gateCount: gateCount)) logits")
        precondition(firstInput.allSatisfy { Int($0) < inputCount } && secondInput.allSatisfy { Int($0) < inputCount },
                     "gate layer: an input index is out of range 0..<\(inputCount)")
        self.inputCount = inputCount
        self.gateCount = gateCount
        gateStride = Self.paddedGateCount(gateCount)
        self.firstInput = AlignedBuffer(firstInput)
        self.secondInput = AlignedBuffer(secondInput)
        self.logits = AlignedBuffer(logits)
        for function in 0..<16 {
            for gate in gateCount..<gateStride { self.logits[function * gateStride + gate] = 0 }
        }
        logitGradient = AlignedBuffer(count: 16 * gateStride)
        probabilities = AlignedBuffer(count: 16 * gateStride)
        coefficients = AlignedBuffer(count: 4 * gateStride)
        coefficientGradient = AlignedBuffer(count: 4 * gateStride)
        partialCoefficientGradients = SlicePartialSums(length: 4 * gateStride)
        schedule = GateSchedule(inputCount: inputCount, first: firstInput, second: secondInput)
        updateCoefficients()
    }

    /// A layer from per-gate logits: `gateLogits[gate][function]`.
    public convenience init(inputCount: Int, firstInput: [UInt32], secondInput: [UInt32], gateLogits: [[Float]]) {
        let stride = Self.paddedGateCount(firstInput.count)
        precondition(gateLogits.count == firstInput.count && gateLogits.allSatisfy { $0.count == 16 },
                     "gate layer: need 16 logits for each of \(firstInput.count) gates")
        var logits = [Float](repeating: 0, count: 16 * stride)
        for (gate, row) in gateLogits.enumerated() {
            for function in 0..<16 { logits[function * stride + gate] = row[function] }
        }
        self.init(inputCount: inputCount, firstInput: firstInput, secondInput: secondInput, logits: logits)
    }

    /// A freshly initialised layer: seeded wiring (see `GateWiring.residual`)
    /// and residual initialisation (see `init(inputCount:wiring:seed:passThroughLogit:logitDeviation:)`).
    public convenience init(
        inputCount: Int, gateCount: Int, seed: UInt64,
        passThroughLogit: Float = 5, logitDeviation: Float = 0.1
    ) {
        var random = SplitMix64(seed: seed)
        let wiring = GateWiring.residual(inputCount: inputCount, gateCount: gateCount, using: &random)
        self.init(inputCount: inputCount, wiring: wiring, seed: seed &+ 0x5EED,
                  passThroughLogit: passThroughLogit, logitDeviation: logitDeviation)
    }

    /// A freshly initialised layer with the given wiring and residual
    /// initialisation: logit `passThroughLogit` on the function "a" (the first
    /// input), the other logits drawn from N(0, `logitDeviation`²).
    public convenience init(
        inputCount: Int, wiring: (first: [UInt32], second: [UInt32]), seed: UInt64,
        passThroughLogit: Float = 5, logitDeviation: Float = 0.1
    ) {
        var random = SplitMix64(seed: seed)
        let gateLogits = wiring.first.map { _ in
            (0..<16).map { function in
                function == Int(GateFunction.passThrough.rawValue)
                    ? passThroughLogit : random.nextNormal(deviation: logitDeviation)
            }
        }
        self.init(inputCount: inputCount, firstInput: wiring.first, secondInput: wiring.second, gateLogits: gateLogits)
    }

    /// Straight-through mode: the forward (and the input gradients) use the
    /// coefficients of each gate's most probable function, the logit gradients
    /// still flow through the softmax, so training sees exactly what the
    /// discretised gate computes.
    public var straightThrough = false

    /// The scale of the Gumbel noise added to the logits at every `updateCoefficients()`
    /// (0, the default: none; see `GateLayer+Gumbel.swift`).
    public var gumbelScale: Float = 0 {
        didSet { if gumbelScale > 0 && noisyLogits == nil { noisyLogits = AlignedBuffer(count: logits.count) } }
    }
    /// The perturbed logits of the last update (allocated when noise is first turned on).
    var noisyLogits: AlignedBuffer<Float>?
    /// The noise's generator (see `seedGumbelNoise`).
    var gumbelRandom = SplitMix64(seed: 0x6B3B_0000)

    /// Restarts the Gumbel noise's generator from `seed`.
    public func seedGumbelNoise(_ seed: UInt64) { gumbelRandom = SplitMix64(seed: seed) }

    /// Recomputes `probabilities` and `coefficients` from `logits` (plus fresh Gumbel noise when
    /// `gumbelScale` > 0; straight through, each gate then takes the argmax of its noisy logits).
    public func updateCoefficients(workers: Int = 1) {
        let noisy = gumbelScale > 0
        if noisy { drawNoisyLogits() }
        let source = noisy ? noisyLogits! : logits
        defer { if straightThrough { useDiscreteCoefficients(of: source) } }
        let shared = SharedWithWorkers((UnsafePointer(source.baseAddress), probabilities.baseAddress,
                                        coefficients.baseAddress, gateStride))
        ParallelFor.chunks(of: gateStride / 16, workers: gateCount >= 8192 ? workers : 1) { _, groups in
            let (logits, probabilities, coefficients, stride) = shared.value
            GateRelaxation.collapse(logits: logits, probabilities: probabilities, coefficients: coefficients,
                                    gateStride: stride, groups: groups)
        }
    }

    /// A per-gate tensor of this layer (`logits`, `probabilities`, their
    /// gradients: 16 components; `coefficients`, `coefficientGradient`: 4) as
    /// one row per gate, `[gate][component]`, without padding.
    public func perGate(_ tensor: AlignedBuffer<Float>) -> [[Float]] {
        let components = tensor.count / gateStride
        precondition(tensor.count == components * gateStride, "perGate: not a per-gate tensor of this layer")
        return (0..<gateCount).map { gate in (0..<components).map { tensor[$0 * gateStride + gate] } }
    }

    /// The function of every gate once discretised: the argmax of its logits
    /// (the lowest function number on ties).
    /// Replaces each gate's coefficients by those of its argmax function (of `source`).
    private func useDiscreteCoefficients(of source: AlignedBuffer<Float>) {
        for (gate, function) in Self.argmaxFunctions(source, gateCount: gateCount, gateStride: gateStride).enumerated() {
            let row = GateFunction.coefficientTable[Int(function)]
            for j in 0..<4 { coefficients[j * gateStride + gate] = row[j] }
        }
    }

    public func discretized() -> [UInt8] { Self.argmaxFunctions(logits, gateCount: gateCount, gateStride: gateStride) }

    static func argmaxFunctions(_ logits: AlignedBuffer<Float>, gateCount: Int, gateStride: Int) -> [UInt8] {
        (0..<gateCount).map { gate in
            var best = 0
            for function in 1..<16 where logits[function * gateStride + gate] > logits[best * gateStride + gate] {
                best = function
            }
            return UInt8(best)
        }
    }
}
