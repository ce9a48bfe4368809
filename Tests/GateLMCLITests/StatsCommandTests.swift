import Circuits
import Foundation
import Testing
import _TestSupport

@Suite struct StatsCommandTests {
    @Test func printsTheContractLine() throws {
        let dir = try TemporaryDirectory()
        let aig = AIG.random(inputs: 10, ands: 300, latches: 3, seed: 5)
        try Data(AIGERWriter.write(aig, format: .binary)).write(to: URL(fileURLWithPath: dir.file("r.aig")))
        let result = try GateLMProcess.run(["stats", dir.file("r.aig")])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix(
            "inputs=10 latches=3 outputs=\(aig.outputCount) ands=300 levels=\(aig.depth)"))
    }

    @Test(.enabled(if: SharedData.epflFiles.contains { $0.hasSuffix("/adder.aig") }))
    func matchesKnownCountsOnEPFLAdder() throws {
        let adder = SharedData.epflFiles.first { $0.hasSuffix("/adder.aig") }!
        let result = try GateLMProcess.run(["stats", adder])
        #expect(result.stdout.hasPrefix("inputs=256 latches=0 outputs=129 ands=1020 levels=255"))
    }

    @Test func missingOrCorruptFilesFailWithAMessage() throws {
        let dir = try TemporaryDirectory()
        let missing = try GateLMProcess.run(["stats", dir.file("nope.aig")])
        #expect(missing.status != 0 && missing.stderr.contains("ENOENT") && missing.stdout.isEmpty)
        try "aag 3 1 0 1 1\n2\n6\n6 2 9\n".write(toFile: dir.file("bad.aag"), atomically: true, encoding: .utf8)
        let corrupt = try GateLMProcess.run(["stats", dir.file("bad.aag")])
        #expect(corrupt.status != 0 && corrupt.stderr.contains("bad.aag"))
    }
}
