import Circuits

/// How `cubeSearch` searches (mockturtle's `params`).
public struct CubeSearchParams: Sendable {
    /// Most cubes simulated before the search answers `unknown` (64 per simulation pass).
    public var maxCubes: Int
    /// When the search stops with `unknown` whatever the budget left.
    public var deadline: ContinuousClock.Instant?
    /// Whether to keep the refutation's DRAT lemmas (`CubeSearchOutcome.refuted`'s proof); off, a
    /// refutation is only answered.
    public var recordProof: Bool

    public init(maxCubes: Int = 1 << 20, deadline: ContinuousClock.Instant? = nil, recordProof: Bool = false) {
        self.maxCubes = maxCubes
        self.deadline = deadline
        self.recordProof = recordProof
    }
}

/// What `cubeSearch` cost.
public struct CubeSearchStats: Sendable, Hashable, Codable {
    /// Simulation passes (each settles up to 64 cubes).
    public var passes = 0
    /// Cubes simulated.
    public var cubes = 0
    /// Cubes on which the root simulated to 0: the leaves of the refutation.
    public var refutedCubes = 0
    /// Deepest cube: how many free inputs it assigned.
    public var maxDepth = 0
    /// ANDs in the root's cone, and those of them that read a free input (simulated per pass).
    public var coneAnds = 0
    public var freeConeAnds = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case passes, cubes, refutedCubes = "refuted_cubes", maxDepth = "max_depth", coneAnds = "cone_ands"
        case freeConeAnds = "free_cone_ands"
    }
}

/// The answer of `cubeSearch`.
public enum CubeSearchOutcome: Sendable {
    /// No assignment of the free inputs makes the root 1. With `recordProof`, `proof` is a DRAT refutation of
    /// `CubeQuestion.cnf()`: one RUP lemma per refuted cube and per merge of two sibling cubes, ending with the
    /// empty clause.
    case refuted(proof: DRATProof?)
    /// The root is 1 on these input values (free inputs the search never assigned read 0).
    case satisfied(inputs: [Bool])
    /// The budget or the deadline came first.
    case unknown
}

/// Decides whether a combinational AIG's `root` can be 1 when some inputs hold given values and the others
/// (`order`) are free: cube-and-conquer with three-valued simulation. A cube assigns a prefix of `order`;
/// simulating it with the rest unknown (X) settles the root for every completion at once when the root comes
/// out 0 (refuted) or 1 (a witness); otherwise the next free inputs split it, 64 children per bit-parallel
/// pass. The root 0 under three-valued simulation is exactly what unit propagation derives forward through
/// the Tseitin clauses, so each refuted cube is a RUP lemma, and sibling lemmas resolve to their parent's:
/// a refutation is a DRAT proof that standard checkers (drat-trim, `DRATChecker`) accept.
///
/// Unlike CDCL on the adder trees of popcounts and comparators, the search never has to learn arithmetic:
/// it is exhaustive where it must be and stops as soon as the fixed bits decide the root.
public func cubeSearch(_ question: CubeQuestion, params: CubeSearchParams = CubeSearchParams()) -> (CubeSearchOutcome, CubeSearchStats) {
    var engine = CubeEngine(question)
    return engine.run(params)
}

/// What `cubeSearch` decides: `root` of `aig` with `values[i]` fixing input `i` (nil: free), the free inputs
/// split in `order`. The root's cone is computed once per question circuit: `with(values:order:)` asks the
/// same circuit under other fixed inputs without recomputing it.
public struct CubeQuestion: Sendable {
    public let aig: AIG
    public let root: Literal
    public let values: [Bool?]
    public let order: [Int]
    /// The root's transitive fanin (what is simulated, and what the formula encodes).
    public let cone: Cone

