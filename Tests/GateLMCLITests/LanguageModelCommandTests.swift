import Circuits
import Foundation
import GateLMSupport
import Testing
import _TestSupport

/// `gatelm train`, `eval` and `compile` on a tiny model and a small generated corpus.
@Suite struct LanguageModelCommandTests {
    static func corpus(_ dir: TemporaryDirectory) throws -> String {
        let text = String(repeating: "the cat sat on the mat. the dog sat on the log. ", count: 60)
        try text.write(toFile: dir.file("corpus.txt"), atomically: true, encoding: .utf8)
        return dir.file("corpus.txt")
    }

    static let tiny = ["--context", "3", "--embedding-bits", "6", "--widths", "128", "--group-size", "4", "--batch", "64"]

    @Test func trainEvalCompileAndResume() throws {
        let dir = try TemporaryDirectory()
        let corpus = try Self.corpus(dir)
        let model = dir.file("tiny.gatelm")
        let train = try GateLMProcess.run(["train", "gates", "--corpus", corpus, "--steps", "30", "--out", model] + Self.tiny)
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("step 30/30") && train.stdout.contains("val "))
        #expect(FileManager.default.fileExists(atPath: model + ".curve.svg"))

        let eval = try GateLMProcess.run(["eval", model, "--corpus", corpus, "--json"])
        #expect(eval.status == 0, "\(eval.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any]
        let discrete = object?["discrete_bits_per_byte"] as? Double, circuit = object?["circuit_bits_per_byte"] as? Double
        #expect(discrete != nil && discrete == circuit)   // the circuit is the discrete model, bit for bit
        #expect((object?["soft_bits_per_byte"] as? Double).map { $0 > 0 && $0 < 8 } == true)
        #expect((object?["ands"] as? Int).map { $0 > 0 } == true)

        #expect((object?["unseen_bytes"] as? Int) == 0)   // the validation text uses only training bytes
        #expect((object?["epsilon_cost_bits_per_seen_byte"] as? Double).map { abs($0 + log2(1 - 1e-3)) < 1e-6 } == true)

        let compile = try GateLMProcess.run(["compile", model, "-o", dir.file("tiny.aig"), "--argmax"])
        #expect(compile.status == 0, "\(compile.stderr)")
        // "N learned gates; A ANDs as written, B after structural hashing", B ≤ A.
        let counts = compile.stdout.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        #expect(compile.stdout.contains("after structural hashing") && counts.count >= 3
                && counts[counts.count - 1] <= counts[counts.count - 2])
        let aig = try AIGERReader.read(path: dir.file("tiny.aig"))
        #expect(aig.inputCount == 24 && aig.names.input(0) == "ctx[-1][0]")
        #expect(aig.names.outputs.contains("argmax[0]"))

        // Readout pruning: approximate, reported, and recorded in the circuit.
        let pruned = try GateLMProcess.run(["compile", model, "-o", dir.file("pruned.aig"), "--prune-readout", corpus])
        #expect(pruned.status == 0, "\(pruned.stderr)")
        #expect(pruned.stdout.contains("readout pruning:") && pruned.stdout.contains("APPROXIMATE"))
        let prunedAIG = try AIGERReader.read(path: dir.file("pruned.aig"))
        #expect(prunedAIG.comments.contains { $0.hasPrefix("gatelm readout pruned (approximate)") })
        #expect(prunedAIG.andCount <= (try AIGERReader.read(path: dir.file("tiny.aig"))).andCount)
        let stray = try GateLMProcess.run(["compile", model, "-o", dir.file("x.aig"), "--prune-tolerance", "0.01"])
        #expect(stray.status != 0 && stray.stderr.contains("--prune-readout"))

        for file in [model, dir.file("tiny.aig")] {
            let generated = try GateLMProcess.run(["generate", file, "--prompt", "the ", "--bytes", "40", "--seed", "3"])
            #expect(generated.status == 0, "\(generated.stderr)")
            #expect(generated.stdout.hasPrefix("the ") && generated.stderr.contains("bytes/s"))
            let streams = try GateLMProcess.run(["generate", file, "--bytes", "10", "--streams", "4", "--greedy"])
            #expect(streams.status == 0 && streams.stdout.components(separatedBy: "--- stream").count == 5)
        }

        // A seed that differs from the saved one (1, the default) is refused by name.
        let reseeded = try GateLMProcess.run(["train", "gates", "--corpus", corpus, "--steps", "50", "--out", model, "--resume", "--seed", "7"])
        #expect(reseeded.status != 0 && reseeded.stderr.contains("--seed 7 (the model has 1)"), "\(reseeded.stdout)\(reseeded.stderr)")
        let resume = try GateLMProcess.run(["train", "gates", "--corpus", corpus, "--steps", "50", "--out", model, "--resume"])
        #expect(resume.status == 0 && resume.stdout.contains("resuming") && resume.stdout.contains("step 50/50"))
    }

    @Test(arguments: [["--wiring", "uniform", "--no-hard-embedding"], ["--wiring", "recency", "--straight-through-fraction", "0.5", "--straight-through-logit-scale", "10"]])
    func verifyFindsTheModelTheCircuitAndTheEmittedCEqual(options: [String]) throws {
        let dir = try TemporaryDirectory()
        let corpus = try Self.corpus(dir)
        let model = dir.file("tiny.gatelm")
        let train = try GateLMProcess.run(["train", "gates", "--corpus", corpus, "--steps", "40", "--out", model] + Self.tiny + options)
        #expect(train.status == 0, "\(train.stderr)")
        let cc = ExternalCommand.find("cc") == nil ? "none" : "cc"
        let verify = try GateLMProcess.run(["verify", model, "--corpus", corpus, "--contexts", "200", "--cc", cc])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("200 validation positions"))
        #expect(verify.stdout.contains("AIG simulation = discrete forward: all \(200 * 14) scores equal"))
        if cc == "cc" { #expect(verify.stdout.contains("emitted C (cc) = discrete forward")) }
    }

    @Test func corruptOrMissingModelsFailClearly() throws {
        let dir = try TemporaryDirectory()
        let corpus = try Self.corpus(dir)
        let missing = try GateLMProcess.run(["eval", dir.file("none.gatelm"), "--corpus", corpus])
        #expect(missing.status != 0 && missing.stderr.contains("none.gatelm"))
        try Data("GLMCKPT\0garbage".utf8).write(to: URL(fileURLWithPath: dir.file("bad.gatelm")))
        let bad = try GateLMProcess.run(["compile", dir.file("bad.gatelm"), "-o", dir.file("bad.aig")])
        #expect(bad.status != 0 && !bad.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir.file("bad.aig")))
        let noBudget = try GateLMProcess.run(["train", "gates", "--corpus", corpus, "--out", dir.file("x.gatelm")])
        #expect(noBudget.status != 0 && noBudget.stderr.contains("--minutes"))
    }
}
