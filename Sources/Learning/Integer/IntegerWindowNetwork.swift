import Foundation
import GateLMSupport

/// The trainable form of an integer window language model: float shadow weights whose forward
/// pass is an integer circuit (`DiscreteIntegerWindow` once folded). With L = 2ᵏ − 1:
///
/// - Inputs: each of the W context bytes reads its byte code, each hashed table the row its
///   hash picks; every value is a k-bit level j = clamp(⌊(f + 1)/2·L + ½⌉, 0, L) of its shadow f,
///   entering the products as u = (2j − L)/L ∈ [−1, 1] (±1 at k = 1).
/// - Each hidden layer: a = Ŵ·x (Ŵ: each row ternarised by TWN and divided by √(its non-zeros)),
///   pre = g ⊙ a + b, level j = clamp(⌊pre + ½⌋, 0, L) (an unsigned k-bit unit: a step at k = 1),
///   entering the next layer as y = j/L.
/// - logits = s·(R̂·y) + q (R̂: the readout ternarised by TWN; q rounded to multiples of s/L so
///   that the circuit's scores Σ R̂·j are integers and τ = L/s).
///
/// Backward every quantiser passes the gradient straight through over its whole range widened
/// by the surrogate width (the candidate recipe of the design note's probe); the code and table
/// values where |f| ≤ 1. With `relaxation = .smooth`, u = tanh(f), y = σ(pre) and nothing is
/// ternarised or rounded: a smooth model whose gradient is exact, for the finite-difference checks.
public final class IntegerWindowNetwork {
    /// How the quantisers and the ternarisation are treated.
    public enum Relaxation: Sendable {
        /// Integer forward pass, straight-through backward (training).
        case straightThrough
        /// Smooth activations, float weights (gradient checks).
        case smooth
    }

    /// One hidden layer's parameters and derived weights.
    public final class Layer {
        public let inputs: Int, units: Int
        /// W: units rows of inputs columns.
        public let weights: AlignedBuffer<Float>
        public let gain: AlignedBuffer<Float>
        public let bias: AlignedBuffer<Float>
        let effectiveWeights: AlignedBuffer<Float>
        let rowScale: AlignedBuffer<Float>
        let ternary: AlignedBuffer<Int8>

        init(inputs: Int, units: Int, gain initialGain: Float, bias initialBias: Float, rng: inout SplitMix64) {
            self.inputs = inputs
            self.units = units
            weights = AlignedBuffer((0..<units * inputs).map { _ in rng.nextNormal(deviation: 0.1) })
            gain = AlignedBuffer(Array(repeating: initialGain, count: units))
            bias = AlignedBuffer(Array(repeating: initialBias, count: units))
            effectiveWeights = AlignedBuffer(count: units * inputs)
            rowScale = AlignedBuffer(count: units)
            ternary = AlignedBuffer(count: units * inputs)
        }

        /// The ternary weights as of the last `prepare()`, row-major.
        public var ternaryWeights: [Int8] { ternary.array }
        /// 1/√(non-zeros) of each row as of the last `prepare()`.
        public var rowScales: [Float] { rowScale.array }
    }

    public let configuration: IntegerWindowConfiguration
    public let classCount: Int
    public var relaxation: Relaxation = .straightThrough
    public let quantizer: TernaryQuantizer

    /// code[x·E + e]: the shadow of byte x's code value e.
    public let code: AlignedBuffer<Float>
    /// tables[(t·rows + r)·E + e]: the shadow of value e of row r of table t.
    public let tables: AlignedBuffer<Float>
    public let layers: [Layer]
    /// R: C rows of (last layer's units) columns.
    public let readout: AlignedBuffer<Float>
    /// s (one value), kept positive.
    public let readoutScale: AlignedBuffer<Float>
    /// q, per class.
    public let readoutBias: AlignedBuffer<Float>

    let gradients: [AlignedBuffer<Float>]
    /// Derived by `prepare()`: the quantised code and table values u and their straight-through slopes.
    let codeValues: AlignedBuffer<Float>, codeSlopes: AlignedBuffer<Float>
    let tableValues: AlignedBuffer<Float>, tableSlopes: AlignedBuffer<Float>
    let effectiveReadout: AlignedBuffer<Float>
    let ternaryReadout: AlignedBuffer<Int8>
    let effectiveReadoutBias: AlignedBuffer<Float>