    public enum QuestionError: Error, CustomStringConvertible {
        case sequential, valueCount(Int, expected: Int), orderNotFree(Int), freeInputNotOrdered(Int)
        public var description: String {
            switch self {
            case .sequential: return "cube search needs a combinational circuit (it has latches)"
            case .valueCount(let n, let expected): return "\(n) input values for \(expected) inputs"
            case .orderNotFree(let i): return "input \(i) is in the split order but has a fixed value (or is listed twice, or does not exist)"
            case .freeInputNotOrdered(let i): return "free input \(i) is in the root's cone but not in the split order"
            }
        }
    }

    /// A question; every free input of the root's cone must appear once in `order` (nil: every free input,
    /// ascending).
    public init(aig: AIG, root: Literal, values: [Bool?], order: [Int]? = nil) throws(QuestionError) {
        guard !aig.isSequential else { throw .sequential }
        precondition(root.variable <= aig.maxVariable, "root \(root) is not in the AIG")
        try self.init(aig: aig, root: root, cone: aig.transitiveFanin(of: [root]), values: values, order: order)
    }

    /// The same circuit and root with other fixed inputs and split order (see `init`).
    public func with(values: [Bool?], order: [Int]? = nil) throws(QuestionError) -> CubeQuestion {
        try CubeQuestion(aig: aig, root: root, cone: cone, values: values, order: order)
    }

    private init(aig: AIG, root: Literal, cone: Cone, values: [Bool?], order: [Int]?) throws(QuestionError) {
        guard values.count == aig.inputCount else { throw .valueCount(values.count, expected: aig.inputCount) }
        let order = order ?? values.indices.filter { values[$0] == nil }
        var listed = [Bool](repeating: false, count: aig.inputCount)
        for i in order {
            guard i >= 0, i < aig.inputCount, values[i] == nil, !listed[i] else { throw .orderNotFree(i) }
            listed[i] = true
        }
        for i in cone.support.inputs where values[i] == nil && !listed[i] { throw .freeInputNotOrdered(i) }
        self.aig = aig
        self.root = root
        self.cone = cone
        self.values = values
        self.order = order
    }

    /// The DIMACS variable of AIG variable `v` (variable 1 is the constant false).
    @inlinable public static func dimacsVariable(_ v: Int) -> Int32 { Int32(v + 1) }

    /// The DIMACS literal of AIG literal `l`.
    @inlinable public static func dimacsLiteral(_ l: Literal) -> Int32 {
        l.isComplemented ? -dimacsVariable(l.variable) : dimacsVariable(l.variable)
    }

    /// The formula a refutation refutes: the Tseitin clauses of the root's cone (three per AND), the constant
    /// false, the fixed inputs as units, and the root as a unit. DIMACS variable v + 1 is AIG variable v.
    public func cnf() -> CNF {
        var cnf = CNF(variableCount: aig.variableCount)
        let cone = self.cone.variables
        cnf.add([-Self.dimacsVariable(0)])
        for (i, value) in values.enumerated() {
            guard let value, cone.contains(1 + i) else { continue }
            let d = Self.dimacsVariable(1 + i)
            cnf.add([value ? d : -d])
        }
        let first = aig.firstAndVariable
        for v in cone where v >= first {
            let (a, b) = aig.fanins(ofVariable: v)
            let s = Self.dimacsVariable(v), sa = Self.dimacsLiteral(a), sb = Self.dimacsLiteral(b)
            cnf.add([-s, sa])
            cnf.add([-s, sb])
            cnf.add([s, -sa, -sb])
        }
        cnf.add([Self.dimacsLiteral(root)])
        return cnf
    }
}

/// The simulation state of one `cubeSearch`: two bit planes per variable (lanes known 1, lanes known 0).
private struct CubeEngine {
    let question: CubeQuestion
    /// ANDs of the root's cone that read a free input, in topological order, as (variable, fanin, fanin).
    var freeAnds: [(Int32, UInt32, UInt32)] = []
    var ones: [UInt64]
    var zeros: [UInt64]
    let words: Int
    var stats = CubeSearchStats()

