import Circuits
import Foundation
import GateLMSupport
import Testing
import _TestSupport

@Suite struct OptimizeCommandTests {
    /// Agreement of two circuits with the same interface on random patterns.
    static func agreeOnRandomPatterns(_ a: AIG, _ b: AIG) -> Bool {
        let patterns = PatternSet.random(signalCount: a.inputCount, patternCount: 2048, seed: 4)
        return Simulator(a).simulate(patterns) == Simulator(b).simulate(patterns)
    }

    static func writeRandomCircuit(_ dir: TemporaryDirectory) throws -> (AIG, String) {
        let aig = AIG.random(inputs: 20, ands: 2000, seed: 8)
        try Data(AIGERWriter.write(aig, format: .binary)).write(to: URL(fileURLWithPath: dir.file("in.aig")))
        return (aig, dir.file("in.aig"))
    }

    @Test func theDefaultScriptKeepsTheFunctionAndReportsEachPass() throws {
        let dir = try TemporaryDirectory()
        let (aig, input) = try Self.writeRandomCircuit(dir)
        let result = try GateLMProcess.run(["optimize", input, "-o", dir.file("out.aig")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("balance") && result.stdout.contains("% of the input's ANDs"))
        let optimized = try AIGERReader.read(path: dir.file("out.aig"))
        #expect(optimized.andCount <= aig.andCount)
        #expect(Self.agreeOnRandomPatterns(aig, optimized))
    }

    @Test func verifyProvesTheResultEquivalent() throws {
        let dir = try TemporaryDirectory()
        let (_, input) = try Self.writeRandomCircuit(dir)
        let result = try GateLMProcess.run(["optimize", input, "-o", dir.file("v.aig"), "--script", "balance; fraig", "--verify"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("verify: equivalent"))
    }

    @Test func rejectsUnknownPassesAndFlags() throws {
        let dir = try TemporaryDirectory()
        let (_, input) = try Self.writeRandomCircuit(dir)
        let unknown = try GateLMProcess.run(["optimize", input, "-o", dir.file("o.aig"), "--script", "strash; frobnicate"])
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown optimisation command 'frobnicate'"))
        let flag = try GateLMProcess.run(["optimize", input, "-o", dir.file("o.aig"), "--script", "balance -q"])
        #expect(flag.status != 0 && flag.stderr.contains("unknown flag '-q'"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("o.aig")))
    }

    @Test(.enabled(if: ExternalCommand.find("berkeley-abc") != nil))
    func handsTheCircuitToABC() throws {
        let dir = try TemporaryDirectory()
        let (aig, input) = try Self.writeRandomCircuit(dir)
        let result = try GateLMProcess.run(["optimize", input, "-o", dir.file("abc.aig"), "--script", "none", "--abc", "resyn2"])
        #expect(result.status == 0, "\(result.stderr)")
        let optimized = try AIGERReader.read(path: dir.file("abc.aig"))
        #expect(optimized.andCount < aig.andCount)
        #expect(Self.agreeOnRandomPatterns(aig, optimized))
    }

    @Test func careSetSimplificationOfACompiledModelIsMeasuredAndRecorded() throws {
        let dir = try TemporaryDirectory()
        let corpus = try LanguageModelCommandTests.corpus(dir)
        let model = dir.file("tiny.gatelm")
        let train = try GateLMProcess.run(["train", "gates", "--corpus", corpus, "--steps", "30", "--out", model] + LanguageModelCommandTests.tiny)
        #expect(train.status == 0, "\(train.stderr)")
        #expect(try GateLMProcess.run(["compile", model, "-o", dir.file("tiny.aig")]).status == 0)
        let eval = try GateLMProcess.run(["eval", model, "--corpus", corpus, "--json"])
        let circuitBits = try #require(
            (try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any])?["circuit_bits_per_byte"] as? Double)

        let result = try GateLMProcess.run(["optimize", dir.file("tiny.aig"), "-o", dir.file("care.aig"), "--care", corpus])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("DATA-EQUIVALENT, NOT EQUIVALENT"))
        // The "before" figure is the circuit's validation bits/byte, as `eval` measures it.
        #expect(result.stdout.contains(String(format: "validation bits/byte %.4f ->", circuitBits)))
        let original = try AIGERReader.read(path: dir.file("tiny.aig"))
        let simplified = try AIGERReader.read(path: dir.file("care.aig"))
        #expect(simplified.andCount < original.andCount)   // the pad byte and bit 7 of ASCII are constant, at least
        #expect(simplified.comments.contains { $0.hasPrefix("gatelm data-equivalent, not equivalent") })
        let generated = try GateLMProcess.run(["generate", dir.file("care.aig"), "--prompt", "the ", "--bytes", "20"])
        #expect(generated.status == 0 && generated.stdout.hasPrefix("the "))
    }

    @Test func careRefusesCircuitsThatAreNotLanguageModels() throws {
        let dir = try TemporaryDirectory()
        let (_, input) = try Self.writeRandomCircuit(dir)
        let corpus = try LanguageModelCommandTests.corpus(dir)
        let result = try GateLMProcess.run(["optimize", input, "-o", dir.file("o.aig"), "--care", corpus])
        #expect(result.status != 0 && result.stderr.contains("--care"))
    }
}
