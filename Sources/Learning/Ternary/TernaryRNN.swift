import Foundation
import GateLMSupport

/// The trainable form of a ternary recurrent language model: float shadow weights whose
/// forward pass is the boolean state machine (`DiscreteTernaryRNN` once folded).
///
/// One step reads byte x and, with v = σ([h; c(x)]),
///   a = Ŵ·v (Ŵ: each row of W ternarised by TWN and divided by √(its non-zeros): weight normalisation),
///   pre = g ⊙ a + b, z = step(pre[0..<H]), n = step(pre[H..<2H]), h′ = z ? n : h,
///   (with a k-bit state, k ≥ 2, n = clamp(⌊pre + ½⌉, −2ᵏ⁻¹, 2ᵏ⁻¹ − 1) instead: h holds integers),
///   logits = s·(R̂·σ(h′)) + q (R̂: the readout ternarised by TWN; q rounded so that the scores are integers),
/// where c(x) = step(code[x]) is the byte's learned binary code and σ(b) is 2b − 1 with
/// `signedInputs` and b itself without (the default). Backward, each step function
/// passes the gradient where |input| ≤ the surrogate width (straight through), and each
/// ternarisation passes it unchanged (divided by the row's normalisation).
///
/// With `relaxation = .smooth` every step is a logistic sigmoid and no weight is ternarised: a
/// smooth model whose gradient is exact, used to check the back-propagation against finite differences.
public final class TernaryRNN {
    /// How the step functions and the ternarisation are treated.
    public enum Relaxation: Sendable {
        /// Boolean forward pass, straight-through backward (training).
        case straightThrough
        /// Sigmoid activations, float weights (gradient checks).
        case smooth
    }

    public let configuration: TernaryRNNConfiguration
    public let classCount: Int
    public var relaxation: Relaxation = .straightThrough
    public let quantizer: TernaryQuantizer

    /// code[x·E + e]: byte x's code bit e is 1 when this is ≥ 0.
    public let code: AlignedBuffer<Float>
    /// W, 2H rows (update units, then candidate units) of H + E columns.
    public let weights: AlignedBuffer<Float>
    /// g and b, per unit (2H).
    public let gain: AlignedBuffer<Float>
    public let bias: AlignedBuffer<Float>
    /// R, C rows of H columns.
    public let readout: AlignedBuffer<Float>
    /// s (one value), kept positive.
    public let readoutScale: AlignedBuffer<Float>
    /// q, per class.
    public let readoutBias: AlignedBuffer<Float>

    /// Gradients, one per parameter, in `parameters` order.
    let gradients: [AlignedBuffer<Float>]

    /// Derived by `prepare()` from the parameters: Ŵ, 1/√(non-zeros) per row, R̂, the byte codes as 0/1 (or sigmoid) floats.
    let effectiveWeights: AlignedBuffer<Float>
    let rowScale: AlignedBuffer<Float>
    let effectiveReadout: AlignedBuffer<Float>
    let codeValues: AlignedBuffer<Float>
    /// The readout bias as applied (q rounded to multiples of s in straight-through mode).
    let effectiveReadoutBias: AlignedBuffer<Float>
    let ternaryWeights: AlignedBuffer<Int8>
    let ternaryReadout: AlignedBuffer<Int8>
    /// Σⱼ R̂cⱼ per class: with signed inputs R̂·(2h − 1) = 2·R̂·h − this.
    let effectiveReadoutRowSum: AlignedBuffer<Float>

    public var stateBits: Int { configuration.stateBits }
    public var codeBits: Int { configuration.codeBits }
    /// H + E: the inputs of every unit.
    public var inputWidth: Int { configuration.stateBits + configuration.codeBits }

    /// A freshly initialised model: W, R ~ N(0, 0.1²), code ~ N(0, 1), g = the initial gain,
    /// b = 0, s = 4/√H and q = `initialReadoutBias` (for example the log class frequencies).
    public init(configuration: TernaryRNNConfiguration, classCount: Int, initialReadoutBias: [Float]? = nil) {
        precondition(classCount >= 1, "at least one class")
        self.configuration = configuration
        self.classCount = classCount
        quantizer = TernaryQuantizer(deltaFactor: configuration.deltaFactor)
        let h = configuration.stateBits, e = configuration.codeBits, inputs = h + e
        var rng = SplitMix64(seed: configuration.seed ^ 0x7E57_7E57)
        code = AlignedBuffer((0..<256 * e).map { _ in rng.nextNormal() })
        weights = AlignedBuffer((0..<2 * h * inputs).map { _ in rng.nextNormal(deviation: 0.1) })
        gain = AlignedBuffer(Array(repeating: configuration.initialGain, count: 2 * h))
        bias = AlignedBuffer(count: 2 * h)
        readout = AlignedBuffer((0..<classCount * h).map { _ in rng.nextNormal(deviation: 0.1) })
        readoutScale = AlignedBuffer([4 / Float(h).squareRoot()])
        readoutBias = AlignedBuffer(initialReadoutBias ?? Array(repeating: 0, count: classCount))
        precondition(readoutBias.count == classCount, "one initial readout bias per class")
        gradients = [code, weights, gain, bias, readout, readoutScale, readoutBias].map { AlignedBuffer(count: $0.count) }
        effectiveWeights = AlignedBuffer(count: 2 * h * inputs)
        rowScale = AlignedBuffer(count: 2 * h)
        effectiveReadout = AlignedBuffer(count: classCount * h)
        codeValues = AlignedBuffer(count: 256 * e)
        effectiveReadoutBias = AlignedBuffer(count: classCount)
        ternaryWeights = AlignedBuffer(count: 2 * h * inputs)
        ternaryReadout = AlignedBuffer(count: classCount * h)
        effectiveReadoutRowSum = AlignedBuffer(count: classCount)
    }

