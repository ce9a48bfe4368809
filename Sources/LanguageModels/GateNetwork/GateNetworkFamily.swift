import Circuits
import Learning
import Text

/// The window families (`gates`, `hybrid`): a logic-gate network over the last W bytes, with
/// a count ROM for the hybrid.
public enum GateNetworkFamily: LanguageModelFamily {
    public static let checkpointKind: String? = GateNetworkCheckpoint.kind
    public static let names = ["gates", "hybrid"]
    public static func model(file: Checkpoint, source: String) throws(CheckpointFormatError) -> any FamilyModel {
        try GateNetworkCheckpoint(file: file, source: source)
    }
    public static let fileExtension = "gatelm"
    public static var trainings: [any FamilyTraining.Type] { [GatesTraining.self, HybridTraining.self] }

    /// An untrained two-byte window network (4-bit embedding, one layer of 48 gates, groups of 8,
    /// order-2 hashed tables), its parameters drawn from `seed`.
    public static func sample(text: Corpus, seed: UInt64) throws -> any FamilyModel {
        var c = GateNetworkConfiguration()
        c.contextLength = 2
        c.embeddingBits = 4
        c.hiddenWidths = [48]
        c.groupSize = 8
        c.temperature = GateNetworkConfiguration.recommendedTemperature(groupSize: 8)
        c.seed = seed
        c.hashedOrders = [2]
        c.hashedRowBits = 6
        var record = TrainingRecord()
        record.corpus = .init(name: text.name, bytes: text.bytes)
        return GateNetworkCheckpoint(model: GateNetworkModel(configuration: c, vocabulary: ByteVocabulary(of: text.bytes)), training: record)
    }
}

extension GateNetworkCheckpoint: FamilyModel {
    public var family: String { model.countMixer == nil ? "gates" : "hybrid" }
    public var vocabulary: ByteVocabulary { model.vocabulary }
    public var epsilon: Double { Double(model.readout.epsilon) }

    public func circuit(nodeNames: Bool, argmax: Bool) throws -> AIG {
        model.discretized().circuit(argmax: argmax, readout: model.readoutParameters, nodeNames: nodeNames)
    }

    public func compile(argmax: Bool, nodeNames: Bool, pruning: TrainedModel.PruningRequest?) throws -> TrainedModel.Compilation {
        var network = model.discretized()
        let readout = model.readoutParameters
        var note: String?, report: ReadoutPruningReport?, before: Double?, after: Double?
        if let pruning {
            let split = CorpusSplit(pruning.text)
            let (result, pruned) = network.prunedReadout(text: pruning.text.bytes, trainingPositions: split.training, readout: readout,
                                                          options: pruning.options, progress: pruning.progress)
            let b = try CircuitLanguageModel(network.circuit(readout: readout)).bitsPerByte(on: pruning.text.bytes, positions: split.validation)
            let a = try CircuitLanguageModel(result.circuit(readout: readout)).bitsPerByte(on: pruning.text.bytes, positions: split.validation)
            note = String(format: "gatelm readout pruned (approximate): %d of %d votes constant on %d training contexts of %@; "
                          + "validation bits/byte %.4f -> %.4f", pruned.prunedGates, network.classCount * network.groupSize,
                          pruned.samples, pruning.text.name, b, a)
            (report, before, after) = (pruned, b, a)
            network = result
        }
        var aig = network.circuit(argmax: argmax, readout: readout, nodeNames: nodeNames)
        if let note { aig.comments.insert(note, at: min(3, aig.comments.count)) }
        let unhashed = network.circuit(argmax: argmax, readout: readout, structuralHashing: false)
        return TrainedModel.Compilation(aig: aig, summary: "\(network.gateCount) learned gates; \(unhashed.andCount) ANDs as written, \(aig.andCount) after structural hashing",
                                        pruningNote: note, pruningReport: report, validationBefore: before, validationAfter: after)
    }

    public func discreteScores(of positions: Range<Int>, in text: [UInt8]) throws -> [Int32] {
        let network = model.discretized(), w = network.contextLength
        var contexts = [UInt8](repeating: 0, count: positions.count * w)
        text.withUnsafeBufferPointer { bytes in
            contexts.withUnsafeMutableBufferPointer { ContextWindow(width: w).fill($0, for: positions, in: bytes) }
        }
        return network.scores(contexts: contexts, count: positions.count)
    }

    public func evaluate(on text: [UInt8], positions: Range<Int>) throws -> ModelEvaluation {
        let circuit = try CircuitLanguageModel(try self.circuit(nodeNames: false, argmax: false))
        let r = model.evaluate(on: text, positions: positions, circuit: circuit)
        return ModelEvaluation(softBitsPerByte: r.softBitsPerByte, discreteBitsPerByte: r.discreteBitsPerByte,
                               circuitBitsPerByte: r.circuitBitsPerByte ?? .nan, bytes: r.bytes, ands: circuit.aig.andCount)
    }

    public var learnedMechanisms: [String] { model.learnedMechanisms }
    public var countedMechanisms: [String] { model.countedMechanisms }
    public var size: [(key: String, value: Double)] { [("gates", Double(model.gateCount))] }
    public func write(to path: String) throws { try write(to: path, optimizer: nil) }
}
