import Circuits
import GateLMSupport
import Learning
import Text

/// The trainable (relaxed) logic-gate network language model: a learned
/// byte embedding, layers of soft two-input gates and a GroupSum readout.
/// `discretized()` turns it into the boolean `DiscreteGateNetwork`.
public final class GateNetworkModel {
    public let configuration: GateNetworkConfiguration
    /// The output classes: the bytes seen in training.
    public let vocabulary: ByteVocabulary
    public let embedding: Embedding
    /// The hashed-context tables (2^k rows of E bits each), one per `configuration.hashedOrders`.
    public let hashedTables: [Embedding]
    /// Their hashes (fixed by the configuration's seed).
    public let hashes: [ContextHash]
    /// `ContextHash.rowTable` of each hash, for training.
    let hashRowTables: [[UInt32]]
    public let layers: [GateLayer]
    public let readout: GroupSum
    /// The count ROM and its mixing weights (the hybrid family), nil when `configuration.countOrders` is empty.
    public let countMixer: CountMixer?
    /// τ the circuit's scores are read with, fitted to the discrete network after training
    /// (`ReadoutCalibration`); nil: the training τ.
    public var circuitTemperature: Float?

    /// A freshly initialised model; `counts` are the training split's counts when the
    /// configuration has count orders (see `GateNetworkConfiguration.countStatistics`).
    public convenience init(configuration: GateNetworkConfiguration, vocabulary: ByteVocabulary, counts: CountStatistics? = nil) {
        precondition(configuration.countOrders.isEmpty == (counts == nil), "a model with count orders is built from the counts")
        let c = configuration
        var inputs = c.inputUnitCount
        var layers = [GateLayer]()
        for (i, wiring) in Self.wiring(configuration: c, classCount: vocabulary.count).enumerated() {
            layers.append(GateLayer(inputCount: inputs, wiring: wiring, seed: Self.layerSeed(c, i) &+ 0x5EED,
                                    passThroughLogit: c.passThroughLogit))
            inputs = wiring.first.count
        }
        self.init(configuration: c, vocabulary: vocabulary,
                  embedding: Embedding(bitsPerByte: c.embeddingBits, seed: c.seed),
                  hashedTables: c.hashes.enumerated().map { t, hash in
                      Embedding(rows: 1 << hash.bits, bitsPerRow: c.embeddingBits, seed: c.seed &+ 0x7AB1E &+ UInt64(t) &* 0x9E37_79B9)
                  },
                  layers: layers,
                  countMixer: counts.map { CountMixer(statistics: $0, weightBits: c.countWeightBits, backOff: c.countBackOff, temperature: Self.temperature(c)) })
    }

    /// τ of the readout `configuration` asks for.
    static func temperature(_ c: GateNetworkConfiguration) -> Float { c.temperature ?? Float(c.groupSize).squareRoot() }

    /// The seed of layer `i`'s wiring.
    private static func layerSeed(_ c: GateNetworkConfiguration, _ i: Int) -> UInt64 { c.seed &+ UInt64(i + 1) &* 0x9E37_79B9 }

    /// Every layer's wiring as `configuration` fixes it (seeded; the last layer has
    /// `classCount × groupSize` gates). Checkpoints are checked against it.
    public static func wiring(configuration c: GateNetworkConfiguration, classCount: Int) -> [(first: [UInt32], second: [UInt32])] {
        let widths = c.hiddenWidths + [classCount * c.groupSize]
        var inputs = c.inputUnitCount
        var result = [(first: [UInt32], second: [UInt32])]()
        for (i, width) in widths.enumerated() {
            var random = SplitMix64(seed: layerSeed(c, i))
            let wiring = switch c.wiring {
            case .uniform: GateWiring.residual(inputCount: inputs, gateCount: width, using: &random)
            case .recency where i == 0:
                GateWiring.recencyWeighted(positions: c.contextLength, unitsPerPosition: c.embeddingBits,
                                           gateCount: width, memoryBlocks: c.hashedOrders.count, using: &random)
            case .recency: GateWiring.shuffled(inputCount: inputs, gateCount: width, using: &random)
            }
            result.append(wiring)
            inputs = width
        }
        return result
    }

