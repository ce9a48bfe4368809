import Foundation
import GateLMSupport
import Learning
import Text

/// A saved gate-network model: its configuration, vocabulary and parameters,
/// and, for resuming training, the optimiser state and the training record.
public struct GateNetworkCheckpoint {
    /// The kind tag in the metadata, so other model families' checkpoints are recognised.
    public static let kind = "gatelm.gate-network"

    public var model: GateNetworkModel
    public var training: TrainingRecord

    private struct Metadata: Codable {
        var kind: String
        var configuration: GateNetworkConfiguration
        var vocabulary: ByteVocabulary
        var training: TrainingRecord
        /// The calibrated circuit τ (absent in models saved before calibration existed).
        var circuitTemperature: Float?
    }

    public init(model: GateNetworkModel, training: TrainingRecord) {
        self.model = model
        self.training = training
    }

    /// Writes the checkpoint atomically (temporary file, fsync, rename).
    public func write(to path: String, optimizer: Adam?) throws {
        var record = training
        record.hasOptimizerState = optimizer != nil
        let metadata = Metadata(kind: Self.kind, configuration: model.configuration, vocabulary: model.vocabulary,
                                training: record, circuitTemperature: model.circuitTemperature)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var file = Checkpoint(metadata: String(decoding: try encoder.encode(metadata), as: UTF8.self))
        file["embedding.logits"] = .float32(model.embedding.logits.array)
        for (l, layer) in model.layers.enumerated() {
            file["layer.\(l).first"] = .uint32(layer.firstInput.array)
            file["layer.\(l).second"] = .uint32(layer.secondInput.array)
            file["layer.\(l).logits"] = .float32(layer.logits.array)
        }
        for (t, table) in model.hashedTables.enumerated() { file["table.\(t).logits"] = .float32(table.logits.array) }
        if let mixer = model.countMixer {
            for (t, table) in mixer.tables.enumerated() { file["count.\(t).entries"] = .uint32(table.entries.map(UInt32.init)) }
            file["count.mixing"] = .float32(mixer.weights.array)
        }
        if let optimizer { file.storeMoments(of: optimizer) }
        try file.write(to: path)
    }

    /// Reads a checkpoint (`-`: standard input); throws a clear error for a missing,
    /// truncated, corrupted, foreign or inconsistent file.
    public static func read(from path: String) throws -> (checkpoint: GateNetworkCheckpoint, file: Checkpoint) {
        let file = try Checkpoint.read(from: path)
        return (try GateNetworkCheckpoint(file: file, source: path), file)
    }

