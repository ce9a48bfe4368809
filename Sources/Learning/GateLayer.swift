/// One layer of learned two-input gates with fixed, seeded wiring.
///
/// Gate `g` reads input units `firstInput[g]` and `secondInput[g]` and
/// computes a softmax mixture of the 16 gate functions, held as logits
/// `[g * 16 + function]`. Activations are unit-major, `x[unit * batch + sample]`.
///
/// After any change to `logits` (an optimiser step, loading a checkpoint)
/// call `updateCoefficients()`: forward and backward use the collapsed
/// coefficients and cached probabilities it computes, once per step.
public final class GateLayer {
    public let inputCount: Int
    public let gateCount: Int
    /// The first input unit of every gate (with residual init, `g mod inputCount`).
    public let firstInput: AlignedBuffer<UInt32>
    /// The second input unit of every gate.
    public let secondInput: AlignedBuffer<UInt32>
    /// Learned parameters, `[gate * 16 + function]`.
    public let logits: AlignedBuffer<Float>
    /// ∂loss/∂logits, written by `backward`.
    public let logitGradient: AlignedBuffer<Float>
    /// softmax(logits) as of the last `updateCoefficients()`, `[gate * 16 + function]`.
    public let probabilities: AlignedBuffer<Float>
    /// (c0, c1, c2, c3) per gate as of the last `updateCoefficients()`, `[gate * 4 + j]`.
    public let coefficients: AlignedBuffer<Float>
    /// ∂loss/∂coefficients of the last `backward`, `[gate * 4 + j]`.
    public let coefficientGradient: AlignedBuffer<Float>
    let partialCoefficientGradients: SlicePartialSums
    let schedule: GateSchedule

    /// A layer with the given wiring and logits (for example from a checkpoint).
    public init(inputCount: Int, firstInput: [UInt32], secondInput: [UInt32], logits: [Float]) {
        let gateCount = firstInput.count
        precondition(inputCount > 0 && gateCount > 0, "a gate layer needs inputs and gates")
        precondition(secondInput.count == gateCount && logits.count == gateCount * 16,
                     "gate layer: \(gateCount) gates need \(gateCount) second inputs and \(gateCount * 16) logits")
        precondition(firstInput.allSatisfy { Int($0) < inputCount } && secondInput.allSatisfy { Int($0) < inputCount },
                     "gate layer: an input index is out of range 0..<\(inputCount)")
        self.inputCount = inputCount
        self.gateCount = gateCount
        self.firstInput = AlignedBuffer(firstInput)
        self.secondInput = AlignedBuffer(secondInput)
        self.logits = AlignedBuffer(logits)
        logitGradient = AlignedBuffer(count: gateCount * 16)
        probabilities = AlignedBuffer(count: gateCount * 16)
        coefficients = AlignedBuffer(count: gateCount * 4)
        coefficientGradient = AlignedBuffer(count: gateCount * 4)
        partialCoefficientGradients = SlicePartialSums(length: gateCount * 4)
        schedule = GateSchedule(inputCount: inputCount, first: firstInput, second: secondInput)
        updateCoefficients()
    }

    /// A freshly initialised layer: seeded wiring (see `GateWiring`) and residual
    /// initialisation — logit `passThroughLogit` on the function "a", the other
    /// logits drawn from N(0, `logitDeviation`²).
    public convenience init(
        inputCount: Int, gateCount: Int, seed: UInt64,
        passThroughLogit: Float = 5, logitDeviation: Float = 0.1
    ) {
        var random = SeededRandom(seed: seed)
        let wiring = GateWiring.residual(inputCount: inputCount, gateCount: gateCount, using: &random)
        var logits = [Float](repeating: 0, count: gateCount * 16)
        for gate in 0..<gateCount {
            for function in 0..<16 {
                logits[gate * 16 + function] = function == Int(GateFunction.passThrough.rawValue)
                    ? passThroughLogit : random.nextNormal(deviation: logitDeviation)
            }
        }
        self.init(inputCount: inputCount, firstInput: wiring.first, secondInput: wiring.second, logits: logits)
    }

    /// Recomputes `probabilities` and `coefficients` from `logits`.
    public func updateCoefficients(workers: Int = 1) {
        let logits = SharedWithWorkers(UnsafePointer(self.logits.baseAddress))
        let probabilities = SharedWithWorkers(self.probabilities.baseAddress)
        let coefficients = SharedWithWorkers(self.coefficients.baseAddress)
        ParallelFor.chunks(of: gateCount, workers: gateCount >= 4096 ? workers : 1) { _, gates in
            GateRelaxation.collapse(logits: logits.value, probabilities: probabilities.value,
                                    coefficients: coefficients.value, gates: gates)
        }
    }

    /// The function of every gate once discretised: the argmax of its logits
    /// (the lowest function number on ties).
    public func discretized() -> [UInt8] {
        (0..<gateCount).map { gate in
            var best = 0
            for function in 1..<16 where logits[gate * 16 + function] > logits[gate * 16 + best] { best = function }
            return UInt8(best)
        }
    }
}
