import Circuits
import GateLMSupport
import Synthesis
import Testing
import _TestSupport

/// The checker's verdicts against ABC's `cec` on the same pairs.
@Suite("Equivalence checking agrees with ABC", .enabled(if: ABCReference.isInstalled))
struct EquivalenceABCTests {
    let checker = EquivalenceChecker()

    static let resyn2 = "strash; balance; rewrite; refactor; balance; rewrite; rewrite -z; balance; refactor -z; rewrite -z; balance"

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func randomCircuitsAgainstTheirABCOptimisedAndMutatedCopies(seed: UInt64) throws {
        let aig = AIG.random(inputs: 16, ands: 800, maxOutputs: 16, seed: seed)
        for script in ["strash", "dc2", Self.resyn2] {
            let optimized = try ABCReference.optimized(aig, script)
            #expect(try ABCReference.equivalent(aig, optimized))
            #expect(try checker.check(aig, optimized) == .equivalent, "\(script)")
        }
        // Mutations deep inside: some are observable, some may not be; ABC decides.
        var rng = SplitMix64(seed: seed)
        for _ in 0..<4 {
            let mutant = aig.withComplementedFanin(ofAnd: Int(rng.next() % UInt64(aig.andCount)), fanin: Int(rng.next() & 1))
            let abcSays = try ABCReference.equivalent(aig, mutant)
            let result = try checker.check(aig, mutant)
            if abcSays {
                #expect(result == .equivalent)
            } else if case .notEquivalent = result {
            } else {
                Issue.record("ABC finds a difference, the checker says \(result)")
            }
        }
    }

    @Test(arguments: [UInt64(7), 8])
    func sequentialCircuitsAgainstTheirABCOptimisedCopies(seed: UInt64) throws {
        let aig = AIG.random(inputs: 8, ands: 600, latches: 6, maxOutputs: 8, seed: seed)
        let optimized = try ABCReference.optimized(aig, "dc2")
        // ABC writes a sequential circuit's outputs as bad-state properties; the checker pairs them up.
        #expect(optimized.latchCount == aig.latchCount && optimized.bad.count == aig.outputCount)
        #expect(try ABCReference.equivalent(aig, optimized))
        #expect(try checker.check(aig, optimized) == .equivalent)
        var mutant = aig
        mutant.outputs[1] = !mutant.outputs[1]
        #expect(try !ABCReference.equivalent(mutant, optimized))
        guard case .notEquivalent(let cex) = try checker.check(mutant, optimized) else {
            Issue.record("expected a counterexample")
            return
        }
        #expect(cex.output == 1 && cex.step == 0)
    }

    static let epflCircuits = ["adder", "bar", "cavlc", "ctrl", "dec", "i2c", "int2float", "priority", "router"]

    @Test(arguments: epflCircuits)
    func epflCircuitsEqualTheirDC2Versions(name: String) throws {
        guard let path = SharedData.epflFiles.first(where: { $0.hasSuffix("/\(name).aig") }) else { return }
        let aig = try AIG(contentsOfAIGERFile: path)
        let optimized = try ABCReference.optimized(aig, "dc2")
        #expect(try checker.check(aig, optimized) == .equivalent)
        let mutant = optimized.withComplementedFanin(ofAnd: optimized.outputs.first { !$0.isConstant && $0.variable >= optimized.firstAndVariable }!.variable - optimized.firstAndVariable)
        #expect(try !ABCReference.equivalent(aig, mutant))
        if case .notEquivalent = try checker.check(aig, mutant) {} else { Issue.record("\(name): mutant not refuted") }
    }
}