    /// Whether bits enter the products as ±1 (see `TernaryRNNConfiguration.signedInputs`).
    public var signedInputs: Bool { configuration.signedInputs }

    /// The parameters and their gradients, for the optimiser (and the checkpoint, in this order).
    public var parameters: [Adam.Parameter] {
        zip([code, weights, gain, bias, readout, readoutScale, readoutBias], gradients).map { Adam.Parameter(value: $0, gradient: $1) }
    }

    /// The names of `parameters`, as stored in checkpoints.
    public static let parameterNames = ["code", "weights", "gain", "bias", "readout", "readout.scale", "readout.bias"]

    /// The number of float values each parameter holds, in `parameters` order.
    public static func parameterCounts(configuration c: TernaryRNNConfiguration, classCount: Int) -> [Int] {
        let h = c.stateBits, inputs = c.stateBits + c.codeBits
        return [256 * c.codeBits, 2 * h * inputs, 2 * h, 2 * h, classCount * h, 1, classCount]
    }

    /// Recomputes the derived forward weights from the parameters (after every optimiser step).
    public func prepare() {
        let h = stateBits, e = codeBits, inputs = inputWidth, rows = 2 * h, signed = signedInputs
        readoutScale[0] = max(readoutScale[0], 1e-4)
        switch relaxation {
        case .straightThrough:
            let nonzero = quantizer.quantize(weights.baseAddress, rows: rows, columns: inputs, into: ternaryWeights.baseAddress)
            for r in 0..<rows {
                let scale = 1 / Float(max(nonzero[r], 1)).squareRoot()
                rowScale[r] = scale
                for j in 0..<inputs { effectiveWeights.baseAddress[r * inputs + j] = Float(ternaryWeights.baseAddress[r * inputs + j]) * scale }
            }
            quantizer.quantize(readout.baseAddress, rows: classCount, columns: h, into: ternaryReadout.baseAddress)
            for i in 0..<classCount * h { effectiveReadout.baseAddress[i] = Float(ternaryReadout.baseAddress[i]) }
            for i in 0..<256 * e { codeValues.baseAddress[i] = code.baseAddress[i] >= 0 ? 1 : (signed ? -1 : 0) }
            summariseReadoutRows()
            let s = readoutScale[0]
            for c in 0..<classCount {
                // Unsigned: logit/s = R̂·h + q/s, an integer once q/s is rounded. Signed: logit/(2s) =
                // R̂·h + (q/s − Σ R̂)/2, an integer once q/s − Σ R̂ is rounded to an even number.
                if signed {
                    let sum = effectiveReadoutRowSum[c]
                    effectiveReadoutBias[c] = (sum + 2 * ((readoutBias[c] / s - sum) / 2).rounded()) * s
                } else {
                    effectiveReadoutBias[c] = (readoutBias[c] / s).rounded() * s
                }
            }
        case .smooth:
            effectiveWeights.buffer.update(fromContentsOf: weights.buffer)
            for r in 0..<rows { rowScale[r] = 1 }
            effectiveReadout.buffer.update(fromContentsOf: readout.buffer)
            for i in 0..<256 * e {
                let p = 1 / (1 + exp(-code.baseAddress[i]))
                codeValues.baseAddress[i] = signed ? 2 * p - 1 : p
            }
            summariseReadoutRows()
            effectiveReadoutBias.buffer.update(fromContentsOf: readoutBias.buffer)
        }
    }

    private func summariseReadoutRows() {
        let h = stateBits
        for c in 0..<classCount {
            var sum: Float = 0
            for j in 0..<h { sum += effectiveReadout.baseAddress[c * h + j] }
            effectiveReadoutRowSum[c] = sum
        }
    }

    /// The ternary gate weights (2H rows of H + E), as of the last `prepare()` in straight-through mode.
    public var ternaryGateWeights: [Int8] { ternaryWeights.array }
    /// The ternary readout (C rows of H), as of the last `prepare()` in straight-through mode.
    public var ternaryReadoutWeights: [Int8] { ternaryReadout.array }
    /// 1/√(non-zeros) of each gate row, as of the last `prepare()`.
    public var gateRowScales: [Float] { rowScale.array }

    /// The fraction of zero weights among the ternary gate and readout weights (after `prepare()`).
    public var zeroFraction: Double {
        var zeros = 0
        for i in 0..<ternaryWeights.count where ternaryWeights.baseAddress[i] == 0 { zeros += 1 }
        for i in 0..<ternaryReadout.count where ternaryReadout.baseAddress[i] == 0 { zeros += 1 }
        return Double(zeros) / Double(max(ternaryWeights.count + ternaryReadout.count, 1))
    }
}
