/// Builds AIGs with structural hashing: an AND of the same two fanins is
/// never created twice, and the trivial rules (`x∧x = x`, `x∧¬x = 0`,
/// `x∧0 = 0`, `x∧1 = x`) are applied before anything is created.
///
/// Nodes are numbered in creation order. `build()` renumbers them into the
/// AIGER order (inputs, latches, ANDs); when every input and latch is created
/// before the first AND (the usual case) that renumbering is the identity, so
/// builder literals are the literals of the built AIG.
public struct AIGBuilder: Sendable {
    private enum Kind: UInt8 { case constant, input, latch, and }

    private var kinds: [Kind] = [.constant]
    /// For inputs and latches: their index among inputs or latches; unused for ANDs.
    private var ordinals: [UInt32] = [0]
    private var fanin0: [Literal] = [.false]
    private var fanin1: [Literal] = [.false]
    private var table: StructuralHashTable
    private var inputVariables: [Int] = []
    private var latchVariables: [Int] = []
    private var latchNext: [Literal?] = []
    private var latchResets: [LatchReset] = []
    private var outputs: [Literal] = []
    private var names = SymbolTable()
    private var andNodes = 0

    /// Comment lines to carry into the built AIG.
    public var comments: [String] = []

    /// Whether `and` reuses an existing node for the same pair of fanins.
    public let structuralHashing: Bool

    /// Creates an empty builder; `expectedAnds` pre-sizes the hash table.
    /// With `structuralHashing: false` every `and` that the trivial rules do
    /// not settle makes a new node: the circuit as written, before hashing.
    public init(expectedAnds: Int = 1024, structuralHashing: Bool = true) {
        table = StructuralHashTable(minimumCapacity: structuralHashing ? expectedAnds : 0)
        self.structuralHashing = structuralHashing
    }

    /// Number of AND nodes created so far.
    public var andCount: Int { andNodes }
    public var inputCount: Int { inputVariables.count }
    public var latchCount: Int { latchVariables.count }
    public var outputCount: Int { outputs.count }

    // MARK: Interface

    /// Adds a primary input and returns its positive literal.
    @discardableResult
    public mutating func addInput(name: String? = nil) -> Literal {
        let v = appendNode(.input, ordinal: inputVariables.count)
        inputVariables.append(v)
        if name != nil { names.setInput(inputVariables.count - 1, name, count: inputVariables.count) }
        return Literal(variable: v)
    }

    /// Adds `count` inputs, named `prefix[i]` when a prefix is given.
    public mutating func addInputs(_ count: Int, prefix: String? = nil) -> [Literal] {
        (0..<count).map { i in addInput(name: prefix.map { "\($0)[\(i)]" }) }
    }

    /// Adds a latch whose next-state function is set later with `setNext(of:to:)`.
    @discardableResult
    public mutating func addLatch(reset: LatchReset = .zero, name: String? = nil) -> Literal {
        let v = appendNode(.latch, ordinal: latchVariables.count)
        latchVariables.append(v)
        latchNext.append(nil)
        latchResets.append(reset)
        if name != nil { names.setLatch(latchVariables.count - 1, name, count: latchVariables.count) }
        return Literal(variable: v)
    }

    /// Sets the next-state function of the latch whose literal is `latch`.
    public mutating func setNext(of latch: Literal, to next: Literal) {
        precondition(!latch.isComplemented && kinds[latch.variable] == .latch, "\(latch) is not a latch literal")
        latchNext[Int(ordinals[latch.variable])] = next
    }

    /// Adds a primary output.
    public mutating func addOutput(_ literal: Literal, name: String? = nil) {
        precondition(literal.variable < kinds.count, "output literal \(literal) was not built here")
        outputs.append(literal)
        if name != nil { names.setOutput(outputs.count - 1, name, count: outputs.count) }
    }

    private mutating func appendNode(_ kind: Kind, ordinal: Int) -> Int {
        precondition(kinds.count < Int(UInt32.max >> 1), "AIG exceeds 2^31 variables")
        kinds.append(kind)
        ordinals.append(UInt32(ordinal))
        fanin0.append(.false)
        fanin1.append(.false)
        return kinds.count - 1
    }

    // MARK: AND with structural hashing

    /// `a ∧ b`, reusing an existing node when one computes the same pair.
    public mutating func and(_ a: Literal, _ b: Literal) -> Literal {
        // Order the fanins so that equal pairs hash equal: larger literal first,
        // as AIGER's binary format stores them.
        var x = a, y = b
        if x.raw < y.raw { swap(&x, &y) }
        if y == .false { return .false }
        if y == .true { return x }
        if x == y { return x }
        if x.raw == y.raw ^ 1 { return .false }
        precondition(x.variable < kinds.count, "literal \(x) was not built here")
        let key = StructuralHashTable.key(x, y)
        if structuralHashing, let existing = table.find(key) { return Literal(raw: existing) }
        let v = appendNode(.and, ordinal: 0)
        fanin0[v] = x
        fanin1[v] = y
        andNodes += 1
        let literal = Literal(variable: v)
        if structuralHashing { table.insert(key, literal.raw) }
        return literal
    }

    /// The existing node for `a ∧ b` after the trivial rules, or nil when it
    /// would be new (always, without structural hashing, unless a trivial rule applies).
    public func lookupAnd(_ a: Literal, _ b: Literal) -> Literal? {
        var x = a, y = b
        if x.raw < y.raw { swap(&x, &y) }
        if y == .false { return .false }
        if y == .true || x == y { return x }
        if x.raw == y.raw ^ 1 { return .false }
        return structuralHashing ? table.find(StructuralHashTable.key(x, y)).map(Literal.init(raw:)) : nil
    }

    // MARK: Finishing

    /// The finished AIG and the map from builder variables to AIG variables.
    public func buildWithMap() -> (aig: AIG, variableMap: [Int]) {
        let inputs = inputVariables.count, latchTotal = latchVariables.count
        var map = [Int](repeating: 0, count: kinds.count)
        for (i, v) in inputVariables.enumerated() { map[v] = 1 + i }
        for (j, v) in latchVariables.enumerated() { map[v] = 1 + inputs + j }
        var nextAnd = 1 + inputs + latchTotal
        var f0 = [Literal](), f1 = [Literal]()
        f0.reserveCapacity(andNodes)
        f1.reserveCapacity(andNodes)
        func remap(_ l: Literal) -> Literal { Literal(variable: map[l.variable], complemented: l.isComplemented) }
        for v in 1..<kinds.count where kinds[v] == .and {
            map[v] = nextAnd
            nextAnd += 1
            let a = remap(fanin0[v]), b = remap(fanin1[v])
            f0.append(a.raw >= b.raw ? a : b)
            f1.append(a.raw >= b.raw ? b : a)
        }
        let latches = latchVariables.indices.map { j in
            Latch(next: remap(latchNext[j] ?? .false), reset: latchResets[j])
        }
        let aig = AIG(unchecked: inputs, latches: latches, fanin0: f0, fanin1: f1,
                      outputs: outputs.map(remap),
                      names: names.normalized(inputs: inputs, latches: latchTotal, outputs: outputs.count),
                      comments: comments)
        return (aig, map)
    }

    /// The finished AIG. Latches whose next state was never set hold 0.
    public func build() -> AIG { buildWithMap().aig }
}
