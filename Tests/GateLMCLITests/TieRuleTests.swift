import Foundation
import Testing
import _TestSupport

/// The prediction's tie rule, as the README and `--help` state it: equal top scores go to the
/// lowest byte, in every command that names a prediction (explain, query, generate --greedy,
/// trace, and the view's next-byte table).
@Suite struct TieRuleTests {
    /// A hand-built window circuit (W = 1) in the model interface, its score outputs in byte
    /// order as gatelm writes them: score(a) = 2 + (ctx[-1][0] ∧ ¬ctx[-1][7]), score(b) = 3,
    /// score(c) = 0. After a byte with bit 0 set and bit 7 clear ('a', 'c', …) a and b tie at 3;
    /// after any other byte b wins alone.
    static let circuit = """
        aag 9 8 0 6 1
        2
        4
        6
        8
        10
        12
        14
        16
        18
        1
        1
        1
        0
        0
        18 2 17
        i0 ctx[-1][0]
        i1 ctx[-1][1]
        i2 ctx[-1][2]
        i3 ctx[-1][3]
        i4 ctx[-1][4]
        i5 ctx[-1][5]
        i6 ctx[-1][6]
        i7 ctx[-1][7]
        o0 score[0x61][0]
        o1 score[0x61][1]
        o2 score[0x62][0]
        o3 score[0x62][1]
        o4 score[0x63][0]
        o5 score[0x63][1]

        """

    /// The same circuit with its score outputs listed b, a, c (out of byte order, as a hand-made
    /// or rewritten circuit may list them): the rule must not depend on the order.
    static let reorderedCircuit = circuit
        .replacingOccurrences(of: "16\n18\n1\n1\n1\n", with: "16\n1\n1\n18\n1\n")
        .replacingOccurrences(of: "o0 score[0x61][0]\no1 score[0x61][1]\no2 score[0x62][0]\no3 score[0x62][1]",
                              with: "o0 score[0x62][0]\no1 score[0x62][1]\no2 score[0x61][0]\no3 score[0x61][1]")

    static func tiedModel(_ dir: TemporaryDirectory, reordered: Bool) throws -> String {
        let path = dir.file("tie.aag")
        try (reordered ? reorderedCircuit : circuit).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theReorderedCircuitReallyListsBBeforeA() {
        #expect(Self.reorderedCircuit != Self.circuit && Self.reorderedCircuit.contains("o0 score[0x62][0]")
                && Self.reorderedCircuit.contains("16\n1\n1\n18\n1\n0\n0\n"))
    }

    @Test(arguments: [false, true])
    func everyCommandGivesATieToTheLowestByte(reordered: Bool) throws {
        let dir = try TemporaryDirectory()
        let model = try Self.tiedModel(dir, reordered: reordered)
        let a = Int(UInt8(ascii: "a")), b = Int(UInt8(ascii: "b"))

        // trace: a and b tie at 3, listed lowest byte first.
        let trace = try GateLMProcess.run(["trace", model, "--prompt", "a", "--json"])
        try #require(trace.status == 0, "\(trace.stderr)")
        let positions = try #require(try InterpretCommandTests.json(trace.stdout)["positions"] as? [[String: Any]])
        let top = try #require(positions.last?["top"] as? [[String: Any]])
        #expect(top.prefix(2).map { [$0["byte"] as? Int, $0["score"] as? Int] } == [[a, 3], [b, 3]], "\(top)")

        // The view's data (the library's `ViewData`, exactly what the page embeds): the same table.
        let view = try GateLMProcess.run(["view", model, "--prompt", "a", "--json"])
        try #require(view.status == 0, "\(view.stderr)")
        let viewTrace = try #require(try InterpretCommandTests.json(view.stdout)["trace"] as? [String: Any])
        let viewTop = try #require(viewTrace["top"] as? [[String: Any]])
        #expect(viewTop.prefix(2).map { [$0["byte"] as? Int, $0["score"] as? Int] } == [[a, 3], [b, 3]], "\(viewTop)")

        // explain: the prediction is a, and it takes both bits of the tie to force it
        // (with bit 0 clear or bit 7 set, b wins alone).
        // (Not #require: a failure here must not hide what query and generate do.)
        let explain = try GateLMProcess.run(["explain", model, "--prompt", "a", "--json"])
        #expect(explain.status == 0, "\(explain.stderr)")
        let e = (try? JSONSerialization.jsonObject(with: Data(explain.stdout.utf8))) as? [String: Any] ?? [:]
        #expect(e["prediction"] as? Int == a)
        let fixed = e["fixed"] as? [[String: Any]] ?? []
        #expect(Set(fixed.map { "\($0["position"] as? Int ?? -1):\($0["bit"] as? Int ?? -1)=\($0["value"] as? Bool == true)" })
                == ["1:0=true", "1:7=false"], "\(fixed)")

        // query: after 'a' (a tie) a is the prediction and b never is.
        let aTops = try GateLMProcess.run(["query", model, "--where", "ctx[-1]='a'", "--top", "a", "--json"])
        #expect(aTops.status == 0, "\(aTops.stdout)\(aTops.stderr)")
        #expect(((try? JSONSerialization.jsonObject(with: Data(aTops.stdout.utf8))) as? [String: Any])?["witness_prediction"] as? Int == a)
        let bTops = try GateLMProcess.run(["query", model, "--where", "ctx[-1]='a'", "--top", "b"])
        #expect(bTops.status == 1 && bTops.stdout.hasPrefix("unsat"), "\(bTops.stdout)\(bTops.stderr)")
        // Every tie (bit 0 set, bit 7 clear) goes to a: a context with them where a is not the top has none.
        let noTie = try GateLMProcess.run(["query", model, "--where", "ctx[-1][0]=1, ctx[-1][7]=0", "--not-top", "a"])
        #expect(noTie.status == 1 && noTie.stdout.hasPrefix("unsat"), "\(noTie.stdout)\(noTie.stderr)")

        // generate --greedy: from 'a' every step is a tie, won by a; from 'b' b wins outright.
        let tied = try GateLMProcess.run(["generate", model, "--prompt", "a", "--bytes", "4", "--greedy"])
        #expect(tied.status == 0 && tied.stdout == "aaaaa\n", "\(tied.stdout)\(tied.stderr)")
        let untied = try GateLMProcess.run(["generate", model, "--prompt", "b", "--bytes", "4", "--greedy"])
        #expect(untied.status == 0 && untied.stdout == "bbbbb\n", "\(untied.stdout)\(untied.stderr)")
    }
}
