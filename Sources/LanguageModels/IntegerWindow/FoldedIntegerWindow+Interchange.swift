import GateLMSupport
import Learning
import Text

/// The integer window family in the interchange format (docs/interchange.md, family `integer`).
extension FoldedIntegerWindow {
    /// The model's `config.json` keys and integer tensors.
    public func interchange() -> InterchangeModel {
        let m = model, L = m.largestLevel
        var config: [String: JSONValue] = [
            "context_length": .int(m.contextLength), "code_width": .int(m.codeWidth), "activation_bits": .int(m.activationBits),
            "tables": .array(m.tables.map { .object(["order": .int($0.hash.order), "bits": .int($0.hash.bits)]) }),
            "hidden_widths": .array(m.layers.map { .int($0.count) }),
            "class_bytes": .array(m.classBytes.map { .int(Int($0)) }),
            "temperature": .double(readout.temperature), "epsilon": .double(readout.epsilon),
            "corpus": training.corpus?.interchangeValue ?? .null,
        ]
        if let provenance { config["source"] = provenance }
        var tensors: [String: SafeTensors.Tensor] = ["code": .init(m.code, shape: [256, m.codeWidth])]
        for (t, table) in m.tables.enumerated() {
            tensors["tables.\(t).columns"] = .init(table.hash.columns.map { Int32(bitPattern: $0) }, shape: [table.hash.columns.count])
            tensors["tables.\(t).levels"] = .init(table.levels, shape: [1 << table.hash.bits, m.codeWidth])
        }
        var inputs = m.inputWidth
        for (l, layer) in m.layers.enumerated() {
            tensors["L\(l + 1).weights"] = .init(layer.flatMap(\.weights), shape: [layer.count, inputs])
            tensors["L\(l + 1).thresholds"] = .init(layer.flatMap(\.thresholds), shape: [layer.count, L])
            inputs = layer.count
        }
        tensors["readout.weights"] = .init(m.readout, shape: [m.classCount, inputs])
        tensors["readout.offsets"] = .init(m.offsets, shape: [m.classCount])
        return InterchangeModel(family: family, config: config, tensors: SafeTensors(tensors: tensors, metadata: ["format": InterchangeModel.format]))
    }

