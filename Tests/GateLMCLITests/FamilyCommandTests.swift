import Foundation
import GateLMSupport
import LanguageModels
import Testing
import Text
import _TestSupport
@testable import gatelm

/// The commands over every family in the registry, through each family's `sample`: a family
/// added to `ModelFamilies.all` is checked here with nothing else to write.
@Suite struct FamilyCommandTests {
    static let families = ModelFamilies.all.map { String(describing: $0) }

    /// About 3 KB of words: what the samples are made on and evaluated on.
    static func corpus(_ dir: TemporaryDirectory) throws -> (text: Corpus, path: String) {
        let words = ["the", "cat", "sat", "on", "a", "mat", "and", "then", "dog", "ran", "with", "this"]
        var random = SplitMix64(seed: 17), out = [UInt8]()
        while out.count < 3000 { out += Array(words[random.nextIndex(below: words.count)].utf8) + [UInt8(ascii: random.nextIndex(below: 8) == 0 ? "\n" : " ")] }
        let path = dir.file("words.txt")
        try Data(out).write(to: URL(fileURLWithPath: path))
        return (Corpus(name: path, bytes: out), path)
    }

    /// `gatelm train` with no kind named trains `ModelFamilies.defaultTraining`, which is pure (nothing counted).
    @Test func trainWithNoKindTrainsTheDefaultKind() throws {
        let kind = ModelFamilies.defaultTraining
        let dir = try TemporaryDirectory()
        let (_, corpus) = try Self.corpus(dir)
        let path = dir.file("default.gatelm")
        let train = try GateLMProcess.run(["train", "--corpus", corpus, "--steps", "2", "--threads", "1", "--out", path] + kind.sampleArguments)
        #expect(train.status == 0, "\(train.stderr)")
        let model = try TrainedModel.read(from: path).model
        #expect(model.family == kind.name)
        #expect(model.countedMechanisms.isEmpty)
        let help = try GateLMProcess.run(["train", "--help"])
        // The help wraps where it likes: compared with its whitespace runs as single spaces.
        #expect(help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("(default \(kind.name))"))
    }

    /// `eval --json` carries every documented name, the model's size names, and the family.
    @Test(arguments: families)
    func evalJSONCarriesTheDocumentedFields(family name: String) throws {
        let family = ModelFamilies.all.first { String(describing: $0) == name }!
        let dir = try TemporaryDirectory()
        let (text, corpus) = try Self.corpus(dir)
        let sample = try family.sample(text: text, seed: 6)
        let path = dir.file("m." + family.fileExtension)
        try sample.write(to: path)
        let eval = try GateLMProcess.run(["eval", path, "--corpus", corpus, "--json"])
        #expect(eval.status == 0, "\(eval.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any])
        let expected = Set(EvalCommand.jsonFields + sample.size.map(\.key))
        #expect(Set(object.keys) == expected, "missing \(expected.subtracting(object.keys)), extra \(Set(object.keys).subtracting(expected))")
        #expect(object["family"] as? String == sample.family)
        #expect(object["discrete_bits_per_byte"] as? Double == object["circuit_bits_per_byte"] as? Double)
        #expect(object["bytes"] as? Int == CorpusSplit(text).validation.count)
    }
}