    /// A model from existing parts (for example a checkpoint).
    public init(configuration: GateNetworkConfiguration, vocabulary: ByteVocabulary, embedding: Embedding,
                hashedTables: [Embedding] = [], layers: [GateLayer], countMixer: CountMixer? = nil) {
        precondition(layers.first?.inputCount == configuration.inputUnitCount, "the first layer reads (W + tables)·E units")
        precondition(hashedTables.count == configuration.hashedOrders.count, "one hashed table per hashed order")
        precondition(configuration.hashedOrders.allSatisfy { (1...configuration.contextLength).contains($0) },
                     "hashed orders are in 1...W")
        let hashes = configuration.hashes
        for (table, hash) in zip(hashedTables, hashes) {
            precondition(table.rowCount == 1 << hash.bits && table.bitsPerByte == configuration.embeddingBits,
                         "a hashed table has 2^hashedRowBits rows of E bits")
        }
        precondition(layers.last?.gateCount == vocabulary.count * configuration.groupSize,
                     "the last layer has classes × group size gates")
        precondition((countMixer?.tables.map(\.hash) ?? []) == configuration.countHashes
                     && (countMixer.map { $0.slots == configuration.countSlots && $0.weightBits == configuration.countWeightBits } ?? true),
                     "the count mixer has the configuration's count tables")
        self.configuration = configuration
        self.vocabulary = vocabulary
        self.embedding = embedding
        self.hashedTables = hashedTables
        self.hashes = hashes
        hashRowTables = hashes.map(\.rowTable)
        self.layers = layers
        self.countMixer = countMixer
        readout = GroupSum(classCount: vocabulary.count, groupSize: configuration.groupSize,
                           temperature: configuration.temperature, epsilon: configuration.epsilon)
    }

    /// Learned gates in all layers.
    public var gateCount: Int { layers.reduce(0) { $0 + $1.gateCount } }

    /// The trainable parameters, for the optimiser.
    public var parameters: [Adam.Parameter] {
        [Adam.Parameter(value: embedding.logits, gradient: embedding.logitGradient)]
            + layers.map { Adam.Parameter(value: $0.logits, gradient: $0.logitGradient) }
            + hashedTables.map { Adam.Parameter(value: $0.logits, gradient: $0.logitGradient) }
            + (countMixer.map { [Adam.Parameter(value: $0.weights, gradient: $0.weightGradient)] } ?? [])
    }

    /// Recomputes derived values (sigmoids, gate coefficients) after the parameters changed.
    public func parametersChanged(workers: Int = 1) {
        embedding.updateValues()
        for table in hashedTables { table.updateValues() }
        for layer in layers { layer.updateCoefficients(workers: workers) }
    }

    /// Straight-through training: forward passes compute the discretised model
    /// exactly, gradients still flow through the relaxation.
    public var straightThrough: Bool {
        get { embedding.straightThrough && hashedTables.allSatisfy(\.straightThrough) && layers.allSatisfy(\.straightThrough) }
        set {
            embedding.straightThrough = newValue
            for table in hashedTables { table.straightThrough = newValue }
            for layer in layers { layer.straightThrough = newValue }
            parametersChanged()
        }
    }

    /// Gumbel noise of `scale` on every gate's logits at each update (0: none), seeded per layer.
    public func setGumbelNoise(scale: Float, seed: UInt64, workers: Int = 1) {
        for (l, layer) in layers.enumerated() {
            layer.gumbelScale = scale
            layer.seedGumbelNoise(seed &+ UInt64(l + 1) &* 0xD1B5_4A32_D192_ED03)
        }
        parametersChanged(workers: workers)
    }

    /// The Gumbel noise scale of the gate layers (0: none).
    public var gumbelScale: Float { layers.first?.gumbelScale ?? 0 }

