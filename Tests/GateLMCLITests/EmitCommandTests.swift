import Circuits
import Foundation
import GateLMSupport
import Testing
import _TestSupport

@Suite struct EmitCommandTests {
    @Test(.enabled(if: ExternalCommand.find("cc") != nil))
    func emittedProgramPrintsWhatSimulatePrints() throws {
        let dir = try TemporaryDirectory()
        for (name, aig) in [("comb", AIG.random(inputs: 20, ands: 800, seed: 11)),
                            ("seq", AIG.random(inputs: 5, ands: 300, latches: 8, seed: 12))] {
            let file = dir.file("\(name).aig")
            try Data(AIGERWriter.write(aig, format: .binary)).write(to: URL(fileURLWithPath: file))
            let emit = try GateLMProcess.run(["emit", "c", file, "--main", "-o", dir.file("\(name).c")])
            #expect(emit.status == 0, "\(emit.stderr)")
            try ExternalCommand.check("cc", ["-O1", "-Wall", "-Wextra", "-Werror", dir.file("\(name).c"), "-o", dir.file(name)])
            var rng = SplitMix64(seed: 5)
            let patterns = (0..<200).map { _ in String((0..<aig.inputCount).map { _ in rng.next() & 1 == 1 ? "1" : "0" }) }
                .joined(separator: "\n") + "\n"
            let simulated = aig.isSequential
                ? try GateLMProcess.run(["simulate", file, "--patterns", "-", "--steps", "200"], input: patterns)
                : try GateLMProcess.run(["simulate", file, "--patterns", "-"], input: patterns)
            let compiled = try ExternalCommand.run(dir.file(name), [], input: Data(patterns.utf8))
            #expect(simulated.status == 0 && compiled.status == 0)
            #expect(simulated.stdout.split(separator: "\n").count == 200)
            #expect(simulated.stdout == compiled.stdout, "\(name)")
        }
    }

    @Test func verilogAndDotAreWrittenAndDotRefusesLargeCircuits() throws {
        let dir = try TemporaryDirectory()
        let small = dir.file("small.aig"), large = dir.file("large.aig")
        try Data(AIGERWriter.write(AIG.random(inputs: 4, ands: 20, seed: 1), format: .binary)).write(to: URL(fileURLWithPath: small))
        try Data(AIGERWriter.write(AIG.random(inputs: 64, ands: 60_000, seed: 1), format: .binary)).write(to: URL(fileURLWithPath: large))
        #expect(try GateLMProcess.run(["emit", "verilog", small, "-o", dir.file("small.v")]).status == 0)
        #expect(try String(contentsOfFile: dir.file("small.v"), encoding: .utf8).contains("assign"))
        #expect(try GateLMProcess.run(["emit", "dot", small, "-o", dir.file("small.dot")]).status == 0)
        let refused = try GateLMProcess.run(["emit", "dot", large, "-o", dir.file("large.dot")])
        #expect(refused.status != 0 && refused.stderr.contains("60000"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("large.dot")))
    }
}