    init(_ question: CubeQuestion) {
        self.question = question
        let aig = question.aig
        let n = aig.variableCount
        ones = [UInt64](repeating: 0, count: n)
        zeros = [UInt64](repeating: 0, count: n)
        words = max(1, (question.order.count + 63) / 64)
        zeros[0] = ~0
        for (i, value) in question.values.enumerated() {
            if let value { if value { ones[1 + i] = ~0 } else { zeros[1 + i] = ~0 } }
        }
        var free = [Bool](repeating: false, count: n)
        for i in question.order { free[1 + i] = true }
        let cone = question.cone.variables
        let first = aig.firstAndVariable
        for v in cone where v >= first {
            stats.coneAnds += 1
            let (a, b) = aig.fanins(ofVariable: v)
            if free[a.variable] || free[b.variable] {
                free[v] = true
                freeAnds.append((Int32(v), a.raw, b.raw))
            } else {
                // Settled once: it reads no free input.
                Self.evaluate(v, a.raw, b.raw, &ones, &zeros)
            }
        }
        stats.freeConeAnds = freeAnds.count
    }

    @inline(__always)
    static func evaluate(_ v: Int, _ a: UInt32, _ b: UInt32, _ ones: inout [UInt64], _ zeros: inout [UInt64]) {
        let va = Int(a >> 1), vb = Int(b >> 1)
        let oa = a & 1 == 0 ? ones[va] : zeros[va], za = a & 1 == 0 ? zeros[va] : ones[va]
        let ob = b & 1 == 0 ? ones[vb] : zeros[vb], zb = b & 1 == 0 ? zeros[vb] : ones[vb]
        ones[v] = oa & ob
        zeros[v] = za | zb
    }

    /// Lane masks: lane `l` gives the j-th of `s` split inputs bit (s − 1 − j) of `l`, so lanes run in
    /// lexicographic order of the children (the first split input most significant).
    static let laneBits: [UInt64] = [
        0xAAAA_AAAA_AAAA_AAAA, 0xCCCC_CCCC_CCCC_CCCC, 0xF0F0_F0F0_F0F0_F0F0,
        0xFF00_FF00_FF00_FF00, 0xFFFF_0000_FFFF_0000, 0xFFFF_FFFF_0000_0000,
    ]

    /// Simulates the children of `prefix` (its first `depth` order inputs assigned) over the next `s` inputs;
    /// returns the lanes where the root is known 1 and known 0.
    mutating func simulate(prefix: ArraySlice<UInt64>, depth: Int, split s: Int) -> (one: UInt64, zero: UInt64) {
        let order = question.order
        let base = prefix.startIndex
        for (j, i) in order.enumerated() {
            let v = 1 + i
            if j < depth {
                let bit = prefix[base + j >> 6] >> UInt64(j & 63) & 1 == 1
                ones[v] = bit ? ~0 : 0
                zeros[v] = bit ? 0 : ~0
            } else if j < depth + s {
                let mask = Self.laneBits[s - 1 - (j - depth)]
                ones[v] = mask
                zeros[v] = ~mask
            } else {
                ones[v] = 0
                zeros[v] = 0
            }
        }
        ones.withUnsafeMutableBufferPointer { ones in
            zeros.withUnsafeMutableBufferPointer { zeros in
                freeAnds.withUnsafeBufferPointer { ands in
                    for (v, a, b) in ands {
                        let va = Int(a >> 1), vb = Int(b >> 1)
                        let ca = UInt64(0) &- UInt64(a & 1), cb = UInt64(0) &- UInt64(b & 1)
                        // A complemented fanin swaps its planes: ones ↔ zeros.
                        let oa = ones[va] & ~ca | zeros[va] & ca, za = zeros[va] & ~ca | ones[va] & ca
                        let ob = ones[vb] & ~cb | zeros[vb] & cb, zb = zeros[vb] & ~cb | ones[vb] & cb
                        ones[Int(v)] = oa & ob
                        zeros[Int(v)] = za | zb
                    }
                }
            }
        }
        let root = question.root
        let lanes: UInt64 = s == 6 ? ~0 : (1 << UInt64(1 << s)) - 1
        let o = root.isComplemented ? zeros[root.variable] : ones[root.variable]
        let z = root.isComplemented ? ones[root.variable] : zeros[root.variable]
        stats.passes += 1
        stats.cubes += 1 << s
        return (o & lanes, z & lanes)
    }