    /// Multiplies every gate logit and embedding logit by `factor` (> 1 sharpens):
    /// the same as lowering the softmax and sigmoid temperatures, which pulls
    /// the relaxed model toward its discretisation.
    public func sharpen(by factor: Float, workers: Int = 1) {
        for buffer in [embedding.logits] + hashedTables.map(\.logits) + layers.map(\.logits) {
            let values = buffer.baseAddress
            for i in 0..<buffer.count { values[i] *= factor }
        }
        parametersChanged(workers: workers)
    }

    /// The circuit's readout temperature (calibrated, else the training one) and ε, to record in compiled circuits.
    public var readoutParameters: ReadoutParameters {
        ReadoutParameters(temperature: Double(circuitTemperature ?? readout.temperature), epsilon: Double(readout.epsilon))
    }

    /// The readout of the discrete model and the circuit (τ from `readoutParameters`).
    public var circuitReadout: GroupSum {
        GroupSum(classCount: readout.classCount, groupSize: readout.groupSize, temperature: circuitTemperature ?? readout.temperature,
                 epsilon: readout.epsilon)
    }

    /// The compiled circuit of the boolean model, with the readout recorded.
    public func circuit(argmax: Bool = false, structuralHashing: Bool = true, nodeNames: Bool = false) -> AIG {
        discretized().circuit(argmax: argmax, readout: readoutParameters, structuralHashing: structuralHashing,
                              nodeNames: nodeNames)
    }

    /// The boolean model: embedding bits θ > 0, each gate its most probable function.
    public func discretized() -> DiscreteGateNetwork {
        let e = configuration.embeddingBits
        var inputs = configuration.inputUnitCount
        let discreteLayers = layers.map { layer -> DiscreteGateLayer in
            defer { inputs = layer.gateCount }
            return DiscreteGateLayer(inputCount: inputs, inputA: Array(layer.firstInput.array.prefix(layer.gateCount)),
                                     inputB: Array(layer.secondInput.array.prefix(layer.gateCount)),
                                     functions: layer.discretized())
        }
        let discreteTables = zip(hashedTables, hashes).map { DiscreteHashedTable(hash: $1, rows: $0.discretizedRows()) }
        return DiscreteGateNetwork(contextLength: configuration.contextLength, embeddingBits: e, embedding: embedding.discretizedRows(),
                                   layers: discreteLayers, classBytes: vocabulary.bytes, groupSize: configuration.groupSize,
                                   hashedTables: discreteTables, countROM: countMixer?.discretized())
    }
}

extension GateNetworkModel {
    /// The model's mechanisms that gradient descent learned, for reports (`gatelm eval`).
    public var learnedMechanisms: [String] {
        ["byte embedding (\(configuration.embeddingBits) bits per byte)"]
            + (hashedTables.isEmpty ? [] : ["\(hashedTables.count) hashed-context tables (orders \(configuration.hashedOrders.map(String.init).joined(separator: ", ")); 2^\(configuration.hashedRowBits) rows of \(configuration.embeddingBits) bits)"])
            + ["\(gateCount) gate functions in \(layers.count) layers"]
            + (countMixer.map { ["the count ROM's mixing weights (\($0.weights.count) integers of \($0.weightBits) bits: the score of a counted class per order, slot and confidence level)"] } ?? [])
    }

    /// The mechanisms filled in by counting the training text rather than by gradient descent.
    public var countedMechanisms: [String] {
        guard let countMixer else { return [] }
        let c = configuration
        return ["count ROM: the \(countMixer.slots) most frequent next bytes and their confidence levels after each context of "
                + "orders \(c.countOrders.map(String.init).joined(separator: ", ")) in the training split "
                + "(rows: \(countMixer.tables.map { "2^\($0.hash.bits)" }.joined(separator: ", ")); orders of 8·order ≤ \(c.countRowBits) bits exact, longer ones hashed)"]
    }
}