    /// Rows of each hashed table.
    public var tableRows: Int { 1 << configuration.hashedRowBits }
    /// Units of the last hidden layer (the readout's inputs).
    public var lastWidth: Int { configuration.hiddenWidths.last! }
    public var largestLevel: Int { configuration.largestLevel }

    /// A freshly initialised model: code, tables ~ N(0, 0.5²), W, R ~ N(0, 0.1²), g = the initial
    /// gain·(L + 1)/2, b = L/2 (every unit starts mid-range), s = 4/√U and q = `initialReadoutBias`.
    public init(configuration: IntegerWindowConfiguration, classCount: Int, initialReadoutBias: [Float]? = nil) {
        precondition(classCount >= 1, "at least one class")
        self.configuration = configuration
        self.classCount = classCount
        quantizer = TernaryQuantizer(deltaFactor: configuration.deltaFactor)
        let e = configuration.codeWidth, tableCount = configuration.hashedOrders.count, rows = 1 << configuration.hashedRowBits
        let levels = Float(configuration.largestLevel)
        var rng = SplitMix64(seed: configuration.seed ^ 0x1A7E_6E12)
        code = AlignedBuffer((0..<256 * e).map { _ in rng.nextNormal(deviation: 0.5) })
        tables = AlignedBuffer((0..<tableCount * rows * e).map { _ in rng.nextNormal(deviation: 0.5) })
        var inputs = configuration.inputWidth, built = [Layer]()
        for width in configuration.hiddenWidths {
            built.append(Layer(inputs: inputs, units: width, gain: configuration.initialGain * (levels + 1) / 2, bias: levels / 2, rng: &rng))
            inputs = width
        }
        layers = built
        let u = configuration.hiddenWidths.last!
        readout = AlignedBuffer((0..<classCount * u).map { _ in rng.nextNormal(deviation: 0.1) })
        readoutScale = AlignedBuffer([4 / Float(u).squareRoot()])
        readoutBias = AlignedBuffer(initialReadoutBias ?? Array(repeating: 0, count: classCount))
        precondition(readoutBias.count == classCount, "one initial readout bias per class")
        codeValues = AlignedBuffer(count: 256 * e)
        codeSlopes = AlignedBuffer(count: 256 * e)
        tableValues = AlignedBuffer(count: tableCount * rows * e)
        tableSlopes = AlignedBuffer(count: tableCount * rows * e)
        effectiveReadout = AlignedBuffer(count: classCount * u)
        ternaryReadout = AlignedBuffer(count: classCount * u)
        effectiveReadoutBias = AlignedBuffer(count: classCount)
        gradients = ([code, tables] + built.flatMap { [$0.weights, $0.gain, $0.bias] } + [readout, readoutScale, readoutBias])
            .map { AlignedBuffer(count: $0.count) }
    }

    private var values: [AlignedBuffer<Float>] {
        [code, tables] + layers.flatMap { [$0.weights, $0.gain, $0.bias] } + [readout, readoutScale, readoutBias]
    }

    /// The parameters and their gradients, for the optimiser (and the checkpoint, in this order).
    public var parameters: [Adam.Parameter] { zip(values, gradients).map { Adam.Parameter(value: $0, gradient: $1) } }

    /// The names of `parameters` as stored in checkpoints (TransformerLens-like: `L1.weights`, …).
    public static func parameterNames(configuration c: IntegerWindowConfiguration) -> [String] {
        ["code", "tables"] + c.hiddenWidths.indices.flatMap { ["L\($0 + 1).weights", "L\($0 + 1).gain", "L\($0 + 1).bias"] }
            + ["readout", "readout.scale", "readout.bias"]
    }

    /// The number of floats each parameter holds, in `parameters` order.
    public static func parameterCounts(configuration c: IntegerWindowConfiguration, classCount: Int) -> [Int] {
        var inputs = c.inputWidth, counts = [256 * c.codeWidth, c.hashedOrders.count * (1 << c.hashedRowBits) * c.codeWidth]
        for width in c.hiddenWidths {
            counts += [width * inputs, width, width]
            inputs = width
        }
        return counts + [classCount * inputs, 1, classCount]
    }

