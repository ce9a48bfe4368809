import Solver
import Testing

@Suite struct SATSolverTests {
    @Test func findsAModelOfASatisfiableFormula() {
        let solver = SATSolver()
        let a = solver.newVariable(), b = solver.newVariable(), c = solver.newVariable()
        solver.addClause(a, b)
        solver.addClause(-a, c)
        solver.addClause(-b, -c)
        solver.addClause(-c, a)
        #expect(solver.solve() == .satisfiable)
        let (va, vb, vc) = (solver.value(a), solver.value(b), solver.value(c))
        #expect(va || vb)
        #expect(!va || vc)
        #expect(!vb || !vc)
        #expect(!vc || va)
        #expect(solver.value(-a) == !va)
    }

    @Test func refutesAnUnsatisfiableFormula() {
        let solver = SATSolver()
        let a = solver.newVariable(), b = solver.newVariable()
        solver.addClause(a, b)
        solver.addClause(a, -b)
        solver.addClause(-a, b)
        solver.addClause([-a, -b])
        #expect(solver.solve() == .unsatisfiable)
        #expect(solver.calls == 1)
    }

    @Test func assumptionsHoldForOneCallAndReportFailedLiterals() {
        let solver = SATSolver()
        let a = solver.newVariable(), b = solver.newVariable(), c = solver.newVariable()
        solver.addClause(-a, b)  // a → b
        #expect(solver.solve(assuming: [a, -b, c]) == .unsatisfiable)
        #expect(solver.failed(a) && solver.failed(-b))
        #expect(!solver.failed(c))
        #expect(solver.solve() == .satisfiable)
        #expect(solver.solve(assuming: [a]) == .satisfiable)
        #expect(solver.value(b))
    }

    @Test func conflictLimitStopsAHardInstance() {
        let solver = SATSolver()
        Self.addPigeonhole(pigeons: 9, holes: 8, to: solver)
        #expect(solver.solve(conflictLimit: 100) == .unknown)
        #expect(solver.limitedCalls == 1)
    }

    @Test func deadlineStopsAHardInstance() {
        let solver = SATSolver()
        Self.addPigeonhole(pigeons: 11, holes: 10, to: solver)
        let start = ContinuousClock.now
        #expect(solver.solve(deadline: start + .milliseconds(50)) == .unknown)
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func interruptFromAnotherThreadStopsTheCall() async {
        let solver = SATSolver()
        Self.addPigeonhole(pigeons: 11, holes: 10, to: solver)
        let interrupter = Task.detached {
            try? await Task.sleep(for: .milliseconds(100))
            solver.interrupt()
        }
        #expect(solver.solve(deadline: .now + .seconds(30)) == .unknown)
        await interrupter.value
    }

    @Test func smallPigeonholeIsRefutedWithoutALimit() {
        let solver = SATSolver()
        Self.addPigeonhole(pigeons: 5, holes: 4, to: solver)
        #expect(solver.solve() == .unsatisfiable)
    }

    /// `pigeons` pigeons in `holes` holes, at most one per hole: unsatisfiable when pigeons > holes, hard for resolution.
    static func addPigeonhole(pigeons: Int, holes: Int, to solver: SATSolver) {
        let x = (0..<pigeons).map { _ in (0..<holes).map { _ in solver.newVariable() } }
        for p in 0..<pigeons { solver.addClause(x[p]) }
        for h in 0..<holes {
            for p in 0..<pigeons { for q in (p + 1)..<pigeons { solver.addClause(-x[p][h], -x[q][h]) } }
        }
    }
}
