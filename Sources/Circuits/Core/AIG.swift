/// An And-Inverter Graph in the AIGER variable order.
///
/// Variable 0 is the constant; variables `1...I` are the primary inputs,
/// `I+1...I+L` the latches and `I+L+1...I+L+A` the AND nodes, in topological
/// order (each AND's fanins have smaller variables). Storage is
/// struct-of-arrays: AND `k` (variable `firstAndVariable + k`) has fanins
/// `fanin0[k]` and `fanin1[k]`.
///
/// Besides outputs, an AIGER 1.9 file may carry bad-state, invariant
/// constraint, justice and fairness properties; they are kept so that reading
/// then writing a file is lossless.
public struct AIG: Sendable, Hashable {
    /// Number of primary inputs.
    public private(set) var inputCount: Int
    /// Latches in order; latch `j` is variable `inputCount + 1 + j`.
    public var latches: [Latch]
    /// First fanin of each AND node.
    public private(set) var fanin0: [Literal]
    /// Second fanin of each AND node.
    public private(set) var fanin1: [Literal]
    /// Primary outputs.
    public var outputs: [Literal]
    /// Bad-state properties (AIGER 1.9 `B`).
    public var bad: [Literal]
    /// Invariant constraints (AIGER 1.9 `C`).
    public var constraints: [Literal]
    /// Justice properties (AIGER 1.9 `J`), each a set of literals.
    public var justice: [[Literal]]
    /// Fairness constraints (AIGER 1.9 `F`).
    public var fairness: [Literal]
    /// Optional names of inputs, latches, outputs and properties.
    public var names: SymbolTable
    /// Free-form comment lines (the AIGER comment section).
    public var comments: [String]

    /// Creates an AIG after checking every structural invariant.
    ///
    /// - Throws: `AIGError` when a literal is out of range or an AND refers to
    ///   a variable that is not defined before it.
    public init(
        inputCount: Int,
        latches: [Latch] = [],
        fanin0: [Literal],
        fanin1: [Literal],
        outputs: [Literal],
        bad: [Literal] = [],
        constraints: [Literal] = [],
        justice: [[Literal]] = [],
        fairness: [Literal] = [],
        names: SymbolTable = SymbolTable(),
        comments: [String] = []
    ) throws(AIGError) {
        self.init(
            unchecked: inputCount, latches: latches, fanin0: fanin0, fanin1: fanin1,
            outputs: outputs, bad: bad, constraints: constraints, justice: justice,
            fairness: fairness, names: names, comments: comments)
        try validate()
    }

    /// Creates an AIG without validation; for producers that guarantee the invariants.
    init(
        unchecked inputCount: Int,
        latches: [Latch],
        fanin0: [Literal],
        fanin1: [Literal],
        outputs: [Literal],
        bad: [Literal] = [],
        constraints: [Literal] = [],
        justice: [[Literal]] = [],
        fairness: [Literal] = [],
        names: SymbolTable = SymbolTable(),
        comments: [String] = []
    ) {
        self.inputCount = inputCount
        self.latches = latches
        self.fanin0 = fanin0
        self.fanin1 = fanin1
        self.outputs = outputs
        self.bad = bad
        self.constraints = constraints
        self.justice = justice
        self.fairness = fairness
        self.names = names
        self.comments = comments
    }

    /// An AIG with inputs only and no logic.
    public init(inputCount: Int) {
        self.init(unchecked: inputCount, latches: [], fanin0: [], fanin1: [], outputs: [])
    }
}

// MARK: - Counts and numbering

extension AIG {
    @inlinable public var latchCount: Int { latches.count }
    @inlinable public var andCount: Int { fanin0.count }
    @inlinable public var outputCount: Int { outputs.count }
    /// The largest variable index, `M = I + L + A` in the AIGER header.
    @inlinable public var maxVariable: Int { inputCount + latchCount + andCount }
    /// Number of variables including the constant (`M + 1`).
    @inlinable public var variableCount: Int { maxVariable + 1 }
    /// Variable of the first latch.
    @inlinable public var firstLatchVariable: Int { inputCount + 1 }
    /// Variable of the first AND node.
    @inlinable public var firstAndVariable: Int { inputCount + latchCount + 1 }
    /// Whether the circuit has state.
    @inlinable public var isSequential: Bool { !latches.isEmpty }

    /// The positive literal of primary input `index`.
    @inlinable public func inputLiteral(_ index: Int) -> Literal { Literal(variable: 1 + index) }
    /// The positive literal of latch `index`.
    @inlinable public func latchLiteral(_ index: Int) -> Literal { Literal(variable: firstLatchVariable + index) }
    /// The positive literal of AND node `index`.
    @inlinable public func andLiteral(_ index: Int) -> Literal { Literal(variable: firstAndVariable + index) }

    /// What a variable is.
    public enum Node: Hashable, Sendable {
        case constant
        case input(Int)
        case latch(Int)
        case and(Int)
    }

    /// Classifies variable `v` (which must be at most `maxVariable`).
    public func node(ofVariable v: Int) -> Node {
        precondition(v >= 0 && v <= maxVariable, "variable \(v) out of range 0...\(maxVariable)")
        if v == 0 { return .constant }
        if v < firstLatchVariable { return .input(v - 1) }
        if v < firstAndVariable { return .latch(v - firstLatchVariable) }
        return .and(v - firstAndVariable)
    }

    /// The two fanins of the AND node at variable `v`.
    @inlinable public func fanins(ofVariable v: Int) -> (Literal, Literal) {
        let k = v - firstAndVariable
        return (fanin0[k], fanin1[k])
    }
}

// MARK: - Validation

extension AIG {
    /// Checks ranges and topological order.
    public func validate() throws(AIGError) {
        let m = UInt32(maxVariable)
        func check(_ lit: Literal, _ what: @autoclosure () -> String) throws(AIGError) {
            if lit.raw >> 1 > m {
                throw AIGError.invalid("\(what()) uses literal \(lit.raw) beyond the largest variable \(m)")
            }
        }
        guard inputCount >= 0 else { throw .invalid("negative input count") }
        guard fanin0.count == fanin1.count else { throw .invalid("fanin arrays differ in length") }
        let first = firstAndVariable
        for k in 0..<andCount {
            let v = UInt32(first + k)
            if fanin0[k].raw >> 1 >= v || fanin1[k].raw >> 1 >= v {
                throw .invalid("AND \(2 * v) uses a fanin that is not defined before it (\(fanin0[k]), \(fanin1[k]))")
            }
        }
        for (j, latch) in latches.enumerated() { try check(latch.next, "latch \(j) next state") }
        for (j, lit) in outputs.enumerated() { try check(lit, "output \(j)") }
        for (j, lit) in bad.enumerated() { try check(lit, "bad property \(j)") }
        for (j, lit) in constraints.enumerated() { try check(lit, "constraint \(j)") }
        for (j, lits) in justice.enumerated() { for lit in lits { try check(lit, "justice property \(j)") } }
        for (j, lit) in fairness.enumerated() { try check(lit, "fairness constraint \(j)") }
        try names.validate(inputs: inputCount, latches: latchCount, outputs: outputCount,
                           bad: bad.count, constraints: constraints.count,
                           justice: justice.count, fairness: fairness.count)
    }
}

/// A structural error in an AIG.
public enum AIGError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let message): return "invalid AIG: \(message)"
        }
    }
}