    mutating func run(_ params: CubeSearchParams) -> (CubeSearchOutcome, CubeSearchStats) {
        let n = question.order.count
        var proof = params.recordProof ? DRATProof() : nil
        var merger = RefutationMerger(order: question.order, words: words)
        // The root cube first: with nothing split it may already be settled.
        let root = simulate(prefix: [UInt64](repeating: 0, count: words)[...], depth: 0, split: 0)
        if root.zero != 0 {
            stats.refutedCubes = 1
            proof?.add([])
            return (.refuted(proof: proof), stats)
        }
        if root.one != 0 { return (.satisfied(inputs: inputValues(prefix: [UInt64](repeating: 0, count: words)[...], depth: 0)), stats) }
        precondition(n > 0, "the root reads an input that is neither fixed nor free")
        // Depth-first over cubes in lexicographic order: the stack holds (depth, refuted) with the prefix words
        // in `prefixes`; children are pushed in reverse so that the first pops first, which hands the refuted
        // cubes to the merger in the order it needs.
        var depths: [Int32] = [0]
        var refutedMarks: [Bool] = [false]
        var prefixes = [UInt64](repeating: 0, count: words)
        while let depth = depths.popLast() {
            let refuted = refutedMarks.removeLast()
            let prefix = Array(prefixes.suffix(words))
            prefixes.removeLast(words)
            let d = Int(depth)
            if refuted {
                stats.refutedCubes += 1
                if proof != nil { merger.add(depth: d, prefix: prefix, into: &proof!) }
                continue
            }
            if stats.cubes >= params.maxCubes { return (.unknown, stats) }
            if let deadline = params.deadline, stats.passes & 15 == 0, ContinuousClock.now >= deadline { return (.unknown, stats) }
            let s = min(6, n - d)
            let (one, zero) = simulate(prefix: prefix[...], depth: d, split: s)
            if one != 0 {
                let child = Self.child(prefix, depth: d, split: s, lane: one.trailingZeroBitCount)
                return (.satisfied(inputs: inputValues(prefix: child[...], depth: d + s)), stats)
            }
            stats.maxDepth = max(stats.maxDepth, d + s)
            for lane in stride(from: (1 << s) - 1, through: 0, by: -1) {
                let isRefuted = zero >> UInt64(lane) & 1 == 1
                precondition(isRefuted || d + s < n, "every free input is assigned but the root is still unknown")
                depths.append(Int32(d + s))
                refutedMarks.append(isRefuted)
                prefixes.append(contentsOf: Self.child(prefix, depth: d, split: s, lane: lane))
            }
        }
        return (.refuted(proof: proof), stats)
    }

    /// The prefix of child `lane` of a cube at `depth` split over `s` inputs (see `laneBits`).
    static func child(_ prefix: [UInt64], depth d: Int, split s: Int, lane: Int) -> [UInt64] {
        var child = prefix
        for j in 0..<s where lane >> (s - 1 - j) & 1 == 1 { child[(d + j) >> 6] |= 1 << UInt64((d + j) & 63) }
        return child
    }

    /// Every input's value: fixed ones as given, the prefix's as assigned, the rest 0.
    func inputValues(prefix: ArraySlice<UInt64>, depth: Int) -> [Bool] {
        var values = question.values.map { $0 ?? false }
        let base = prefix.startIndex
        for (j, i) in question.order.prefix(depth).enumerated() { values[i] = prefix[base + j >> 6] >> UInt64(j & 63) & 1 == 1 }
        return values
    }
}
