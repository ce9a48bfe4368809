import _CCaDiCaL

/// An incremental SAT solver: a thin wrapper over CaDiCaL's C API.
///
/// Literals are DIMACS-style `Int32`s: variable `v ≥ 1` is `v`, its
/// complement `-v`. Clauses persist across `solve` calls; assumptions,
/// the conflict limit and the deadline apply to one call only.
///
/// Not thread-safe, except `interrupt()`, which another thread (a signal
/// handler's queue) may call while `solve` runs.
public final class SATSolver: @unchecked Sendable {
    private let solver: OpaquePointer
    private var variables: Int32 = 0
    /// The current call's deadline, read by CaDiCaL's terminate callback.
    fileprivate var deadline: ContinuousClock.Instant?

    /// Number of clauses added so far.
    public private(set) var clauseCount = 0
    /// Number of `solve` calls so far.
    public private(set) var calls = 0
    /// Calls that stopped at their conflict limit or deadline, or were interrupted (answered `.unknown`).
    public private(set) var limitedCalls = 0
    /// Calls that stopped because their deadline passed (counted in `limitedCalls` too): an
    /// `.unknown` call not counted here stopped at its conflict limit or at `interrupt()`.
    public private(set) var deadlineCalls = 0
    /// Whether the current call's terminate callback found the deadline passed.
    fileprivate var reachedDeadline = false

    /// A solver with no clauses. Options suit many small incremental calls:
    /// no "lucky" phase search at the start of each call, no variable elimination.
    public init() {
        solver = ccadical_init()
        ccadical_set_option(solver, "lucky", 0)
        // Variable elimination makes every later call restore eliminated
        // clauses (a scan of the whole extension stack): ruinous for
        // thousands of small calls on a growing formula.
        ccadical_set_option(solver, "elim", 0)
        let state = Unmanaged.passUnretained(self).toOpaque()
        ccadical_set_terminate(solver, state) { state in
            let solver = Unmanaged<SATSolver>.fromOpaque(state!).takeUnretainedValue()
            guard let deadline = solver.deadline, ContinuousClock.now >= deadline else { return 0 }
            solver.reachedDeadline = true
            return 1
        }
    }

    deinit { ccadical_release(solver) }

    /// Number of variables handed out by `newVariable()`.
    public var variableCount: Int { Int(variables) }

    /// A fresh variable (its positive literal).
    public func newVariable() -> Int32 {
        variables += 1
        return variables
    }

    /// Adds the clause `literals[0] ∨ literals[1] ∨ …` (empty: the formula becomes unsatisfiable).
    public func addClause(_ literals: Int32...) { addClause(literals) }

    /// Adds the clause `literals[0] ∨ literals[1] ∨ …`.
    public func addClause(_ literals: [Int32]) {
        for literal in literals { add(literal) }
        ccadical_add(solver, 0)
        clauseCount += 1
    }

    /// Adds the unit clause `a` without allocating.
    public func addClause(_ a: Int32) {
        add(a); ccadical_add(solver, 0)
        clauseCount += 1
    }

    /// Adds the binary clause `a ∨ b` without allocating.
    public func addClause(_ a: Int32, _ b: Int32) {
        add(a); add(b); ccadical_add(solver, 0)
        clauseCount += 1
    }

    /// Adds the ternary clause `a ∨ b ∨ c` without allocating.
    public func addClause(_ a: Int32, _ b: Int32, _ c: Int32) {
        add(a); add(b); add(c); ccadical_add(solver, 0)
        clauseCount += 1
    }

    @inline(__always) private func add(_ literal: Int32) {
        precondition(literal != 0 && literal.magnitude <= variables.magnitude, "literal \(literal) is not a variable of this solver")
        ccadical_add(solver, literal)
    }

    /// Decides the clauses under `assumptions` (literals true for this call
    /// only). Stops with `.unknown` after `conflictLimit` conflicts, at
    /// `deadline`, or when `interrupt()` is called.
    public func solve(
        assuming assumptions: [Int32] = [], conflictLimit: Int? = nil, deadline: ContinuousClock.Instant? = nil
    ) -> SATResult {
        for literal in assumptions {
            precondition(literal != 0 && literal.magnitude <= variables.magnitude, "assumption \(literal) is not a variable of this solver")
            ccadical_assume(solver, literal)
        }
        if let conflictLimit { ccadical_limit(solver, "conflicts", Int32(clamping: max(0, conflictLimit))) }
        self.deadline = deadline
        reachedDeadline = false
        defer { self.deadline = nil }
        calls += 1
        switch ccadical_solve(solver) {
        case 10: return .satisfiable
        case 20: return .unsatisfiable
        default:
            limitedCalls += 1
            if reachedDeadline { deadlineCalls += 1 }
            return .unknown
        }
    }

    /// The value of `literal` in the model of the last satisfiable call.
    public func value(_ literal: Int32) -> Bool {
        precondition(literal != 0 && literal.magnitude <= variables.magnitude, "literal \(literal) is not a variable of this solver")
        return ccadical_val(solver, literal) > 0
    }

    /// Whether assumption `literal` took part in the last unsatisfiable call's refutation.
    public func failed(_ literal: Int32) -> Bool {
        ccadical_failed(solver, literal) != 0
    }

    /// Stops the running `solve` call, which then answers `.unknown`.
    /// Safe to call from another thread (for example on ctrl-C).
    public func interrupt() {
        ccadical_terminate(solver)
    }
}
