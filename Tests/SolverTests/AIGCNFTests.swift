import Circuits
import GateLMSupport
import Solver
import Testing

@Suite struct AIGCNFTests {
    @Test(arguments: [1, 2, 3])
    func modelsGiveTheQueriedOutputValue(seed: UInt64) {
        let aig = AIG.random(inputs: 12, ands: 400, latches: 3, seed: seed)
        for (o, output) in aig.outputs.prefix(8).enumerated() {
            for wanted in [false, true] {
                let solver = SATSolver()
                var cnf = AIGCNF(aig)
                let s = cnf.literal(for: output, in: solver)
                let result = solver.solve(assuming: [wanted ? s : -s])
                if result == .unsatisfiable { continue }  // a constant output
                #expect(result == .satisfiable)
                let inputs = (0..<aig.inputCount).map { i in leafWord(aig.inputLiteral(i), cnf, solver) }
                let latches = (0..<aig.latchCount).map { j in leafWord(aig.latchLiteral(j), cnf, solver) }
                let values = aig.evaluateVariables(inputs: inputs, latchValues: latches)
                #expect(AIG.value(output, in: values) & 1 == (wanted ? 1 : 0), "output \(o)")
            }
        }
    }

    @Test func encodesOnlyTheQueriedCone() {
        var builder = AIGBuilder()
        let x = builder.addInputs(4)
        let left = builder.and(x[0], x[1])
        let right = builder.and(x[2], x[3])
        builder.addOutput(left)
        builder.addOutput(right)
        let aig = builder.build()
        let solver = SATSolver()
        var cnf = AIGCNF(aig)
        _ = cnf.literal(for: aig.outputs[0], in: solver)
        #expect(cnf.satVariable(of: aig.outputs[0].variable) != nil)
        #expect(cnf.satVariable(of: aig.outputs[1].variable) == nil)
        #expect(cnf.satVariable(of: x[2].variable) == nil)
        #expect(solver.variableCount == 3)
    }

    @Test func aNodeAndItsComplementCannotBothHold() {
        let aig = AIG.random(inputs: 10, ands: 300, seed: 9)
        let solver = SATSolver()
        var cnf = AIGCNF(aig)
        let s = cnf.literal(for: aig.outputs[0], in: solver)
        let t = cnf.literal(for: !aig.outputs[0], in: solver)
        #expect(t == -s)
        #expect(solver.solve(assuming: [s, t]) == .unsatisfiable)
        #expect(cnf.literal(for: .false, in: solver) != 0)
        #expect(solver.solve(assuming: [cnf.literal(for: .true, in: solver)]) == .satisfiable)
        #expect(solver.solve(assuming: [cnf.literal(for: .false, in: solver)]) == .unsatisfiable)
    }

    @Test func deepChainsAreEncodedWithoutRecursion() {
        var cnf = AIGCNF()
        let a = cnf.appendLeaf(), b = cnf.appendLeaf()
        var top = cnf.appendAnd(a, b)
        for i in 0..<200_000 { top = cnf.appendAnd(top, i % 2 == 0 ? !a : a).complemented(if: true) }
        let solver = SATSolver()
        let s = cnf.literal(for: top, in: solver)
        #expect(solver.solve(assuming: [s]) != .unknown)
        #expect(cnf.variableCount == 200_004)
    }

    @Test func growingGraphsAreEncodedIncrementally() {
        var cnf = AIGCNF()
        let a = cnf.appendLeaf(), b = cnf.appendLeaf()
        let ab = cnf.appendAnd(a, b)
        let solver = SATSolver()
        let sab = cnf.literal(for: ab, in: solver)
        let nab = cnf.appendAnd(!a, !b)  // ¬a ∧ ¬b: disjoint from a ∧ b
        let snab = cnf.literal(for: nab, in: solver)
        #expect(solver.solve(assuming: [sab, snab]) == .unsatisfiable)
        #expect(solver.solve(assuming: [-sab, -snab]) == .satisfiable)
    }

    private func leafWord(_ leaf: Literal, _ cnf: AIGCNF, _ solver: SATSolver) -> UInt64 {
        guard let s = cnf.satVariable(of: leaf.variable) else { return 0 }
        return solver.value(s) ? 1 : 0
    }
}
