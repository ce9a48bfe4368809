import Foundation
import GateLMSupport
import LanguageModels
import Testing
import Text
import _TestSupport

/// `gatelm export` and the interchange directory through the commands: a trained model exported
/// is the same model to eval and verify, and verify compares another engine's scores bit for bit.
@Suite struct ExportCommandTests {
    @Test func exportEvalVerifyAndReferenceScores() throws {
        let dir = try TemporaryDirectory()
        let corpus = try LanguageModelCommandTests.corpus(dir)
        let model = dir.file("int.gatelm"), exported = dir.file("int")
        let train = try GateLMProcess.run(["train", "integer", "--corpus", corpus, "--steps", "20", "--threads", "1", "--out", model] + IntegerCommandTests.tiny)
        #expect(train.status == 0, "\(train.stderr)")
        let export = try GateLMProcess.run(["export", model, exported])
        #expect(export.status == 0 && export.stdout.contains("wrote \(exported): integer model"), "\(export.stderr)")

        // The same model to eval, by every number it reports.
        let original = try GateLMProcess.run(["eval", model, "--corpus", corpus, "--json"])
        let copy = try GateLMProcess.run(["eval", exported, "--corpus", corpus, "--json"])
        #expect(original.status == 0 && copy.status == 0, "\(copy.stderr)")
        func numbers(_ text: String) throws -> [String: Double] {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            return object.compactMapValues { $0 as? Double }
        }
        let a = try numbers(original.stdout), b = try numbers(copy.stdout)
        for key in ["discrete_bits_per_byte", "circuit_bits_per_byte", "ands", "units", "zero_fraction"] {
            #expect(a[key] != nil && a[key] == b[key], "\(key): \(a[key] ?? .nan) vs \(b[key] ?? .nan)")
        }

        // Scores another engine wrote: equal ones pass, one changed score fails and is located.
        let text = try [UInt8](Data(contentsOf: URL(fileURLWithPath: corpus)))
        let validation = CorpusSplit(byteCount: text.count).validation
        let scores = try TrainedModel.read(from: exported, corpus: { Corpus(name: corpus, bytes: text) }).discreteScores(of: validation, in: text)
        let classes = scores.count / validation.count
        let hash = CorpusIdentity(name: corpus, bytes: text).hash
        try ReferenceScores(scores: scores, classCount: classes, firstPosition: validation.lowerBound, corpusHash: hash, engine: "test-engine")
            .write(to: dir.file("scores.safetensors"))
        let verify = try GateLMProcess.run(["verify", exported, "--corpus", corpus, "--cc", "none", "--reference-scores", dir.file("scores.safetensors")])
        #expect(verify.status == 0 && verify.stdout.contains("reference scores (test-engine) = discrete forward: all \(scores.count) scores equal"),
                "\(verify.stdout)\(verify.stderr)")
        var changed = scores
        changed[classes + 2] += 1
        try ReferenceScores(scores: changed, classCount: classes, firstPosition: validation.lowerBound, corpusHash: hash, engine: "test-engine")
            .write(to: dir.file("changed.safetensors"))
        let differs = try GateLMProcess.run(["verify", model, "--corpus", corpus, "--cc", "none", "--reference-scores", dir.file("changed.safetensors")])
        #expect(differs.status == 1 && differs.stdout.contains("1 of \(scores.count) scores differ; first at context 1, class 2"), "\(differs.stdout)\(differs.stderr)")
        try ReferenceScores(scores: scores, classCount: classes, firstPosition: validation.lowerBound, corpusHash: "123", engine: nil)
            .write(to: dir.file("other.safetensors"))
        let other = try GateLMProcess.run(["verify", model, "--corpus", corpus, "--reference-scores", dir.file("other.safetensors")])
        #expect(other.status != 0 && other.stderr.contains("scores of the corpus with hash 123"), "\(other.stderr)")
    }

    @Test func aFamilyWithoutTheFormatWritesNothing() throws {
        let dir = try TemporaryDirectory()
        let corpus = try LanguageModelCommandTests.corpus(dir)
        let model = dir.file("g.gatelm")
        let train = try GateLMProcess.run(["train", "gates", "--corpus", corpus, "--steps", "2", "--out", model] + LanguageModelCommandTests.tiny)
        #expect(train.status == 0, "\(train.stderr)")
        let export = try GateLMProcess.run(["export", model, dir.file("out")])
        #expect(export.status != 0 && export.stderr.contains("no interchange format yet"), "\(export.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")))
    }
}
