import Foundation
import LanguageModels
import Learning
import Testing
import Text
import _TestSupport

/// The `ternary` fuzz target's seeds (`Fuzz/corpus/ternary`, checkpoint bodies: what
/// `Checkpoint.sealed(body:)` wraps) are small models that load, fold and compile, so the fuzzer
/// starts from inputs that reach every part of the loader.
@Suite struct TernaryFuzzSeedTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus/ternary").path

    /// A checkpoint file's body: after the magic, the format version and the length, before the checksum.
    static func body(of file: [UInt8]) -> [UInt8] { Array(file[(Checkpoint.magic.count + 12) ..< (file.count - 8)]) }

    @Test func seedsAreSmallModelsThatLoadFoldAndCompile() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus).sorted()
        #expect(names.count >= 2)
        for name in names {
            let bytes = try #require(FileManager.default.contents(atPath: Self.corpus + "/" + name))
            let file = try Checkpoint(decoding: Checkpoint.sealed(body: Array(bytes)), source: name)
            let checkpoint = try TernaryRNNCheckpoint(file: file, source: name)
            let (model, readout) = try checkpoint.discrete()
            #expect(model.stateBits <= 8, "\(name)")
            #expect(model.circuit(readout: readout).andCount > 0, "\(name)")
        }
    }

    /// Writes the seeds (run once by hand with GATELM_WRITE_TERNARY_SEEDS=1; not a check).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["GATELM_WRITE_TERNARY_SEEDS"] != nil))
    func writeSeeds() throws {
        let dir = try TemporaryDirectory()
        for (name, signed, adam) in [("unsigned-4x2", false, false), ("signed-4x2-adam", true, true)] {
            let network = TernaryRNNFoldingTests.network(seed: 11, stateBits: 4, codeBits: 2, signed: signed)
            let checkpoint = TernaryRNNCheckpoint(network: network, vocabulary: ByteVocabulary(bytes: TernaryRNNFoldingTests.classBytes), training: .init())
            try checkpoint.write(to: dir.file(name), optimizer: adam ? Adam(parameters: network.parameters, learningRate: 0.01) : nil)
            let file = try #require(FileManager.default.contents(atPath: dir.file(name)))
            try Data(Self.body(of: Array(file))).write(to: URL(fileURLWithPath: Self.corpus + "/" + name + "-body.bin"))
        }
    }
}
