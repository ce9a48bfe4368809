import Circuits
import GateLMSupport
import Synthesis
import Testing

@Suite("Data-aware simplification")
struct CareSetTests {
    /// Random patterns in which input 0 is always 0, input 1 always equals input 2, and input 3 is
    /// the complement of input 4.
    static func constrainedPatterns(inputs: Int, count: Int, seed: UInt64) -> PatternSet {
        var rng = SplitMix64(seed: seed)
        var set = PatternSet(signalCount: inputs, patternCount: count)
        for p in 0..<count {
            for i in 0..<inputs { set[i, p] = rng.next() & 1 == 1 }
            set[0, p] = false
            set[1, p] = set[2, p]
            set[3, p] = !set[4, p]
        }
        return set
    }

    @Test func agreesWithTheCircuitOnEveryCarePatternAndShrinksIt() {
        let aig = AIG.random(inputs: 12, ands: 1500, seed: 11)
        let care = Self.constrainedPatterns(inputs: 12, count: 3000, seed: 5)
        let (simplified, report) = aig.simplified(onCareSet: care)
        #expect(report.constantInputs == 1)
        #expect(report.mergedInputs == 2)
        #expect(report.andsAfter == simplified.andCount)
        #expect(simplified.andCount < aig.andCount)
        let simulator = Simulator(aig), after = Simulator(simplified)
        #expect(simulator.simulate(care) == after.simulate(care))
        // Outside the care set the circuits differ: the simplification is data-aware, not an equivalence.
        let anywhere = PatternSet.random(signalCount: 12, patternCount: 3000, seed: 9)
        #expect(simulator.simulate(anywhere) != after.simulate(anywhere))
    }

    @Test func mergesNodesThatAgreeOnTheCareSetOnly() {
        // y = a ∧ b and z = a ∧ c are different functions but equal whenever b = c.
        var b = AIGBuilder()
        let x = b.addInputs(3)
        let y = b.and(x[0], x[1]), z = b.and(x[0], !x[2])
        b.addOutput(y)
        b.addOutput(z)
        let aig = b.build()
        var care = PatternSet(signalCount: 3, patternCount: 4)
        for p in 0..<4 {
            care[0, p] = p & 1 == 1
            care[1, p] = p & 2 == 2
            care[2, p] = p & 2 == 0
        }
        let (simplified, report) = aig.simplified(onCareSet: care)
        #expect(report.mergedAnds == 1)
        #expect(simplified.andCount == 1)
        #expect(simplified.outputs[0] == simplified.outputs[1])
    }

    @Test func keepsEverythingWhenTheCareSetIsEveryPattern() {
        let aig = AIG.random(inputs: 8, ands: 400, seed: 2).structurallyHashed()
        var all = PatternSet(signalCount: 8, patternCount: 256)
        for p in 0..<256 { for i in 0..<8 { all[i, p] = p >> i & 1 == 1 } }
        let (simplified, report) = aig.simplified(onCareSet: all)
        #expect(report.constantInputs == 0 && report.mergedInputs == 0)
        #expect(Simulator(simplified).simulate(all) == Simulator(aig).simulate(all))
        // With every pattern in the care set a merge is a true equivalence: the result is equivalent.
        #expect(simplified.andCount <= aig.andCount)
    }

    @Test func toleranceMakesNearlyConstantNodesConstant() {
        // y = a ∧ b ∧ c is 1 on exactly one of the eight patterns.
        var b = AIGBuilder()
        let x = b.addInputs(3)
        b.addOutput(b.and(b.and(x[0], x[1]), x[2]))
        let aig = b.build()
        var all = PatternSet(signalCount: 3, patternCount: 8)
        for p in 0..<8 { for i in 0..<3 { all[i, p] = p >> i & 1 == 1 } }
        let exact = aig.simplified(onCareSet: all)
        #expect(exact.report.approximatedConstants == 0 && exact.aig.andCount == 2)
        let approximate = aig.simplified(onCareSet: all, constantTolerance: 1)
        #expect(approximate.aig.outputs == [.false])
        #expect(approximate.report.approximatedConstants >= 1)
    }
}
