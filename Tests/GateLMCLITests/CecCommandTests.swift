import Circuits
import Foundation
import Testing
import _TestSupport

@Suite struct CecCommandTests {
    /// Writes `aig` as binary AIGER into `dir` under `name`; returns the path.
    private func write(_ aig: AIG, _ name: String, in dir: TemporaryDirectory) throws -> String {
        try Data(AIGERWriter.write(aig, format: .binary)).write(to: URL(fileURLWithPath: dir.file(name)))
        return dir.file(name)
    }

    /// `y = a ∧ b` and `z = a ∨ c`, or with `z = a ∨ b ∨ c` (differs only at a=0, b=1, c=0).
    private func circuit(wide: Bool) -> AIG {
        var builder = AIGBuilder()
        let a = builder.addInput(name: "a"), b = builder.addInput(name: "b"), c = builder.addInput(name: "c")
        builder.addOutput(builder.and(a, b), name: "y")
        builder.addOutput(wide ? builder.or(builder.or(a, b), c) : builder.or(a, c), name: "z")
        return builder.build()
    }

    @Test func equivalentCircuitsExitZero() throws {
        let dir = try TemporaryDirectory()
        let aig = AIG.random(inputs: 10, ands: 300, seed: 2)
        var unhashed = aig
        unhashed.comments = ["a copy"]
        let result = try GateLMProcess.run(["cec", try write(aig, "a.aig", in: dir), try write(unhashed, "b.aig", in: dir)])
        #expect(result.status == 0)
        #expect(result.stdout == "equivalent\n")
    }

    @Test func differingCircuitsExitOneWithTheCounterexample() throws {
        let dir = try TemporaryDirectory()
        let a = try write(circuit(wide: false), "a.aig", in: dir), b = try write(circuit(wide: true), "b.aig", in: dir)
        let result = try GateLMProcess.run(["cec", a, b])
        #expect(result.status == 1)
        #expect(result.stdout.contains("not equivalent: output 1 (z) differs: 0 in \(a), 1 in \(b)"))
        #expect(result.stdout.contains("inputs: 010\n"))
        #expect(result.stdout.contains("a=0 b=1 c=0"))
        let json = try GateLMProcess.run(["cec", a, b, "--json"])
        #expect(json.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["result"] as? String == "not equivalent")
        #expect(object?["output_name"] as? String == "z")
        #expect(object?["inputs"] as? [String] == ["010"])
    }

    @Test func errorsExitTwo() throws {
        let dir = try TemporaryDirectory()
        let a = try write(circuit(wide: false), "a.aig", in: dir)
        let missing = try GateLMProcess.run(["cec", a, dir.file("missing.aig")])
        #expect(missing.status == 2 && missing.stderr.contains("ENOENT"))
        let other = try write(AIG.random(inputs: 4, ands: 20, seed: 1), "other.aig", in: dir)
        let mismatch = try GateLMProcess.run(["cec", a, other])
        #expect(mismatch.status == 2 && mismatch.stderr.contains("3 inputs"))
        #expect(mismatch.stdout.isEmpty)
    }

    @Test func boundedSequentialChecksAreUndecidedWithExitThree() throws {
        let dir = try TemporaryDirectory()
        // A toggle flip-flop, and the same with its latch duplicated: equal, but the latches do not correspond.
        var one = AIGBuilder()
        _ = one.addInput()
        let q = one.addLatch()
        one.setNext(of: q, to: !q)
        one.addOutput(q)
        var two = AIGBuilder()
        _ = two.addInput()
        let p = two.addLatch(), r = two.addLatch()
        two.setNext(of: p, to: !r)
        two.setNext(of: r, to: !p)
        two.addOutput(p)
        let result = try GateLMProcess.run(["cec", try write(one.build(), "one.aig", in: dir),
                                            try write(two.build(), "two.aig", in: dir), "--steps", "5", "--json"])
        #expect(result.status == 3)
        #expect(result.stdout.contains("\"result\":\"undecided\""))
        #expect(result.stdout.contains("5 steps"))
    }
}
