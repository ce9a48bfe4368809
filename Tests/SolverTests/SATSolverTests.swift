import Foundation
import Solver
import Synchronization
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

    /// The pigeonhole instance 11/10 takes CaDiCaL far longer than any test: only the deadline
    /// can stop it, and the solver must say so (`deadlineCalls`), not stop early or for another reason.
    /// A conflict limit far beyond what 50 ms allows is the backstop if the deadline were ignored.
    @Test func deadlineStopsAHardInstance() {
        let solver = SATSolver()
        Self.addPigeonhole(pigeons: 11, holes: 10, to: solver)
        let deadline = ContinuousClock.now + .milliseconds(50)
        #expect(solver.solve(conflictLimit: 2_000_000, deadline: deadline) == .unknown)
        #expect(solver.deadlineCalls == 1 && solver.limitedCalls == 1)
        #expect(ContinuousClock.now >= deadline)   // it ran until the deadline, not less
    }

    /// Only `interrupt()` can stop this call: no conflict limit, and a safety deadline (600 s)
    /// far beyond the interrupt, there so that a broken interrupt fails the test instead of
    /// hanging it. A call the deadline stopped counts in `deadlineCalls`; an interrupted one does not.
    ///
    /// The interrupter is a thread of its own, not a task: `solve` blocks the thread it runs on,
    /// and with the tests running in parallel on two cores a task could wait for a free thread of
    /// the cooperative pool until the solver finished by itself (which once took 114 s).
    @Test func interruptFromAnotherThreadStopsTheCall() {
        let solver = SATSolver()
        Self.addPigeonhole(pigeons: 11, holes: 10, to: solver)
        let done = Flag(), finished = DispatchSemaphore(value: 0)
        let interrupter = Thread {
            // Interrupts until the call returns: one that lands before `solve` starts is not lost.
            while !done.value.load(ordering: .acquiring) {
                Thread.sleep(forTimeInterval: 0.1)
                solver.interrupt()
            }
            finished.signal()
        }
        interrupter.start()
        let result = solver.solve(deadline: .now + .seconds(600))
        done.value.store(true, ordering: .releasing)
        finished.wait()
        #expect(result == .unknown)
        #expect(solver.limitedCalls == 1)
        #expect(solver.deadlineCalls == 0, "the safety deadline stopped the call, not interrupt()")
    }

    @Test func smallPigeonholeIsRefutedWithoutALimit() {
        let solver = SATSolver()
        Self.addPigeonhole(pigeons: 5, holes: 4, to: solver)
        #expect(solver.solve() == .unsatisfiable)
    }

    /// A flag shared between threads.
    final class Flag: Sendable { let value = Atomic<Bool>(false) }

    /// `pigeons` pigeons in `holes` holes, at most one per hole: unsatisfiable when pigeons > holes, hard for resolution.
    static func addPigeonhole(pigeons: Int, holes: Int, to solver: SATSolver) {
        let x = (0..<pigeons).map { _ in (0..<holes).map { _ in solver.newVariable() } }
        for p in 0..<pigeons { solver.addClause(x[p]) }
        for h in 0..<holes {
            for p in 0..<pigeons { for q in (p + 1)..<pigeons { solver.addClause(-x[p][h], -x[q][h]) } }
        }
    }
}
