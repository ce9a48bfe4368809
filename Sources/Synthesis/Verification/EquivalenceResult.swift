/// The answer of an equivalence check.
public enum EquivalenceResult: Sendable, Hashable {
    /// Every output (and, for corresponding latches, every next state) is proven equal.
    case equivalent
    /// An input pattern (a sequence of them, from reset, for sequential circuits)
    /// on which the circuits differ, replayed by simulation before it is returned.
    case notEquivalent(Counterexample)
    /// No answer: a conflict or time limit was reached, or a bounded check found no difference.
    case undecided(reason: String)
}

/// Inputs on which two circuits differ.
public struct Counterexample: Sendable, Hashable {
    /// Input values in the first circuit's input order, one array per clock
    /// step from reset (a single step for combinational circuits).
    public var inputs: [[Bool]]
    /// The first circuit's output that differs, by index.
    public var output: Int
    /// That output's name in the first circuit, if it has one.
    public var outputName: String?
    /// The step at which the outputs first differ (0 for combinational circuits).
    public var step: Int
    /// The value of the output in the first circuit (the second has the complement).
    public var valueInFirst: Bool

    public init(inputs: [[Bool]], output: Int, outputName: String?, step: Int, valueInFirst: Bool) {
        self.inputs = inputs
        self.output = output
        self.outputName = outputName
        self.step = step
        self.valueInFirst = valueInFirst
    }
}

/// Circuits that cannot be compared: their interfaces do not match.
public struct EquivalenceError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