    /// The model in an intact checkpoint container, validated field by field and across fields
    /// (`source` names the file in errors): every configuration field in its range, the
    /// vocabulary, every tensor's presence, length and finiteness, the wiring against what the
    /// configuration fixes, the training record and the optimiser state.
    public init(file: Checkpoint, source: String) throws(CheckpointFormatError) {
        func invalid(_ what: String) -> CheckpointFormatError { CheckpointFormatError(description: "\(source): \(what)") }
        let metadata: Metadata
        do {
            metadata = try CheckpointMetadata.decode(Metadata.self, from: file.metadata)
        } catch {
            throw invalid("not a gate-network model (its metadata does not describe one: \(error))")
        }
        guard metadata.kind == Self.kind else { throw invalid("a \(metadata.kind) checkpoint, not a gate-network model") }
        let c = metadata.configuration, classCount = metadata.vocabulary.count
        do { try c.validate(classCount: classCount) } catch { throw invalid("configuration.\(error)") }
        do { try metadata.training.validate(batchMultiple: GateNetworkWorkspace.batchMultiple) } catch { throw invalid("training.\(error)") }
        if let t = metadata.circuitTemperature {
            do { try GateNetworkConfiguration.check(t, GateNetworkConfiguration.Limits.temperature, "circuitTemperature") }
            catch { throw invalid("\(error)") }
        }
        let expected = Set(Self.tensorNames(layers: c.hiddenWidths.count + 1, tables: c.hashedOrders.count,
                                            countTables: c.countOrders.count, optimizer: metadata.training.hasOptimizerState))
        if let extra = file.tensors.map(\.name).first(where: { !expected.contains($0) }) {
            throw invalid("unexpected tensor '\(extra)' (the configuration has \(c.hiddenWidths.count + 1) layers, \(c.hashedOrders.count) hashed tables and \(c.countOrders.count) count tables)")
        }
        func tensor<T>(_ name: String, _ get: (String) throws -> [T], count: Int) throws(CheckpointFormatError) -> [T] {
            let values: [T]
            do { values = try get(name) } catch { throw invalid("\(error)") }
            guard values.count == count else { throw invalid("tensor '\(name)' has \(values.count) elements; the configuration needs \(count)") }
            return values
        }
        func finite(_ name: String, count: Int) throws(CheckpointFormatError) -> [Float] {
            let values = try tensor(name, file.float32, count: count)
            if let bad = values.firstIndex(where: { !$0.isFinite }) { throw invalid("tensor '\(name)' element \(bad) is \(values[bad]) (not finite)") }
            return values
        }
        // Every tensor's length first: lengths are bounded by the file, so this bounds the work
        // (generating the wiring below) by what the file holds.
        let widths = c.hiddenWidths + [classCount * c.groupSize]
        let tableLength = (1 << c.hashedRowBits) * c.embeddingBits
        var lengths = [("embedding.logits", 256 * c.embeddingBits)]
        for (l, width) in widths.enumerated() {
            lengths += [("layer.\(l).first", width), ("layer.\(l).second", width), ("layer.\(l).logits", GateLayer.logitCount(gateCount: width))]
        }
        for t in c.hashedOrders.indices { lengths += [("table.\(t).logits", tableLength)] }
        let countHashes = c.countHashes, mixingLength = c.countOrders.count * c.countSlots * CountLevel.count
        for (t, hash) in countHashes.enumerated() { lengths += [("count.\(t).entries", (1 << hash.bits) * c.countSlots)] }
        if !c.countOrders.isEmpty { lengths += [("count.mixing", mixingLength)] }
        if metadata.training.hasOptimizerState {
            let parameterLengths = [256 * c.embeddingBits] + widths.map { GateLayer.logitCount(gateCount: $0) }
                + Array(repeating: tableLength, count: c.hashedOrders.count) + (c.countOrders.isEmpty ? [] : [mixingLength])
            for (i, length) in parameterLengths.enumerated() { lengths += [("adam.\(i).m", length), ("adam.\(i).v", length)] }
        }
        for (name, length) in lengths {
            guard let stored = file[name] else { throw invalid("no tensor named '\(name)'") }
            guard stored.count == length else { throw invalid("tensor '\(name)' has \(stored.count) elements; the configuration needs \(length)") }
        }
        let embedding = Embedding(bitsPerByte: c.embeddingBits, logits: try finite("embedding.logits", count: 256 * c.embeddingBits))
        let wiring = GateNetworkModel.wiring(configuration: c, classCount: classCount)
        var layers = [GateLayer]()
        var inputs = c.inputUnitCount
        for (l, fixed) in wiring.enumerated() {
            let gates = fixed.first.count
            let first = try tensor("layer.\(l).first", file.uint32, count: gates)
            let second = try tensor("layer.\(l).second", file.uint32, count: gates)
            for (name, indices) in [("first", first), ("second", second)] {
                if let bad = indices.firstIndex(where: { Int($0) >= inputs }) {
                    throw invalid("tensor 'layer.\(l).\(name)' element \(bad) is input \(indices[bad]), past the layer's \(inputs) inputs")
                }
            }
            guard first == fixed.first && second == fixed.second else {
                throw invalid("layer \(l)'s wiring is not the one its configuration (contextLength, embeddingBits, hiddenWidths, wiring, seed) fixes: the configuration was changed after training")
            }
            let logits = try finite("layer.\(l).logits", count: GateLayer.logitCount(gateCount: gates))
            layers.append(GateLayer(inputCount: inputs, firstInput: first, secondInput: second, logits: logits))
            inputs = gates
        }
        var tables = [Embedding]()
        for t in c.hashedOrders.indices {
            tables.append(Embedding(rows: 1 << c.hashedRowBits, bitsPerRow: c.embeddingBits,
                                    logits: try finite("table.\(t).logits", count: tableLength)))
        }
        var countMixer: CountMixer?
        if !c.countOrders.isEmpty {
            var countTables = [CountTable]()
            for (t, hash) in countHashes.enumerated() {
                let name = "count.\(t).entries"
                let stored = try tensor(name, file.uint32, count: (1 << hash.bits) * c.countSlots)
                for row in 0..<(1 << hash.bits) {
                    var seen = Set<Int>()
                    for k in 0..<c.countSlots {
                        let i = row * c.countSlots + k, entry = stored[i]
                        let (classIndex, level) = CountTable.unpack(UInt16(truncatingIfNeeded: entry))
                        guard entry <= UInt32(UInt16.max), level < CountLevel.count, classIndex < classCount, level != 0 || entry == 0 else {
                            throw invalid("tensor '\(name)' element \(i) is \(entry): an entry is a class below \(classCount) and a level below \(CountLevel.count) (class | level << 8), or 0")
                        }
                        guard level == 0 || seen.insert(classIndex).inserted else {
                            throw invalid("tensor '\(name)' row \(row) holds class \(classIndex) twice (a row's slots hold distinct classes)")
                        }
                    }
                }
                countTables.append(CountTable(hash: hash, entries: stored.map { UInt16($0) }))
            }
            countMixer = CountMixer(tables: countTables, slots: c.countSlots, weightBits: c.countWeightBits, backOff: c.countBackOff,
                                    temperature: GateNetworkModel.temperature(c), weights: try finite("count.mixing", count: mixingLength))
        }
        let model = GateNetworkModel(configuration: c, vocabulary: metadata.vocabulary, embedding: embedding,
                                     hashedTables: tables, layers: layers, countMixer: countMixer)
        model.circuitTemperature = metadata.circuitTemperature
        if metadata.training.hasOptimizerState {
            for (i, parameter) in model.parameters.enumerated() {
                _ = try finite("adam.\(i).m", count: parameter.value.count)
                let v = try finite("adam.\(i).v", count: parameter.value.count)
                if let bad = v.firstIndex(where: { $0 < 0 }) { throw invalid("tensor 'adam.\(i).v' element \(bad) is negative (a second moment cannot be)") }
            }
        }
        self.init(model: model, training: metadata.training)
    }

