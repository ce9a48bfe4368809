import Circuits
import Foundation
import GateLMSupport
import Testing
import _TestSupport

/// The integer window family through the same commands as the other families.
@Suite struct IntegerCommandTests {
    static let tiny = ["--context", "4", "--code-width", "4", "--hashed-orders", "2,3", "--hashed-row-bits", "6", "--widths", "24",
                       "--activation-bits", "2", "--batch", "32"]

    /// train (and resume), eval, verify (discrete = AIG = emitted C), compile (named units, argmax),
    /// generate from the model and from the circuit, and the interpretability commands.
    @Test func trainEvalVerifyCompileGenerateAndQuestion() throws {
        let dir = try TemporaryDirectory()
        let corpus = try LanguageModelCommandTests.corpus(dir)
        let model = dir.file("int.gatelm")
        let train = try GateLMProcess.run(["train", "integer", "--corpus", corpus, "--steps", "40", "--threads", "1", "--out", model] + Self.tiny)
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("integer window: W=4, E=4, k=2 bits, layers 24") && train.stdout.contains("zero fraction"))
        let changed = try GateLMProcess.run(["train", "integer", "--corpus", corpus, "--steps", "50", "--out", model, "--resume", "--activation-bits", "3"])
        #expect(changed.status != 0 && changed.stderr.contains("--activation-bits 3 (the model has 2)"), "\(changed.stderr)")
        let resumed = try GateLMProcess.run(["train", "integer", "--corpus", corpus, "--steps", "50", "--threads", "1", "--out", model, "--resume"])
        #expect(resumed.status == 0 && resumed.stdout.contains("resuming \(model) at step 40"), "\(resumed.stderr)")

        let eval = try GateLMProcess.run(["eval", model, "--corpus", corpus, "--json"])
        #expect(eval.status == 0, "\(eval.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any])
        #expect(object["family"] as? String == "integer" && object["soft_bits_per_byte"] is NSNull)
        #expect(object["discrete_bits_per_byte"] as? Double == object["circuit_bits_per_byte"] as? Double)
        #expect((object["circuit_bits_per_byte"] as? Double).map { $0 > 0 && $0 < 8 } == true)
        #expect(object["units"] as? Double == 24 && object["activation_bits"] as? Double == 2 && object["step"] as? Int == 50)

        let verify = try GateLMProcess.run(["verify", model, "--corpus", corpus, "--cc", ExternalCommand.find("cc") != nil ? "cc" : "none"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("AIG simulation = discrete forward"))

        let compile = try GateLMProcess.run(["compile", model, "-o", dir.file("int.aig")])
        #expect(compile.status == 0, "\(compile.stderr)")
        #expect((compile.stdout + compile.stderr).contains("24 units of 2 bits over 24 inputs"), "\(compile.stdout)\(compile.stderr)")
        let aig = try AIGERReader.read(path: dir.file("int.aig"))
        #expect(aig.inputCount == 32 && aig.latchCount == 0)
        #expect(try NodeNames(comments: aig).literal(named: "L1.u23[1]") != nil)
        let argmax = try GateLMProcess.run(["compile", model, "-o", dir.file("argmax.aig"), "--argmax"])
        #expect(argmax.status == 0, "\(argmax.stderr)")
        #expect(try AIGERReader.read(path: dir.file("argmax.aig")).names.outputs.contains("argmax[0]"))

        for file in [model, dir.file("int.aig")] {
            let generated = try GateLMProcess.run(["generate", file, "--prompt", "the ", "--bytes", "30", "--streams", "3", "--seed", "2"])
            #expect(generated.status == 0, "\(generated.stderr)")
            #expect(generated.stdout.contains("the ") && generated.stderr.contains("3 streams"))
        }
        let trace = try GateLMProcess.run(["trace", model, "--prompt", "the c"])
        #expect(trace.status == 0 && trace.stdout.contains("L1.u"), "\(trace.stdout)\(trace.stderr)")
        let explain = try GateLMProcess.run(["explain", model, "--prompt", "the cat", "--json"])
        #expect(explain.status == 0 && explain.stdout.contains("\"forced\":"), "\(explain.stderr)")
        let modules = try GateLMProcess.run(["modules", model])
        #expect(modules.status == 0, "\(modules.stderr)")
        let bad = try GateLMProcess.run(["train", "integer", "--corpus", corpus, "--steps", "1", "--out", dir.file("m"), "--hashed-orders", "9"])
        #expect(bad.status != 0 && bad.stderr.contains("--hashed-orders must be"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("m")))
    }
}
