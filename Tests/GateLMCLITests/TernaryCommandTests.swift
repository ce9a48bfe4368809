import Circuits
import Foundation
import GateLMSupport
import Testing
import _TestSupport

/// The ternary recurrent family through the same commands as the window family.
@Suite struct TernaryCommandTests {
    static let tiny = ["--state-bits", "12", "--activation-bits", "1", "--code-bits", "6", "--streams", "4", "--unroll", "16"]

    @Test func trainEvalVerifyCompileGenerateOptimizeAndQuestion() throws {
        let dir = try TemporaryDirectory()
        let corpus = try LanguageModelCommandTests.corpus(dir)
        let model = dir.file("rnn.gatelm")
        let train = try GateLMProcess.run(["train", "ternary", "--corpus", corpus, "--steps", "40", "--threads", "1", "--out", model] + Self.tiny)
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("ternary recurrent: H=12") && train.stdout.contains("zero fraction"))
        // A seed that differs from the saved one (1, the default) is refused by name, as every other model option is
        // (spelt with --arch, the alias of the subcommand that scripts from before it use).
        let reseeded = try GateLMProcess.run(["train", "--corpus", corpus, "--steps", "50", "--threads", "1", "--out", model, "--resume", "--arch", "ternary", "--seed", "7"])
        #expect(reseeded.status != 0 && reseeded.stderr.contains("--seed 7 (the model has 1)"), "\(reseeded.stdout)\(reseeded.stderr)")
        let resumed = try GateLMProcess.run(["train", "--corpus", corpus, "--steps", "50", "--threads", "1", "--out", model, "--resume", "--arch=ternary"])
        #expect(resumed.status == 0 && resumed.stdout.contains("resuming \(model) at step 40"), "\(resumed.stderr)")

        let eval = try GateLMProcess.run(["eval", model, "--corpus", corpus, "--json"])
        #expect(eval.status == 0, "\(eval.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any]
        #expect(object?["family"] as? String == "ternary" && object?["soft_bits_per_byte"] is NSNull)
        #expect(object?["discrete_bits_per_byte"] as? Double == object?["circuit_bits_per_byte"] as? Double)
        #expect((object?["circuit_bits_per_byte"] as? Double).map { $0 > 0 && $0 < 8 } == true)
        #expect(object?["state_bits"] as? Double == 12 && object?["step"] as? Int == 50)