    /// The tensors a checkpoint of `layers` gate layers, `tables` hashed tables and `countTables` count tables holds.
    static func tensorNames(layers: Int, tables: Int = 0, countTables: Int = 0, optimizer: Bool) -> [String] {
        let parameters = 1 + layers + tables + (countTables > 0 ? 1 : 0)
        return ["embedding.logits"] + (0..<layers).flatMap { ["layer.\($0).first", "layer.\($0).second", "layer.\($0).logits"] }
            + (0..<tables).map { "table.\($0).logits" }
            + (0..<countTables).map { "count.\($0).entries" } + (countTables > 0 ? ["count.mixing"] : [])
            + (optimizer ? Checkpoint.momentNames(parameters: parameters) : [])
    }

    /// An optimiser for `model` with the moments stored in `file` (fresh ones when it has none).
    public static func optimizer(for checkpoint: GateNetworkCheckpoint, file: Checkpoint) throws -> Adam {
        try file.optimizer(for: checkpoint.model.parameters, learningRate: checkpoint.training.learningRate,
                           stored: checkpoint.training.hasOptimizerState, step: checkpoint.training.step)
    }
}

/// A checkpoint that is intact but does not hold what was asked for.
public struct CheckpointFormatError: Error, CustomStringConvertible {
    public var description: String
}
