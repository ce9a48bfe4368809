import Foundation
import LanguageModels
import Learning
import Testing
import Text
import _TestSupport

/// The `integer` fuzz target's seeds (`Fuzz/corpus/integer`, checkpoint bodies: what
/// `Checkpoint.sealed(body:)` wraps) are small models that load, fold and compile, so the fuzzer
/// starts from inputs that reach every part of the loader.
@Suite struct IntegerFuzzSeedTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus/integer").path

    @Test func seedsAreSmallModelsThatLoadFoldAndCompile() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus).sorted()
        #expect(names.count >= 2)
        for name in names {
            let bytes = try #require(FileManager.default.contents(atPath: Self.corpus + "/" + name))
            #expect(bytes.count <= 1 << 16, "\(name): the fuzz target compiles files of up to 64 KiB only")
            let file = try Checkpoint(decoding: Checkpoint.sealed(body: Array(bytes)), source: name)
            let checkpoint = try IntegerWindowCheckpoint(file: file, source: name)
            let (model, readout) = try checkpoint.discrete()
            #expect(model.circuit(readout: readout).andCount > 0, "\(name)")
        }
    }

    /// An untrained model over a 2-byte window, a 2-value code, one 4-row table and 3 classes: a seed's size.
    static func tiny(activationBits k: Int, widths: [Int]) -> IntegerWindowCheckpoint {
        var c = IntegerWindowConfiguration()
        c.contextLength = 2
        c.codeWidth = 2
        c.hashedOrders = [2]
        c.hashedRowBits = 2
        c.hiddenWidths = widths
        c.activationBits = k
        let network = IntegerWindowNetwork(configuration: c, classCount: 3)
        return IntegerWindowCheckpoint(network: network, vocabulary: ByteVocabulary(bytes: Array("ab ".utf8)), training: .init())
    }

    /// Writes the seeds (run once by hand with GATELM_WRITE_INTEGER_SEEDS=1; not a check).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["GATELM_WRITE_INTEGER_SEEDS"] != nil))
    func writeSeeds() throws {
        let dir = try TemporaryDirectory()
        for (name, k, widths, adam) in [("k2-one-layer", 2, [3], false), ("k3-two-layers-adam", 3, [3, 2], true)] {
            let checkpoint = Self.tiny(activationBits: k, widths: widths)
            try checkpoint.write(to: dir.file(name), optimizer: adam ? Adam(parameters: checkpoint.network.parameters, learningRate: 0.01) : nil)
            let file = try #require(FileManager.default.contents(atPath: dir.file(name)))
            try Data(TernaryFuzzSeedTests.body(of: Array(file))).write(to: URL(fileURLWithPath: Self.corpus + "/" + name + "-body.bin"))
        }
    }
}