        let verify = try GateLMProcess.run(["verify", model, "--corpus", corpus, "--cc", ExternalCommand.find("cc") != nil ? "cc" : "none"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("AIG simulation = discrete forward"))

        let compile = try GateLMProcess.run(["compile", model, "-o", dir.file("rnn.aig")])
        #expect(compile.status == 0, "\(compile.stderr)")
        let aig = try AIGERReader.read(path: dir.file("rnn.aig"))
        #expect(aig.inputCount == 8 && aig.latchCount == 12 && aig.names.latch(0) == "h[0]")
        #expect(try GateLMProcess.run(["compile", model, "-o", dir.file("x.aig"), "--argmax"]).status != 0)

        for file in [model, dir.file("rnn.aig")] {
            let generated = try GateLMProcess.run(["generate", file, "--prompt", "the ", "--bytes", "30", "--streams", "3", "--seed", "2"])
            #expect(generated.status == 0, "\(generated.stderr)")
            #expect(generated.stdout.contains("the ") && generated.stderr.contains("3 streams"))
        }
        let optimized = try GateLMProcess.run(["optimize", dir.file("rnn.aig"), "-o", dir.file("care.aig"), "--care", corpus])
        #expect(optimized.status == 0, "\(optimized.stderr)")
        #expect(optimized.stdout.contains("(byte, state) pairs reached on the training text"))
        #expect(try AIGERReader.read(path: dir.file("care.aig")).latchCount == 12)

        // The state before the horizon is free by default (12 latches: positions 5 and 6), from reset on request.
        let explain = try GateLMProcess.run(["explain", model, "--prompt", "the cat", "--horizon", "4", "--json"])
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("\"state_positions\":[5,6]") && explain.stdout.contains("\"forced\":"))
        let fromReset = try GateLMProcess.run(["explain", model, "--prompt", "the cat", "--horizon", "4", "--state", "reset", "--json"])
        #expect(fromReset.status == 0 && fromReset.stdout.contains("\"state_positions\":[]") && fromReset.stdout.contains("\"forced\":true"), "\(fromReset.stderr)")
        let badState = try GateLMProcess.run(["explain", model, "--prompt", "a", "--state", "open"])
        #expect(badState.status != 0 && badState.stderr.contains("--state"))
        let modules = try GateLMProcess.run(["modules", model, "--horizon", "2"])
        #expect(modules.status == 0 && modules.stdout.contains("(e) the state machine: 12 latches"), "\(modules.stderr)")
        let trace = try GateLMProcess.run(["trace", model, "--prompt", "the", "--horizon", "3"])
        #expect(trace.status == 0 && trace.stdout.contains("h@-1"), "\(trace.stderr)")
    }

    @Test func optionsOfTheOtherFamilyAreRefused() throws {
        let dir = try TemporaryDirectory()
        let corpus = try LanguageModelCommandTests.corpus(dir)
        // Each kind parses its own options only: another kind's is an argument-parser error (exit 2).
        let gateOption = try GateLMProcess.run(["train", "ternary", "--corpus", corpus, "--steps", "1", "--out", dir.file("m"), "--widths", "64"])
        #expect(gateOption.status == 2 && gateOption.stderr.contains("Unknown option '--widths'"), "\(gateOption.stderr)")
        let ternaryOption = try GateLMProcess.run(["train", "gates", "--corpus", corpus, "--steps", "1", "--out", dir.file("m"), "--state-bits", "64"])
        #expect(ternaryOption.status == 2 && ternaryOption.stderr.contains("Unknown option '--state-bits'"), "\(ternaryOption.stderr)")
        let countOption = try GateLMProcess.run(["train", "gates", "--corpus", corpus, "--steps", "1", "--out", dir.file("m"), "--count-slots", "2"])
        #expect(countOption.status == 2 && countOption.stderr.contains("Unknown option '--count-slots'"), "\(countOption.stderr)")
        let unknown = try GateLMProcess.run(["train", "--arch", "lstm", "--steps", "1", "--out", dir.file("m")])
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown --arch lstm: the available families are gates, hybrid, ternary"))
        let twice = try GateLMProcess.run(["train", "hybrid", "--arch", "ternary", "--steps", "1", "--out", dir.file("m")])
        #expect(twice.status == 2 && twice.stderr.contains("name different families"))
        let range = try GateLMProcess.run(["train", "ternary", "--corpus", corpus, "--steps", "1", "--out", dir.file("m"), "--state-bits", "0"])
        #expect(range.status != 0 && range.stderr.contains("--state-bits"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("m")))
        let horizon = try GateLMProcess.run(["trace", dir.file("none"), "--prompt", "a", "--horizon", "0"])
        #expect(horizon.status != 0 && horizon.stderr.contains("--horizon must be an integer in 1...4096"))
    }

    /// A k-bit state through the same commands: train, verify (discrete = AIG = emitted C),
    /// compile (H·k latches named h[i][b]), generate and eval.
    @Test func aTwoBitStateTrainsVerifiesAndCompiles() throws {
        let dir = try TemporaryDirectory()
        let corpus = try LanguageModelCommandTests.corpus(dir)
        let model = dir.file("rnn2.gatelm")
        let train = try GateLMProcess.run(["train", "ternary", "--corpus", corpus, "--steps", "30", "--threads", "1", "--out", model,
                                           "--state-bits", "10", "--activation-bits", "2", "--code-bits", "6", "--streams", "4", "--unroll", "16"])
        #expect(train.status == 0 && train.stdout.contains("H=10 state units of k=2 bits"), "\(train.stdout)\(train.stderr)")
        let verify = try GateLMProcess.run(["verify", model, "--corpus", corpus, "--cc", ExternalCommand.find("cc") != nil ? "cc" : "none"])
        #expect(verify.status == 0 && verify.stdout.contains("AIG simulation = discrete forward"), "\(verify.stdout)\(verify.stderr)")
        let compile = try GateLMProcess.run(["compile", model, "-o", dir.file("rnn2.aig")])
        #expect(compile.status == 0, "\(compile.stderr)")
        let aig = try AIGERReader.read(path: dir.file("rnn2.aig"))
        #expect(aig.latchCount == 20 && aig.names.latch(0) == "h[0][0]" && aig.names.latch(1) == "h[0][1]")
        let eval = try GateLMProcess.run(["eval", model, "--corpus", corpus, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any]
        #expect(object?["activation_bits"] as? Double == 2 && object?["discrete_bits_per_byte"] as? Double == object?["circuit_bits_per_byte"] as? Double)
        let generated = try GateLMProcess.run(["generate", dir.file("rnn2.aig"), "--prompt", "the ", "--bytes", "20"])
        #expect(generated.status == 0 && generated.stdout.hasPrefix("the "), "\(generated.stderr)")
    }
}
