import Circuits
import Synthesis
import Testing
import _TestSupport

/// Every pass a script can name, proven equivalence-preserving by GateLM's `cec` (and ABC's
/// where installed) on random circuits and on small EPFL circuits.
@Suite("Every pass preserves the function")
struct PassEquivalenceTests {
    static let checker = EquivalenceChecker()

    static func expectProvenEquivalent(_ original: AIG, _ optimized: AIG, _ what: String) throws {
        try optimized.validate()
        #expect(try checker.check(original, optimized) == .equivalent, "\(what)")
        if ABCReference.isInstalled {
            #expect(try ABCReference.equivalent(original, optimized), "ABC cec: \(what)")
        }
    }

    @Test(arguments: OptimizationStep.allSteps)
    func onRandomCircuits(step: OptimizationStep) throws {
        for seed: UInt64 in [1, 2] {
            let aig = AIG.random(inputs: 20, ands: 1500, maxOutputs: 24, seed: seed)
            try Self.expectProvenEquivalent(aig, step.apply(to: aig), "\(step) on random circuit \(seed)")
        }
    }

    @Test(arguments: OptimizationStep.allSteps)
    func onSequentialRandomCircuits(step: OptimizationStep) throws {
        let aig = AIG.random(inputs: 8, ands: 800, latches: 6, maxOutputs: 8, seed: 5)
        let optimized = step.apply(to: aig)
        #expect(optimized.latchCount == aig.latchCount)
        #expect(try Self.checker.check(aig, optimized) == .equivalent, "\(step)")
    }

    static let smallEPFL = PassChecks.smallEPFLFiles

    @Test(.enabled(if: !smallEPFL.isEmpty), arguments: OptimizationStep.allSteps)
    func onSmallEPFLCircuits(step: OptimizationStep) throws {
        for file in Self.smallEPFL {
            let aig = try AIG(contentsOfAIGERFile: file)
            try Self.expectProvenEquivalent(aig, step.apply(to: aig), "\(step) on \(file)")
        }
    }

    @Test func theStandardScriptOnSmallEPFLCircuits() throws {
        for file in Self.smallEPFL {
            let aig = try AIG(contentsOfAIGERFile: file)
            let optimized = OptimizationScript.standard.run(aig)
            #expect(optimized.andCount <= aig.andCount)
            try Self.expectProvenEquivalent(aig, optimized, "standard script on \(file)")
        }
    }
}
