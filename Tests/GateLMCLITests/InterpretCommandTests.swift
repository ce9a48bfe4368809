import Circuits
import Foundation
import GateLMSupport
import Testing
import _TestSupport

/// `gatelm trace`, `attribute`, `explain` and `query` on a tiny trained model, as a user runs them.
@Suite struct InterpretCommandTests {
    /// A tiny model trained on a small corpus, and its compiled circuit, in `dir`.
    static func trainedModel(_ dir: TemporaryDirectory) throws -> (model: String, circuit: String) {
        let corpus = try LanguageModelCommandTests.corpus(dir)
        let model = dir.file("tiny.gatelm")
        let train = try GateLMProcess.run(["train", "gates", "--corpus", corpus, "--steps", "40", "--out", model] + LanguageModelCommandTests.tiny)
        #expect(train.status == 0, "\(train.stderr)")
        let compile = try GateLMProcess.run(["compile", model, "-o", dir.file("tiny.aig")])
        #expect(compile.status == 0, "\(compile.stderr)")
        return (model, dir.file("tiny.aig"))
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func commandsAnswerInTextAndJSONForModelsAndCircuits() throws {
        let dir = try TemporaryDirectory()
        let (model, circuit) = try Self.trainedModel(dir)
        for file in [model, circuit] {
            let trace = try GateLMProcess.run(["trace", file, "--prompt", "the c", "--json", "--values", "named"])
            #expect(trace.status == 0, "\(trace.stderr)")
            let positions = try #require(try Self.json(trace.stdout)["positions"] as? [[String: Any]])
            #expect(positions.count == 5)
            let top = try #require(positions.last?["top"] as? [[String: Any]])
            #expect(top.first?["byte"] is Int && top.first?["score"] is Int && top.first?["probability"] is Double)
            let layers = try #require(try Self.json(trace.stdout)["layers"] as? [[String: Any]])
            // The hashed tables (the default orders a 3-byte context holds, 2 and 3) are layers of their own.
            #expect(layers.map { $0["name"] as? String } == ["ctx", "emb", "hash", "row", "L1", "L2", "vote", "and", "score"])

            let text = try GateLMProcess.run(["trace", file, "--prompt", "th", "--diff", "to"])
            #expect(text.status == 0 && text.stdout.contains("difference at position 2") && text.stdout.contains("padding"))

            let attribute = try GateLMProcess.run(["attribute", file, "--prompt", "the c", "--json"])
            #expect(attribute.status == 0, "\(attribute.stderr)")
            let a = try Self.json(attribute.stdout)
            #expect(a["target"] as? Int == top.first?["byte"] as? Int)
            #expect((a["bits"] as? [[String: Any]])?.count == 24 && (a["bytes"] as? [[String: Any]])?.count == 3)
            #expect((a["nodes"] as? [[String: Any]])?.allSatisfy { $0["node"] is String && $0["effect"] is Int } == true)

            let explain = try GateLMProcess.run(["explain", file, "--prompt", "the c", "--json"])
            #expect(explain.status == 0, "\(explain.stderr)")
            let e = try Self.json(explain.stdout)
            #expect(e["prediction"] as? Int == top.first?["byte"] as? Int)
            #expect((e["fixed"] as? [[String: Any]])?.allSatisfy { $0["position"] is Int && $0["bit"] is Int && $0["value"] is Bool } == true)
            #expect(e["sat_calls"] is Int && e["seconds"] is Double && e["minimal"] as? Bool == true)

            // The prompt's own context has ctx[-1] = 'c' and predicts the trace's top byte: sat.
            let predicted = try #require(top.first?["byte"] as? Int)
            let sat = try GateLMProcess.run(["query", file, "--where", "ctx[-1]='c'", "--top", String(format: "0x%02x", predicted), "--json"])
            let unsat = try GateLMProcess.run(["query", file, "--where", "ctx[-1]='c'", "--score", "a>=99"])
            #expect(unsat.status == 1 && unsat.stdout.hasPrefix("unsat"), "\(unsat.stdout)\(unsat.stderr)")
            #expect(sat.status == 0, "\(sat.stdout)\(sat.stderr)")
            let q = try Self.json(sat.stdout)
            #expect(q["result"] as? String == "sat" && (q["witness"] as? String)?.count == 6)
            #expect(q["witness_prediction"] as? Int == predicted)
        }
    }

    /// drat-trim, where it is installed: the outside checker the certificates are written for.
    static let dratTrim = ProcessInfo.processInfo.environment["PATH", default: ""].split(separator: ":")
        .map { $0 + "/drat-trim" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    /// explain and query write proofs that gatelm check-proof (and drat-trim, where installed) verify; a
    /// tampered proof fails with exit status 1.
    @Test func certificatesAreCheckedByCheckProof() throws {
        let dir = try TemporaryDirectory()
        let (model, _) = try Self.trainedModel(dir)
        let explain = try GateLMProcess.run(["explain", model, "--prompt", "the c", "--json", "--certificate", dir.file("explain")])
        #expect(explain.status == 0, "\(explain.stderr)")
        let proof = try #require(try Self.json(explain.stdout)["proof"] as? [String: Any])
        #expect(proof["verified"] as? Bool == true && proof["engine"] as? String == "cubes" && (proof["lemmas"] as? Int ?? 0) >= 1)
        let unsat = try GateLMProcess.run(["query", model, "--where", "ctx[-1]='c'", "--score", "a>=99", "--json", "--certificate", dir.file("query")])
        #expect(unsat.status == 1, "\(unsat.stdout)\(unsat.stderr)")
        #expect((try Self.json(unsat.stdout)["proof"] as? [String: Any])?["verified"] as? Bool == true)
        for name in ["explain", "query"] {
            let formula = dir.file(name + "/formula.cnf"), drat = dir.file(name + "/proof.drat")
            let check = try GateLMProcess.run(["check-proof", formula, drat, "--json"])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            #expect(try Self.json(check.stdout)["verified"] as? Bool == true)
            // Without the root's unit clause (the formula's last) the formula is satisfiable: not verified, exit 1.
            var lines = try String(contentsOfFile: formula, encoding: .utf8).split(separator: "\n").map(String.init)
            let header = try #require(lines.firstIndex { $0.hasPrefix("p cnf ") })
            let counts = lines[header].split(separator: " ")
            lines[header] = "p cnf \(counts[2]) \(Int(counts[3])! - 1)"
            lines.removeLast()
            try (lines.joined(separator: "\n") + "\n").write(toFile: dir.file(name + "/satisfiable.cnf"), atomically: true, encoding: .utf8)
            let cut = try GateLMProcess.run(["check-proof", dir.file(name + "/satisfiable.cnf"), drat, "--json"])
            let verified = try Self.json(cut.stdout)["verified"] as? Bool
            #expect(cut.status == 1 && verified == false, "\(cut.stdout)\(cut.stderr)")
        }
        let garbage = try GateLMProcess.run(["check-proof", dir.file("explain/certificate.json"), dir.file("explain/proof.drat")])
        #expect(garbage.status != 0 && garbage.stderr.contains("line 1"))
    }

    @Test(.enabled(if: InterpretCommandTests.dratTrim != nil, "drat-trim is not installed"))
    func dratTrimVerifiesTheCertificates() throws {
        let dir = try TemporaryDirectory()
        let (model, _) = try Self.trainedModel(dir)
        let explain = try GateLMProcess.run(["explain", model, "--prompt", "the c", "--certificate", dir.file("proof")])
        #expect(explain.status == 0, "\(explain.stderr)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.dratTrim))
        process.arguments = [dir.file("proof/formula.cnf"), dir.file("proof/proof.drat")]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(output.contains("s VERIFIED"), "\(output)")
    }

    @Test func badInputGetsAClearErrorAndANonZeroExit() throws {
        let dir = try TemporaryDirectory()
        let (model, _) = try Self.trainedModel(dir)
        let noClass = try GateLMProcess.run(["attribute", model, "--prompt", "the", "--target", "Z"])
        #expect(noClass.status != 0 && noClass.stderr.contains("no class for byte 0x5a"))
        let badConstraint = try GateLMProcess.run(["query", model, "--where", "ctx[-1] in [b-a]", "--top", "a"])
        #expect(badConstraint.status == 2 && badConstraint.stderr.contains("backwards"))
        let outside = try GateLMProcess.run(["query", model, "--where", "ctx[-4]='a'", "--top", "a"])
        #expect(outside.status == 2 && outside.stderr.contains("outside the window"))
        let badPosition = try GateLMProcess.run(["trace", model, "--prompt", "ab", "--position", "3"])
        #expect(badPosition.status != 0 && badPosition.stderr.contains("--position must be an integer in 0...2"))
        let badLimit = try GateLMProcess.run(["explain", model, "--prompt", "ab", "--time-limit", "nan"])
        #expect(badLimit.status != 0 && badLimit.stderr.contains("--time-limit"))
        // A circuit without the language-model interface.
        let random = dir.file("random.aag")
        try AIGERWriter.write(AIG.random(inputs: 16, ands: 40, seed: 3), format: .ascii).write(to: random)
        let notLM = try GateLMProcess.run(["trace", random, "--prompt", "ab"])
        #expect(notLM.status != 0 && notLM.stderr.contains("should be named ctx[-1][0]"))
        let missing = try GateLMProcess.run(["query", dir.file("none.aig"), "--top", "a"])
        #expect(missing.status == 2 && missing.stderr.contains("ENOENT"))
    }
}

extension Array where Element == UInt8 {
    func write(to path: String) throws { try Data(self).write(to: URL(fileURLWithPath: path)) }
}
