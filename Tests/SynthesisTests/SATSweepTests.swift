import Circuits
import GateLMSupport
import Solver
import Synthesis
import Testing

@Suite("SAT sweeping")
struct SATSweepTests {
    @Test func mergesReassociatedAndsAndXorsWrittenTwoWays() {
        var b = AIGBuilder()
        let x = b.addInputs(4, prefix: "x")
        b.addOutput(b.and(x[0], b.and(x[1], x[2])), name: "left")
        b.addOutput(b.and(b.and(x[0], x[1]), x[2]), name: "right")
        let xor1 = !b.and(!b.and(x[2], !x[3]), !b.and(!x[2], x[3]))
        let xor2 = b.and(b.or(x[2], x[3]), !b.and(x[2], x[3]))
        b.addOutput(xor1, name: "xor1")
        b.addOutput(!xor2, name: "xnor2")
        let aig = b.build()
        let (swept, statistics) = SATSweeper().sweep(aig)
        #expect(aig.andCount == 10)
        #expect(swept.andCount == 5)  // two for the AND, three for one XOR
        #expect(swept.outputs[0] == swept.outputs[1])
        #expect(swept.outputs[2] == !swept.outputs[3])
        #expect(statistics.proved >= 2)
        #expect(swept.names.outputs == ["left", "right", "xor1", "xnor2"])
        #expect(Self.satEquivalent(aig, swept))
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func mergesARedundantCopyOfARandomCircuit(seed: UInt64) {
        let original = AIG.random(inputs: 16, ands: 600, maxOutputs: 16, seed: seed)
        let doubled = Self.withRewrittenCopy(original)
        let (swept, statistics) = SATSweeper().sweep(doubled)
        #expect(doubled.andCount > original.andCount + 100)
        #expect(swept.andCount <= original.andCount)
        #expect(statistics.proved > 0)
        #expect(SimulationEquivalence.firstDifference(doubled, swept) == nil)
        #expect(Self.satEquivalent(doubled, swept))
    }

    @Test(arguments: [UInt64(4), 5])
    func keepsTheFunctionAndTheLatchesOfSequentialCircuits(seed: UInt64) throws {
        let aig = AIG.random(inputs: 8, ands: 500, latches: 6, seed: seed)
        let swept = SATSweeper().run(aig)
        try swept.validate()
        #expect(swept.latchCount == aig.latchCount)
        #expect(swept.latches.map(\.reset) == aig.latches.map(\.reset))
        #expect(swept.andCount <= aig.andCount)
        #expect(SimulationEquivalence.firstDifference(aig, swept) == nil)
        #expect(Self.satEquivalent(aig, swept))
    }

    @Test func neverMergesNodesThatDifferOnOnePattern() {
        // x0 ∧ … ∧ x19 and x0 ∧ … ∧ x18 ∧ ¬x19 … look constant under random simulation.
        var b = AIGBuilder()
        let x = b.addInputs(20)
        let most = b.and(Array(x.dropLast()))
        b.addOutput(b.and(most, x[19]))
        b.addOutput(b.and(most, !x[19]))
        b.addOutput(most)
        let aig = b.build()
        let (swept, statistics) = SATSweeper().sweep(aig)
        #expect(swept.andCount == aig.andCount)
        #expect(statistics.disproved >= 1 && statistics.proved == 0)
        #expect(Self.satEquivalent(aig, swept))
    }

    @Test func undecidedQueriesKeepTheNode() {
        let original = AIG.random(inputs: 16, ands: 400, maxOutputs: 8, seed: 11)
        let doubled = Self.withRewrittenCopy(original)
        var options = SATSweeper.Options()
        options.conflictLimit = 0
        let (swept, statistics) = SATSweeper(options: options).sweep(doubled)
        #expect(Self.satEquivalent(doubled, swept))
        #expect(statistics.proved + statistics.undecided + statistics.disproved > 0)
    }

    /// `aig` with a second copy of its logic in which every third AND `a ∧ b`
    /// is written `(a ∧ b) ∧ (a ∨ b)`, structurally different but equal; the
    /// copy's outputs are added after the original's.
    static func withRewrittenCopy(_ aig: AIG) -> AIG {
        var b = AIGBuilder()
        var first = [Literal](repeating: .false, count: aig.variableCount)
        for i in 0..<aig.inputCount { first[1 + i] = b.addInput() }
        var second = first
        func map(_ l: Literal, _ image: [Literal]) -> Literal { image[l.variable].complemented(if: l.isComplemented) }
        for k in 0..<aig.andCount {
            let v = aig.firstAndVariable + k
            first[v] = b.and(map(aig.fanin0[k], first), map(aig.fanin1[k], first))
            let p = map(aig.fanin0[k], second), q = map(aig.fanin1[k], second)
            second[v] = k % 3 == 0 ? b.and(b.and(p, q), b.or(p, q)) : b.and(p, q)
        }
        for o in aig.outputs { b.addOutput(map(o, first)) }
        for o in aig.outputs { b.addOutput(map(o, second)) }
        return b.build()
    }

    /// SAT check, independent of the sweeper: every output, latch next state
    /// and property of `a` equals its counterpart in `b`, inputs and latches shared.
    static func satEquivalent(_ a: AIG, _ b: AIG) -> Bool {
        guard a.inputCount == b.inputCount, a.latchCount == b.latchCount,
              a.rootLiterals.count == b.rootLiterals.count else { return false }
        let solver = SATSolver()
        var cnfA = AIGCNF(a), cnfB = AIGCNF(b)
        for leaf in 1...(a.inputCount + a.latchCount) {
            let x = cnfA.literal(for: Literal(variable: leaf), in: solver)
            let y = cnfB.literal(for: Literal(variable: leaf), in: solver)
            solver.addClause(-x, y)
            solver.addClause(x, -y)
        }
        for (ra, rb) in zip(a.rootLiterals, b.rootLiterals) {
            let x = cnfA.literal(for: ra, in: solver), y = cnfB.literal(for: rb, in: solver)
            if solver.solve(assuming: [x, -y]) != .unsatisfiable { return false }
            if solver.solve(assuming: [-x, y]) != .unsatisfiable { return false }
        }
        return true
    }
}
