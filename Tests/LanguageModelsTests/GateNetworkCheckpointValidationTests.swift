import Foundation
import LanguageModels
import Learning
import Testing
import Text

/// Checkpoints that pass the checksum but are inconsistent: each must be refused with an
/// error that names the field or tensor at fault (never a trap, never silently accepted).
@Suite struct GateNetworkCheckpointValidationTests {
    /// A small saved model with optimiser state, as the container the loader sees.
    static func container() throws -> Checkpoint {
        let (model, _, _, _) = GateNetworkModelTests.trainedOnPeriodicText(steps: 3)
        let adam = Adam(parameters: model.parameters, learningRate: 0.05)
        var record = TrainingRecord()
        record.step = 3
        record.hasOptimizerState = true
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gatelm-validation-\(UUID().uuidString).gatelm").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try GateNetworkCheckpoint(model: model, training: record).write(to: path, optimizer: adam)
        return try Checkpoint.read(from: path)
    }

    /// The container with one metadata field replaced (a path of keys into the JSON object).
    static func editingMetadata(_ file: Checkpoint, _ path: [String], _ value: Any) throws -> Checkpoint {
        var object = try JSONSerialization.jsonObject(with: Data(file.metadata.utf8)) as! [String: Any]
        func set(_ dictionary: inout [String: Any], _ keys: ArraySlice<String>) {
            guard let key = keys.first else { return }
            if keys.count == 1 { dictionary[key] = value; return }
            var inner = dictionary[key] as? [String: Any] ?? [:]
            set(&inner, keys.dropFirst())
            dictionary[key] = inner
        }
        set(&object, path[...])
        var edited = file
        edited.metadata = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        return edited
    }

    /// Loads through the bytes (so the checksum is right) and returns the error text, or nil if it loaded.
    static func failure(_ file: Checkpoint) -> String? {
        do {
            let decoded = try Checkpoint(decoding: file.encoded(), source: "m.gatelm")
            _ = try GateNetworkCheckpoint(file: decoded, source: "m.gatelm")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func theSavedModelLoads() throws {
        #expect(Self.failure(try Self.container()) == nil)
    }

    @Test(arguments: [
        (["configuration", "embeddingBits"], #"0"#, "embeddingBits"),
        (["configuration", "embeddingBits"], #"3"#, "embedding.logits"),
        (["configuration", "contextLength"], #"0"#, "contextLength"),
        (["configuration", "contextLength"], #"4611686018427387904"#, "contextLength"),
        (["configuration", "contextLength"], #"16"#, "wiring"),
        (["configuration", "hiddenWidths"], #"[]"#, "hiddenWidths"),
        (["configuration", "groupSize"], #"0"#, "groupSize"),
        (["configuration", "temperature"], #"0"#, "temperature"),
        (["configuration", "temperature"], #"-1"#, "temperature"),
        (["configuration", "epsilon"], #"0"#, "epsilon"),
        (["configuration", "epsilon"], #"1.5"#, "epsilon"),
        (["configuration", "seed"], #"99"#, "wiring"),
        (["configuration", "passThroughLogit"], #"1e30"#, "passThroughLogit"),
        (["training", "step"], #"-1"#, "step"),
        (["training", "batch"], #"0"#, "batch"),
        (["training", "learningRate"], #"-0.5"#, "learningRate"),
        (["training", "seconds"], #"-3"#, "seconds"),
        (["kind"], #""gatelm.other""#, "gatelm.other"),
    ] as [([String], String, String)])
    func inconsistentMetadataIsRefusedByName(path: [String], json: String, named: String) throws {
        let value = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)
        let edited = try Self.editingMetadata(try Self.container(), path, value)
        let message = try #require(Self.failure(edited), "\(path) = \(json) was accepted")
        #expect(message.contains(named), "\(message)")
    }

    @Test func aVocabularyOneByteShortIsRefused() throws {
        let file = try Self.container()
        let object = try JSONSerialization.jsonObject(with: Data(file.metadata.utf8)) as! [String: Any]
        let bytes = (object["vocabulary"] as! [String: Any])["bytes"] as! [Int]
        let edited = try Self.editingMetadata(file, ["vocabulary", "bytes"], Array(bytes.dropLast()))
        let message = try #require(Self.failure(edited))
        #expect(message.contains("tensor 'layer."), "\(message)")
    }

    @Test func badTensorsAreRefusedByName() throws {
        let file = try Self.container()
        var short = file
        short["embedding.logits"] = .float32(Array(try file.float32("embedding.logits").dropLast()))
        #expect(Self.failure(short)?.contains("embedding.logits") == true)

        var nan = file
        var logits = try file.float32("layer.0.logits")
        logits[5] = .nan
        nan["layer.0.logits"] = .float32(logits)
        #expect(Self.failure(nan)?.contains("not finite") == true)

        var infiniteEmbedding = file
        var embedding = try file.float32("embedding.logits")
        embedding[0] = .infinity
        infiniteEmbedding["embedding.logits"] = .float32(embedding)
        #expect(Self.failure(infiniteEmbedding)?.contains("embedding.logits") == true)

        var pastTheLayer = file
        var wiring = try file.uint32("layer.1.first")
        wiring[0] = 1 << 30
        pastTheLayer["layer.1.first"] = .uint32(wiring)
        #expect(Self.failure(pastTheLayer)?.contains("past the layer") == true)

        var adam = file
        adam["adam.0.m"] = .float32([1, 2, 3])
        #expect(Self.failure(adam)?.contains("adam.0.m") == true)

        var negativeMoment = file
        var v = try file.float32("adam.1.v")
        v[0] = -1
        negativeMoment["adam.1.v"] = .float32(v)
        #expect(Self.failure(negativeMoment)?.contains("adam.1.v") == true)

        var missing = file
        missing["layer.0.second"] = nil
        #expect(Self.failure(missing)?.contains("layer.0.second") == true)

        var extra = file
        extra["layer.9.logits"] = .float32([0])
        #expect(Self.failure(extra)?.contains("layer.9.logits") == true)

        var wrongKind = file
        wrongKind["layer.0.first"] = .float32([0])
        #expect(Self.failure(wrongKind)?.contains("layer.0.first") == true)
    }

    @Test func metadataThatIsNotAModelSaysWhere() throws {
        var file = try Self.container()
        file.metadata = #"{"kind": "gatelm.gate-network", "configuration": {"contextLength": "eight"}}"#
        let message = try #require(Self.failure(file))
        #expect(message.contains("configuration"), "\(message)")
    }
}
