import Foundation
import GateLMSupport
import LanguageModels
import Learning
import Testing
import Text
import _TestSupport

/// The interchange directory (docs/interchange.md): an integer window model written and read
/// back scores the same; every malformed config or tensor is refused with the field it breaks.
@Suite struct InterchangeTests {
    static var sample: IntegerWindowCheckpoint {
        get throws { try IntegerWindowFamily.sample(text: FamilyConformanceTests.text, seed: 3) as! IntegerWindowCheckpoint }
    }

    @Test func aModelRoundTripsThroughADirectory() throws {
        let dir = try TemporaryDirectory()
        let checkpoint = try Self.sample
        let path = dir.file("model")
        try checkpoint.interchange().write(directory: path)
        let loaded = try TrainedModel.read(from: path, corpus: { FamilyConformanceTests.text })
        let text = FamilyConformanceTests.text.bytes, positions = 0..<text.count
        #expect(loaded.family == "integer" && loaded.vocabulary == checkpoint.vocabulary && loaded.epsilon == checkpoint.epsilon)
        #expect(try loaded.discreteScores(of: positions, in: text) == checkpoint.discreteScores(of: positions, in: text))
        #expect(try loaded.circuit().andCount == checkpoint.circuit(nodeNames: false, argmax: false).andCount)
        #expect(loaded.training.corpus == checkpoint.training.corpus)
        // Exported again, the directory is the same bytes.
        let again = dir.file("again")
        try loaded.interchange().write(directory: again)
        for name in [InterchangeModel.configName, InterchangeModel.tensorsName] {
            #expect(FileManager.default.contents(atPath: path + "/" + name) == FileManager.default.contents(atPath: again + "/" + name), "\(name)")
        }
        // Through the loader every command uses for circuits too.
        #expect(try LanguageModelFile.load(path).aig.andCount > 0)
    }

