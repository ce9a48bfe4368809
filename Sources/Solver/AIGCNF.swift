import Circuits

/// Incremental Tseitin encoding of an AIG into a `SATSolver`.
///
/// Only the cones that queries touch are encoded, each AND once with its
/// three clauses; inputs and latches become free variables, the constant a
/// variable fixed to false. The graph may grow after creation
/// (`appendLeaf()`, `appendAnd(_:_:)`), so a pass can encode the circuit it
/// is building while it builds it.
public struct AIGCNF: Sendable {
    /// Fanins per AIG variable; leaves (constant, inputs, latches) hold `leafMark`.
    private var fanin0: [Literal]
    private var fanin1: [Literal]
    /// SAT variable of each AIG variable, 0 while not encoded.
    private var satVariables: [Int32]
    /// The explicit stack of the iterative cone walk, kept to avoid reallocation.
    private var stack: [Int32] = []
    /// AIG variables with a SAT variable, for `forgetEncoding()`.
    private var encoded: [Int32] = []

    private static let leafMark = Literal(raw: .max)

    /// An encoder for the graph of `aig` (inputs, latches and ANDs; roots are not needed).
    public init(_ aig: AIG) {
        let leaves = 1 + aig.inputCount + aig.latchCount
        fanin0 = [Literal](repeating: Self.leafMark, count: leaves) + aig.fanin0
        fanin1 = [Literal](repeating: Self.leafMark, count: leaves) + aig.fanin1
        satVariables = [Int32](repeating: 0, count: aig.variableCount)
    }

    /// An encoder for a graph that holds only the constant (variable 0) so far.
    public init() {
        fanin0 = [Self.leafMark]
        fanin1 = [Self.leafMark]
        satVariables = [0]
    }

    /// Number of AIG variables in the graph, including the constant.
    public var variableCount: Int { satVariables.count }

    /// Adds a free variable (an input or latch) as the next AIG variable; returns its positive literal.
    @discardableResult
    public mutating func appendLeaf() -> Literal {
        append(Self.leafMark, Self.leafMark)
    }

    /// Adds `a ∧ b` as the next AIG variable; returns its positive literal.
    /// The fanins must be earlier variables.
    @discardableResult
    public mutating func appendAnd(_ a: Literal, _ b: Literal) -> Literal {
        precondition(a.variable < variableCount && b.variable < variableCount, "fanins of an appended AND must exist")
        return append(a, b)
    }

    private mutating func append(_ a: Literal, _ b: Literal) -> Literal {
        fanin0.append(a)
        fanin1.append(b)
        satVariables.append(0)
        return Literal(variable: satVariables.count - 1)
    }

    /// Forgets every SAT variable, to encode into a fresh solver: solvers
    /// that grow with every query slow down (each decision walks all
    /// variables), so sweeping recycles them.
    public mutating func forgetEncoding() {
        for v in encoded { satVariables[Int(v)] = 0 }
        encoded.removeAll(keepingCapacity: true)
    }

    /// Number of AIG variables currently encoded.
    public var encodedCount: Int { encoded.count }

    /// The SAT variable of AIG variable `variable`, or nil when its cone was never encoded.
    public func satVariable(of variable: Int) -> Int32? {
        let s = satVariables[variable]
        return s == 0 ? nil : s
    }

    /// The SAT literal equal to `aigLiteral`, encoding its cone first where needed.
    public mutating func literal(for aigLiteral: Literal, in solver: SATSolver) -> Int32 {
        let root = aigLiteral.variable
        precondition(root < variableCount, "literal \(aigLiteral) is not in the graph")
        if satVariables[root] == 0 { encodeCone(of: root, in: solver) }
        let s = satVariables[root]
        return aigLiteral.isComplemented ? -s : s
    }

    /// Encodes every not yet encoded variable of the cone of `root`, fanins
    /// before fanouts, with an explicit stack (cones can be 100K deep).
    private mutating func encodeCone(of root: Int, in solver: SATSolver) {
        stack.append(Int32(root))
        while let top = stack.last {
            let v = Int(top)
            if satVariables[v] != 0 { stack.removeLast(); continue }
            let a = fanin0[v], b = fanin1[v]
            if a == Self.leafMark {
                let s = solver.newVariable()
                satVariables[v] = s
                encoded.append(Int32(v))
                if v == 0 { solver.addClause(-s) }
                stack.removeLast()
                continue
            }
            let va = a.variable, vb = b.variable
            var ready = true
            if satVariables[va] == 0 { stack.append(Int32(va)); ready = false }
            if satVariables[vb] == 0 { stack.append(Int32(vb)); ready = false }
            if !ready { continue }
            stack.removeLast()
            let sa = a.isComplemented ? -satVariables[va] : satVariables[va]
            let sb = b.isComplemented ? -satVariables[vb] : satVariables[vb]
            let s = solver.newVariable()
            satVariables[v] = s
            encoded.append(Int32(v))
            solver.addClause(-s, sa)
            solver.addClause(-s, sb)
            solver.addClause(s, -sa, -sb)
        }
    }
}
