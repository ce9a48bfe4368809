/// The answer of a SAT call.
public enum SATResult: Sendable, Hashable {
    /// A model exists; read it from the solver.
    case satisfiable
    /// No model exists (under the assumptions given).
    case unsatisfiable
    /// A limit was reached or the call was interrupted before an answer.
    case unknown
}