    @Test func aPathThatIsAFileIsNotReplacedByADirectory() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("taken")
        try Data("keep".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: InterchangeError.self) { try Self.sample.interchange().write(directory: path) }
        #expect(FileManager.default.contents(atPath: path) == Data("keep".utf8))
    }

    @Test func familiesWithoutAnInterchangeFormatSaySo() throws {
        let gates = try GateNetworkFamily.sample(text: FamilyConformanceTests.text, seed: 1)
        do { _ = try gates.interchange(); Issue.record("a gate network exported") } catch {
            #expect("\(error)".contains("no interchange format yet"))
        }
    }

    /// The config and tensors of the sample with one thing changed, and what the reader must say.
    static let breakages: [(name: String, change: @Sendable (inout InterchangeModel) -> Void, reason: String)] = [
        ("unknown key", { $0.config["contxt_length"] = .int(4) }, "unknown key 'contxt_length'"),
        ("missing key", { $0.config["code_width"] = nil }, "code_width is missing"),
        ("k out of range", { $0.config["activation_bits"] = .int(5) }, "activation_bits must be an integer in 1...4; got the integer 5"),
        ("context as text", { $0.config["context_length"] = .string("4") }, "context_length must be an integer"),
        ("table order beyond W", { $0.config["tables"] = .array([.object(["order": 9, "bits": 6])]) }, "tables[0].order must be an integer in 1...4"),
        ("table key typo", { $0.config["tables"] = .array([.object(["order": 2, "bits": 6, "bit": 6])]) }, "unknown key 'tables[0].bit'"),
        ("zero temperature", { $0.config["temperature"] = .double(0) }, "temperature must be a finite number > 0"),
        ("epsilon one", { $0.config["epsilon"] = .int(1) }, "epsilon must be a finite number in (0, 1)"),
        ("unsorted class bytes", { m in
            if case .array(var bytes)? = m.config["class_bytes"] { bytes.swapAt(0, 1); m.config["class_bytes"] = .array(bytes) }
        }, "class_bytes must be distinct bytes in ascending order"),
        ("bad corpus hash", { $0.config["corpus"] = .object(["name": "x", "bytes": 3, "hash": "XYZ"]) }, "corpus.hash must be 1...16 lowercase hex digits"),
        ("missing tensor", { $0.tensors.tensors["readout.offsets"] = nil }, "tensor 'readout.offsets' is missing"),
        ("unknown tensor", { $0.tensors.tensors["L9.weights"] = .init([Int8](), shape: [0]) }, "unknown tensor 'L9.weights'"),
        ("wrong dtype", { m in m.tensors.tensors["code"] = .init([Int8](repeating: 0, count: 1024), shape: [256, 4]) }, "tensor 'code' is I8 of shape [256, 4]; expected U8 of shape [256, 4]"),
        ("wrong shape", { m in m.tensors.tensors["code"] = .init([UInt8](repeating: 0, count: 1024), shape: [4, 256]) }, "expected U8 of shape [256, 4]"),
        ("level above L", { m in m.tensors.tensors["code"] = .init([UInt8](repeating: 16, count: 1024), shape: [256, 4]) }, "element 0 is 16; levels of k = 4 bits are 0...15"),
        ("weight not ternary", { m in
            let t = m.tensors.tensors["L1.weights"]!
            m.tensors.tensors["L1.weights"] = .init([Int8](repeating: 2, count: t.count), shape: t.shape)
        }, "weights are ternary"),
        ("decreasing thresholds", { m in
            let t = m.tensors.tensors["L1.thresholds"]!
            m.tensors.tensors["L1.thresholds"] = .init((0..<t.count).map { Int32(-$0) }, shape: t.shape)
        }, "a unit's thresholds never decrease"),
        ("hash column too wide", { m in m.tensors.tensors["tables.0.columns"] = .init([Int32](repeating: 64, count: 16), shape: [16]) }, "in 0...63"),
        ("negative offset", { m in
            let t = m.tensors.tensors["readout.offsets"]!
            m.tensors.tensors["readout.offsets"] = .init([Int32](repeating: -1, count: t.count), shape: t.shape)
        }, "offsets are ≥ 0"),
        ("unknown family", { $0.family = "transformer" }, "family 'transformer' is no model family of GateLM"),
    ]

    @Test(arguments: breakages.indices)
    func refusesABrokenModel(_ index: Int) throws {
        let (name, change, reason) = Self.breakages[index]
        var model = try Self.sample.interchange()
        change(&model)
        do {
            let decoded = try InterchangeModel.decode(config: model.configBytes, tensors: SafeTensors(decoding: model.tensors.encoded(), source: "m"), source: "d/config.json")
            _ = try ModelFamilies.model(interchange: decoded, source: "d")
            Issue.record("\(name): accepted")
        } catch {
            #expect("\(error)".contains(reason), "\(name): \(error)")
        }
    }

    @Test func theConfigNamesItsFormatAndVersion() throws {
        let model = try Self.sample.interchange()
        var bytes = model.configBytes
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"format\":\"gatelm-interchange\""))
        bytes = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"version\":1", with: "\"version\":2").utf8)
        #expect(throws: InterchangeError.self) { try InterchangeModel.decode(config: bytes, tensors: model.tensors, source: "c") }
    }

    @Test func referenceScoresRoundTripAndAreValidated() throws {
        let scores = ReferenceScores(scores: [1, 2, 3, 4, 5, 6], classCount: 3, firstPosition: 10, corpusHash: "ab", engine: "test")
        let again = try ReferenceScores(file: SafeTensors(decoding: scores.file.encoded(), source: "s"), source: "s")
        #expect(again == scores && again.positions == 10..<12)
        var file = scores.file
        file.metadata["first_position"] = "-1"
        #expect(throws: SafeTensorsError.self) { try ReferenceScores(file: file, source: "s") }
        file = scores.file
        file.tensors["scores"] = .init([UInt8](repeating: 0, count: 6), shape: [2, 3])
        #expect(throws: SafeTensorsError.self) { try ReferenceScores(file: file, source: "s") }
    }
}
