import Foundation
import LanguageModels
import Learning
import Testing
import Text
import _TestSupport

/// The `interchange` fuzz target's seeds (`Fuzz/corpus/interchange`: a 2-byte little-endian
/// length, `config.json`, then `model.safetensors`) are small models that load and compile, so
/// the fuzzer starts from inputs that reach every check of the reader.
@Suite struct InterchangeFuzzSeedTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus/interchange").path

    static func seed(_ model: InterchangeModel) -> [UInt8] {
        let config = model.configBytes
        precondition(config.count < 1 << 16, "a seed's config fits the 2-byte length")
        return [UInt8(config.count & 255), UInt8(config.count >> 8)] + config + model.tensors.encoded()
    }

    @Test func seedsAreSmallModelsThatLoadAndCompile() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus).sorted()
        #expect(names.count >= 2)
        for name in names {
            let bytes = try #require(FileManager.default.contents(atPath: Self.corpus + "/" + name)).map { $0 }
            #expect(bytes.count <= 1 << 16, "\(name): the fuzz target compiles inputs of up to 64 KiB only")
            let n = Int(bytes[0]) | Int(bytes[1]) << 8
            let tensors = try SafeTensors(decoding: Array(bytes[(2 + n)...]), source: name)
            let model = try ModelFamilies.model(interchange: InterchangeModel.decode(config: Array(bytes[2 ..< 2 + n]), tensors: tensors, source: name), source: name)
            #expect(try model.circuit(nodeNames: true, argmax: false).andCount > 0, "\(name)")
        }
    }

    /// Writes the seeds (run once by hand with GATELM_WRITE_INTERCHANGE_SEEDS=1; not a check).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["GATELM_WRITE_INTERCHANGE_SEEDS"] != nil))
    func writeSeeds() throws {
        try FileManager.default.createDirectory(atPath: Self.corpus, withIntermediateDirectories: true)
        for (name, k, widths) in [("k2-one-layer", 2, [3]), ("k3-two-layers", 3, [3, 2])] {
            let checkpoint = IntegerFuzzSeedTests.tiny(activationBits: k, widths: widths)
            try Data(Self.seed(checkpoint.interchange())).write(to: URL(fileURLWithPath: Self.corpus + "/" + name + ".bin"))
        }
    }
}