    /// The model of an interchange directory of family `integer`, validated field by field:
    /// every config key in its range (and no other key), every tensor present with its dtype and
    /// shape (and no other tensor), every level ≤ L, every weight ternary, every hash column
    /// within its bits, thresholds non-decreasing, offsets ≥ 0.
    public init(interchange: InterchangeModel, source: String) throws(InterchangeError) {
        let limits = IntegerWindowConfiguration.Limits.self
        let configSource = source + "/" + InterchangeModel.configName, tensorSource = source + "/" + InterchangeModel.tensorsName
        var fields = InterchangeFields(interchange.config, source: configSource)
        let W = try fields.integer("context_length", in: limits.contextLength)
        let E = try fields.integer("code_width", in: limits.codeWidth)
        let k = try fields.integer("activation_bits", in: limits.activationBits)
        let tableShapes = try fields.objects("tables", count: limits.hashedTables) { (table: inout InterchangeFields) throws(InterchangeError) in
            (order: try table.integer("order", in: 1...W), bits: try table.integer("bits", in: limits.hashedRowBits))
        }
        guard Set(tableShapes.map(\.order)).count == tableShapes.count else { throw fields.error("tables", "must have distinct orders") }
        let widths = try fields.integers("hidden_widths", count: limits.hiddenLayers, each: limits.hiddenWidth)
        let classBytes = try fields.integers("class_bytes", count: 1...256, each: 0...255)
        guard zip(classBytes, classBytes.dropFirst()).allSatisfy({ $0 < $1 }) else { throw fields.error("class_bytes", "must be distinct bytes in ascending order") }
        let temperature = try fields.number("temperature", expected: "a finite number > 0") { $0 > 0 }
        let epsilon = try fields.number("epsilon", expected: "a finite number in (0, 1)") { $0 > 0 && $0 < 1 }
        let corpus = try fields.optionalObject("corpus") { (f: inout InterchangeFields) throws(InterchangeError) in try CorpusIdentity(interchange: &f) }
        let provenance = fields.raw("source")
        try fields.finish()

        let L = (1 << k) - 1, C = classBytes.count
        let tensors = interchange.tensors
        func tensor(_ name: String, _ dtype: SafeTensors.DType, _ shape: [Int]) throws(InterchangeError) -> SafeTensors.Tensor {
            do { return try tensors.tensor(name, dtype, shape: shape, source: tensorSource) } catch { throw InterchangeError(error.description) }
        }
        func levels(_ name: String, _ shape: [Int]) throws(InterchangeError) -> [UInt8] {
            let values = try tensor(name, .u8, shape).uint8!
            if let bad = values.firstIndex(where: { Int($0) > L }) {
                throw InterchangeError("\(tensorSource): tensor '\(name)' element \(bad) is \(values[bad]); levels of k = \(k) bits are 0...\(L)")
            }
            return values
        }
        func ternary(_ name: String, _ shape: [Int]) throws(InterchangeError) -> [Int8] {
            let values = try tensor(name, .i8, shape).int8!
            if let bad = values.firstIndex(where: { !(-1...1).contains($0) }) {
                throw InterchangeError("\(tensorSource): tensor '\(name)' element \(bad) is \(values[bad]); weights are ternary (-1, 0, 1)")
            }
            return values
        }
        var expected: Set<String> = ["code", "readout.weights", "readout.offsets"]
        let code = try levels("code", [256, E])
        var tables = [DiscreteIntegerWindow.Table]()
        for (t, shape) in tableShapes.enumerated() {
            let columnsName = "tables.\(t).columns", levelsName = "tables.\(t).levels"
            expected.formUnion([columnsName, levelsName])
            let columns = try tensor(columnsName, .i32, [8 * shape.order]).int32!
            if let bad = columns.firstIndex(where: { $0 < 0 || $0 >= 1 << shape.bits }) {
                throw InterchangeError("\(tensorSource): tensor '\(columnsName)' element \(bad) is \(columns[bad]); a column of a \(shape.bits)-bit hash is in 0...\((1 << shape.bits) - 1)")
            }
            let hash = ContextHash(order: shape.order, bits: shape.bits, columns: columns.map { UInt32($0) })
            tables.append(.init(hash: hash, levels: try levels(levelsName, [1 << shape.bits, E])))
        }
        var layers = [[DiscreteIntegerWindow.Unit]](), inputs = (W + tableShapes.count) * E
        for (l, width) in widths.enumerated() {
            let weightsName = "L\(l + 1).weights", thresholdsName = "L\(l + 1).thresholds"
            expected.formUnion([weightsName, thresholdsName])
            let weights = try ternary(weightsName, [width, inputs])
            let thresholds = try tensor(thresholdsName, .i32, [width, L]).int32!
            var units = [DiscreteIntegerWindow.Unit]()
            units.reserveCapacity(width)
            for u in 0..<width {
                let row = Array(thresholds[u * L ..< (u + 1) * L])
                guard zip(row, row.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                    throw InterchangeError("\(tensorSource): tensor '\(thresholdsName)' row \(u) is \(row); a unit's thresholds never decrease")
                }
                units.append(.init(weights: Array(weights[u * inputs ..< (u + 1) * inputs]), thresholds: row))
            }
            layers.append(units)
            inputs = width
        }
        let readoutWeights = try ternary("readout.weights", [C, inputs])
        let offsets = try tensor("readout.offsets", .i32, [C]).int32!
        if let bad = offsets.firstIndex(where: { $0 < 0 }) {
            throw InterchangeError("\(tensorSource): tensor 'readout.offsets' element \(bad) is \(offsets[bad]); offsets are ≥ 0")
        }
        // The largest score must fit the circuit's unsigned arithmetic (an Int32).
        let largest = (0..<C).map { c in Int(offsets[c]) + readoutWeights[c * inputs ..< (c + 1) * inputs].reduce(0) { $0 + ($1 != 0 ? L : 0) } }.max()!
        guard largest < Int(Int32.max) else { throw InterchangeError("\(tensorSource): scores up to \(largest) do not fit 31 bits; the offsets are too large") }
        if let unknown = tensors.tensors.keys.filter({ !expected.contains($0) }).sorted().first {
            throw InterchangeError("\(tensorSource): unknown tensor \(UntrustedText.quoted(unknown, limit: 60)) (an integer model of this shape has \(expected.sorted().joined(separator: ", ")))")
        }
        let model: DiscreteIntegerWindow
        do {
            model = try DiscreteIntegerWindow(contextLength: W, codeWidth: E, activationBits: k, code: code, tables: tables, layers: layers,
                                              readout: readoutWeights, offsets: offsets, classBytes: classBytes.map { UInt8($0) })
        } catch { throw InterchangeError("\(source): \(error)") }
        var training = TrainingRecord()
        training.corpus = corpus
        if case .object(let members)? = provenance, let steps = members["steps"]?.intValue, (0...TrainingRecord.stepLimit).contains(steps) {
            training.step = steps
        }
        self.init(model: model, readout: ReadoutParameters(temperature: temperature, epsilon: epsilon), training: training, provenance: provenance)
    }
}
