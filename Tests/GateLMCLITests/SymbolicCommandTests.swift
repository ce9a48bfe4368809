import Circuits
import Foundation
import GateLMSupport
import Testing
import _TestSupport

/// A `.symtx` program through the commands every model takes: eval, verify (simulation and C),
/// compile, generate and the interpretability commands, with no special cases.
@Suite struct SymbolicCommandTests {
    static let program = """
        symtx 1
        window layers=2 span=8

        labels
          group letter = b:'a'..b:'z'
          group byte = b:00..b:ff

        layer 1
          shift p1 offset=1 copy=b:*
          rule query any {byte} -> +q.ind.p1.@self
          rule w_the all {b:'e', p1.b:'h'} -> +w:the

        layer 2
          head ind span=8 thresh=1 top=1 mode=recent copy=b:* as=ind
          rule after_the all {b:' ', p1.w:the} -> +predict_noun

        unembed
          order predict_noun > ind.b:*
          smooth dirichlet beta=1.0

        """

    @Test func aProgramIsAModelForEveryCommand() throws {
        let dir = try TemporaryDirectory()
        let corpus = try LanguageModelCommandTests.corpus(dir)
        let path = dir.file("ind.symtx")
        try Self.program.write(toFile: path, atomically: true, encoding: .utf8)

        let eval = try GateLMProcess.run(["eval", path, "--corpus", corpus, "--json"])
        #expect(eval.status == 0, "\(eval.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any]
        #expect(object?["family"] as? String == "symbolic" && object?["rules"] as? Double == 3 && object?["heads"] as? Double == 1)
        #expect(object?["discrete_bits_per_byte"] as? Double == object?["circuit_bits_per_byte"] as? Double)
        #expect((object?["circuit_bits_per_byte"] as? Double).map { $0 > 0 && $0 < 2 } == true, "\(eval.stdout)")
        #expect((object?["written_mechanisms"] as? String)?.contains("3 rules") == true)

        let verify = try GateLMProcess.run(["verify", path, "--corpus", corpus, "--cc", ExternalCommand.find("cc") != nil ? "cc" : "none"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("AIG simulation = discrete forward"))

        let aigPath = dir.file("ind.aig")
        let compile = try GateLMProcess.run(["compile", path, "--corpus", corpus, "-o", aigPath])
        #expect(compile.status == 0 && compile.stdout.contains("W = 17"), "\(compile.stdout)\(compile.stderr)")
        let aig = try AIGERReader.read(path: aigPath)
        #expect(aig.inputCount == 17 * 8 && aig.latchCount == 0)

        for file in [aigPath, path] {
            let generated = try GateLMProcess.run(["generate", file, "--prompt", "the cat sat on the ", "--bytes", "20", "--seed", "3", "--corpus", corpus])
            #expect(generated.status == 0 && generated.stdout.hasPrefix("the cat sat on the "), "\(generated.stderr)")
        }
        let trace = try GateLMProcess.run(["trace", path, "--fit-corpus", corpus, "--prompt", "the cat sat on the ", "--json"])
        #expect(trace.status == 0, "\(trace.stderr)")
        #expect(trace.stdout.contains("L1.q.ind.p1.b:"), "\(trace.stdout.prefix(2000))")   // the labels' node names

        // A program that does not check fails with its file, line and message, and writes nothing.
        let bad = dir.file("bad.symtx")
        try Self.program.replacingOccurrences(of: "thresh=1", with: "thresh=x").write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try GateLMProcess.run(["compile", bad, "--corpus", corpus, "-o", dir.file("bad.aig")])
        #expect(refused.status != 0 && refused.stderr.contains("bad.symtx:14:26"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("bad.aig")))
    }

    /// `gatelm symbolic score` and `search`: the protocol's splits beside the baselines, and a
    /// search whose every try lands in the store; `gatelm mcp` hands its arguments to gatelm-mcp.
    @Test func scoreSearchAndMCP() throws {
        let dir = try TemporaryDirectory()
        let corpus = try LanguageModelCommandTests.corpus(dir)
        let path = dir.file("ind.symtx")
        try Self.program.write(toFile: path, atomically: true, encoding: .utf8)
        let score = try GateLMProcess.run(["symbolic", "score", path, "--corpus", corpus, "--json"])
        #expect(score.status == 0, "\(score.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [String: Any]
        for split in ["dev_small", "dev", "val"] {
            let entry = object?[split] as? [String: Any], baselines = entry?["baselines"] as? [String: Double]
            #expect((entry?["bits_per_byte"] as? Double).map { $0.isFinite && $0 > 0 } == true && baselines?["bigram"] != nil && baselines?["order4"] != nil, "\(split)")
        }
        let search = try GateLMProcess.run(["symbolic", "search", path, "--corpus", corpus, "--minutes", "0.1", "--store", dir.file("runs"), "--name", "s", "--json"])
        #expect(search.status == 0, "\(search.stderr)")
        let outcome = try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any]
        let steps = outcome?["steps"] as? [[String: Any]] ?? []
        #expect((outcome?["final_dev_bits_per_byte"] as? Double ?? 99) <= (outcome?["start_dev_bits_per_byte"] as? Double ?? 0))
        #expect(FileManager.default.fileExists(atPath: dir.file("runs/s/log.tsv")) && FileManager.default.fileExists(atPath: dir.file("runs/s/v0001.symtx")))
        #expect(steps.allSatisfy { FileManager.default.fileExists(atPath: dir.file(String(format: "runs/s/v%04d.symtx", $0["version"] as? Int ?? 0))) })
        #expect(try GateLMProcess.run(["symbolic", "search", path, "--corpus", corpus, "--minutes", "-1"]).status == 2)

        let mcp = try GateLMProcess.run(["mcp", "--role", "bogus", "--name", "x", "--corpus", corpus])
        #expect(mcp.status != 0 && mcp.stderr.contains("--role must be reader or editor"), "\(mcp.stderr)")
    }
}
