import Circuits
import Foundation
import GateLMSupport
import Testing
import _TestSupport

@Suite struct SimulateCommandTests {
    /// Output lines the reference evaluator gives for `lines` of input bits.
    static func expectedLines(_ aig: AIG, _ lines: [String]) -> [String] {
        lines.map { line in
            let bits = aig.evaluate(line.map { $0 == "1" })
            return String(bits.map { $0 ? "1" : "0" })
        }
    }

    @Test func randomPatternsAreDeterministicAndCorrectLength() throws {
        let dir = try TemporaryDirectory()
        let aig = AIG.random(inputs: 12, ands: 200, seed: 2)
        try Data(AIGERWriter.write(aig, format: .binary)).write(to: URL(fileURLWithPath: dir.file("c.aig")))
        let a = try GateLMProcess.run(["simulate", dir.file("c.aig"), "--random", "100", "--seed", "9"])
        let b = try GateLMProcess.run(["simulate", dir.file("c.aig"), "--random", "100", "--seed", "9"])
        let c = try GateLMProcess.run(["simulate", dir.file("c.aig"), "--random", "100", "--seed", "10"])
        #expect(a.status == 0 && a.stdout == b.stdout && a.stdout != c.stdout)
        let lines = a.stdout.split(separator: "\n")
        #expect(lines.count == 100 && lines.allSatisfy { $0.count == aig.outputCount })
    }

    @Test func patternFileGivesTheReferenceOutputs() throws {
        let dir = try TemporaryDirectory()
        let aig = AIG.random(inputs: 9, ands: 150, seed: 4)
        try Data(AIGERWriter.write(aig, format: .ascii)).write(to: URL(fileURLWithPath: dir.file("c.aag")))
        var rng = SplitMix64(seed: 1)
        let lines = (0..<130).map { _ in String((0..<9).map { _ in rng.next() & 1 == 1 ? "1" : "0" }) }
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir.file("p.txt"), atomically: true, encoding: .utf8)
        let result = try GateLMProcess.run(["simulate", dir.file("c.aag"), "--patterns", dir.file("p.txt")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").map(String.init) == Self.expectedLines(aig, lines))
        let stdin = try GateLMProcess.run(["simulate", dir.file("c.aag"), "--patterns", "-"],
                                          input: lines.joined(separator: "\n"))
        #expect(stdin.stdout == result.stdout)
    }

    @Test func sequentialCircuitsPrintOneLinePerStep() throws {
        // A 2-bit counter that counts when `enable` is high; outputs are the counter bits.
        var b = AIGBuilder()
        let enable = b.addInput(name: "enable")
        let q0 = b.addLatch(), q1 = b.addLatch()
        b.setNext(of: q0, to: b.xor(q0, enable))
        b.setNext(of: q1, to: b.xor(q1, b.and(q0, enable)))
        b.addOutput(q0); b.addOutput(q1)
        let dir = try TemporaryDirectory()
        try Data(AIGERWriter.write(b.build(), format: .ascii)).write(to: URL(fileURLWithPath: dir.file("count.aag")))
        try "1\n1\n0\n1\n1\n1\n".write(toFile: dir.file("p.txt"), atomically: true, encoding: .utf8)
        let result = try GateLMProcess.run(["simulate", dir.file("count.aag"), "--patterns", dir.file("p.txt"), "--steps", "5"])
        #expect(result.status == 0, "\(result.stderr)")
        // Outputs show the state before each step's update: 0,1,2,2,3 (LSB first).
        #expect(result.stdout == "00\n10\n01\n01\n11\n")
        let tooFew = try GateLMProcess.run(["simulate", dir.file("count.aag"), "--patterns", dir.file("p.txt"), "--steps", "9"])
        #expect(tooFew.status != 0 && tooFew.stderr.contains("9 steps"))
        let random = try GateLMProcess.run(["simulate", dir.file("count.aag"), "--steps", "7", "--seed", "3"])
        #expect(random.status == 0 && random.stdout.split(separator: "\n").count == 7)
    }

    @Test func badPatternsAndOptionsFailClearly() throws {
        let dir = try TemporaryDirectory()
        try Data(AIGERWriter.write(AIG.random(inputs: 3, ands: 10, seed: 1), format: .binary))
            .write(to: URL(fileURLWithPath: dir.file("c.aig")))
        try "010\n01\n".write(toFile: dir.file("p.txt"), atomically: true, encoding: .utf8)
        let bad = try GateLMProcess.run(["simulate", dir.file("c.aig"), "--patterns", dir.file("p.txt")])
        #expect(bad.status != 0 && bad.stderr.contains("line 2") && bad.stdout.isEmpty)
        let both = try GateLMProcess.run(["simulate", dir.file("c.aig"), "--random", "3", "--patterns", dir.file("p.txt")])
        #expect(both.status != 0 && both.stderr.contains("not both"))
        let neither = try GateLMProcess.run(["simulate", dir.file("c.aig")])
        #expect(neither.status != 0 && neither.stderr.contains("--random"))
    }
}