    /// The level j ∈ 0…L of a code or table shadow value f: ⌊(f + 1)/2·L + ½⌋ clamped (j = [f ≥ 0] at k = 1).
    @inlinable public static func inputLevel(_ f: Float, largestLevel L: Int) -> Int {
        let level = ((f + 1) / 2 * Float(L) + 0.5).rounded(.down)
        return Int(min(max(level, 0), Float(L)))
    }

    /// Recomputes the derived forward values from the parameters (after every optimiser step).
    public func prepare() {
        let L = largestLevel, levels = Float(L)
        readoutScale[0] = max(readoutScale[0], 1e-4)
        let smooth = relaxation == .smooth
        for (values, slopes, shadow) in [(codeValues, codeSlopes, code), (tableValues, tableSlopes, tables)] {
            for i in 0..<shadow.count {
                let f = shadow.baseAddress[i]
                if smooth {
                    let u = tanh(f)
                    values.baseAddress[i] = u
                    slopes.baseAddress[i] = 1 - u * u
                } else {
                    values.baseAddress[i] = Float(2 * Self.inputLevel(f, largestLevel: L) - L) / levels
                    slopes.baseAddress[i] = abs(f) <= 1 ? 1 : 0
                }
            }
        }
        let u = lastWidth
        if smooth {
            for layer in layers {
                layer.effectiveWeights.buffer.update(fromContentsOf: layer.weights.buffer)
                layer.rowScale.fill(with: 1)
            }
            effectiveReadout.buffer.update(fromContentsOf: readout.buffer)
            effectiveReadoutBias.buffer.update(fromContentsOf: readoutBias.buffer)
            return
        }
        for layer in layers {
            let nonzero = quantizer.quantize(layer.weights.baseAddress, rows: layer.units, columns: layer.inputs, into: layer.ternary.baseAddress)
            for r in 0..<layer.units {
                let scale = 1 / Float(max(nonzero[r], 1)).squareRoot()
                layer.rowScale[r] = scale
                for j in 0..<layer.inputs {
                    layer.effectiveWeights.baseAddress[r * layer.inputs + j] = Float(layer.ternary.baseAddress[r * layer.inputs + j]) * scale
                }
            }
        }
        quantizer.quantize(readout.baseAddress, rows: classCount, columns: u, into: ternaryReadout.baseAddress)
        for i in 0..<classCount * u { effectiveReadout.baseAddress[i] = Float(ternaryReadout.baseAddress[i]) }
        // logit = (s/L)·(Σ R̂·j + q·L/s): an integer score once q·L/s is rounded.
        let step = readoutScale[0] / levels
        for c in 0..<classCount { effectiveReadoutBias[c] = (readoutBias[c] / step).rounded() * step }
    }

    /// The ternary readout (C rows of the last layer's units) as of the last `prepare()`.
    public var ternaryReadoutWeights: [Int8] { ternaryReadout.array }

    /// The fraction of zero weights among the ternary layer and readout weights (after `prepare()`).
    public var zeroFraction: Double {
        var zeros = 0, total = 0
        for buffer in layers.map(\.ternary) + [ternaryReadout] {
            for i in 0..<buffer.count where buffer.baseAddress[i] == 0 { zeros += 1 }
            total += buffer.count
        }
        return Double(zeros) / Double(max(total, 1))
    }

    /// The gradient of parameter `index` (in `parameters` order), for tests.
    public func gradient(_ index: Int) -> [Float] { gradients[index].array }

    /// Scales every gradient so their joint L2 norm is at most `maximum`; returns the norm before.
    @discardableResult
    public func clipGradients(to maximum: Float) -> Float { GradientClipping.clip(gradients, to: maximum) }

    /// Decoupled weight decay of the table rows: tables −= rate·λ·tables (AdamW's, on the tables only).
    public func decayTables(learningRate: Float) {
        let factor = 1 - learningRate * configuration.tableWeightDecay
        guard factor != 1 else { return }
        for i in 0..<tables.count { tables.baseAddress[i] *= factor }
    }
}
