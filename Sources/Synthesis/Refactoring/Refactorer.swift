import Circuits

/// The state of one refactoring pass over an `EditableAIG`; scratch
/// buffers are reused from node to node.
struct Refactorer: GraphEditingPass {
    var graph: EditableAIG
    let options: RefactorOptions
    private var leaves: [Int] = []
    private var cone: [Int] = []
    /// Truth tables of the cone, `words` per node, indexed by position in `slotOf`.
    private var tables: [UInt64] = []
    private var slotOf: [Int32]
    private let isop: ISOP
    private var rootTable: [UInt64] = []
    private var form = SmallAIG(leafCount: 0), candidate = SmallAIG(leafCount: 0)
    private var cubes: [Cube] = []
    private var leafLiterals: [UInt32] = []
    private var images: [UInt32] = []
    /// With a care set: nodes are refactored over their input support, with
    /// the input combinations that never occur as don't-cares.
    var care: InputCareSets?
    private var careTable: [UInt64]?
    private var stack: [(Int, Bool)] = []
    /// Input cones with more ANDs than this are not refactored over their support.
    static let inputConeLimit = 4096
    /// Covers larger than this are not factored (their forms would not pay).
    static let cubeLimit = 1000

    init(_ aig: AIG, options: RefactorOptions) {
        precondition((2...16).contains(options.maxLeaves), "maxLeaves must be 2...16")
        graph = EditableAIG(aig)
        self.options = options
        slotOf = [Int32](repeating: -1, count: aig.variableCount)
        isop = ISOP(maxVariables: options.maxLeaves)
        isop.cubeLimit = Self.cubeLimit
    }

    mutating func run() {
        let end = graph.firstAnd + graph.source.andCount
        for v in graph.firstAnd..<end where graph.isCurrent(v) {
            if care != nil { refactorOverInputSupport(v) } else { refactor(v) }
        }
    }

    /// Tries `v`'s local cut (fanout-limited expansion), then, when that
    /// finds nothing and `wideCuts` is on (and `zeroCost` off), the cut
    /// grown without the limit.
    private mutating func refactor(_ v: Int) {
        if refactor(v, fanoutStop: 2) || !options.wideCuts || options.zeroCost { return }
        let localLeaves = leaves.count
        _ = refactor(v, fanoutStop: Int.max, unlessLeafCount: localLeaves)
    }

    /// Refactors `v` over its cut grown with `fanoutStop`; whether it was replaced.
    private mutating func refactor(_ v: Int, fanoutStop: Int, unlessLeafCount skip: Int = -1) -> Bool {
        let visitMark = graph.newMark()
        graph.reconvergentCut(of: v, maxLeaves: options.maxLeaves, fanoutStop: fanoutStop, visitMark: visitMark,
                              leaves: &leaves, cone: &cone)
        // The same number of leaves almost always means the same cut.
        guard leaves.count != skip else { return false }
        guard leaves.count >= 3, cone.count >= 3 else { return false }
        leafLiterals.removeAll(keepingCapacity: true)
        for leaf in leaves { leafLiterals.append(UInt32(leaf) << 1) }
        guard findCheaperForm(for: v) else { return false }
        let output = leafLiterals.withUnsafeBufferPointer { graph.build(form, leaves: $0.baseAddress!) }
        if Int(output >> 1) != v { graph.replace(v, with: output) }
        return true
    }

    /// Data-aware refactoring: `v`'s cut is its whole input support (when it
    /// has at most `maxLeaves` inputs), so the care set says which leaf
    /// combinations occur; the others are don't-cares for the new form.
    private mutating func refactorOverInputSupport(_ v: Int) {
        guard collectInputCone(of: v), leaves.count >= 2, cone.count >= 2 else { return }
        careTable = care!.table(forInputs: leaves.map { Int32($0 - 1) })
        defer { careTable = nil }
        guard careTable != nil else { return }
        leafLiterals.removeAll(keepingCapacity: true)
        for leaf in leaves { leafLiterals.append(UInt32(leaf) << 1) }
        guard findCheaperForm(for: v) else { return }
        let output = leafLiterals.withUnsafeBufferPointer { graph.build(form, leaves: $0.baseAddress!) }
        if Int(output >> 1) != v { graph.replace(v, with: output) }
    }

    /// The ANDs of `v`'s cone down to the primary inputs in topological order (in `cone`) and
    /// those inputs, sorted (in `leaves`); false when the support exceeds `maxLeaves` inputs or
    /// the cone reaches a latch or the constant.
    private mutating func collectInputCone(of v: Int) -> Bool {
        leaves.removeAll(keepingCapacity: true)
        cone.removeAll(keepingCapacity: true)
        let mark = graph.newMark()
        stack.removeAll(keepingCapacity: true)
        stack.append((v, false))
        graph.marks[v] = mark
        let inputs = graph.source.inputCount
        while let (node, expanded) = stack.popLast() {
            if expanded { cone.append(node); continue }
            if !graph.isAnd(node) {
                guard node >= 1 && node <= inputs else { return false }
                leaves.append(node)
                if leaves.count > options.maxLeaves { return false }
                continue
            }
            guard cone.count + stack.count < Self.inputConeLimit else { return false }
            stack.append((node, true))
            for fanin in [graph.resolvedFanin0(node), graph.resolvedFanin1(node)] {
                let u = Int(fanin >> 1)
                if graph.marks[u] != mark { graph.marks[u] = mark; stack.append((u, false)) }
            }
        }
        leaves.sort()
        return true
    }

    /// Whether the factored form of `v`'s cone function (left in `form`)
    /// adds fewer nodes than `v`'s fanout-free cone above the leaves frees
    /// (or as many, with `zeroCost`).
    private mutating func findCheaperForm(for v: Int) -> Bool {
        let leafMark = graph.newMark()
        for leaf in leaves { graph.marks[leaf] = leafMark }
        let coneMark = graph.newMark()
        let saved = graph.derefCone(v, leafMark: leafMark, coneMark: coneMark)
        defer { graph.restoreCone(v, leafMark: leafMark) }
        // A cone that frees one node pays only if its whole new form exists
        // already (or, at zero cost, all but its root): rare, and not worth the search.
        guard saved >= 2 else { return false }
        let n = leaves.count, words = n <= 6 ? 1 : 1 << (n - 6)
        computeTruthTables(words: words)
        let rootSlot = Int(slotOf[v])
        rootTable.removeAll(keepingCapacity: true)
        rootTable.append(contentsOf: tables[(rootSlot * words)..<((rootSlot + 1) * words)])
        for node in cone { slotOf[node] = -1 }
        for leaf in leaves { slotOf[leaf] = -1 }
        // Both the function's cover and its complement's are factored: the
        // one with more literals sometimes shares more with the graph.
        var limit = saved - (options.zeroCost ? 0 : 1)
        var found = false
        for phase in 0..<2 {
            let complement = phase == 1
            if complement { for w in 0..<words { rootTable[w] = ~rootTable[w] } }
            if let careTable {
                // f where the leaves' combination occurs, anything elsewhere.
                let lower = (0..<words).map { rootTable[$0] & careTable[$0] }
                let upper = (0..<words).map { rootTable[$0] | ~careTable[$0] }
                isop.cover(lower: lower, upper: upper, variableCount: n)
            } else {
                rootTable.withUnsafeBufferPointer { isop.cover(of: $0.baseAddress!, variableCount: n) }
            }
            guard !isop.exceededLimit else { continue }
            cubes.removeAll(keepingCapacity: true)
            cubes.append(contentsOf: isop.cubes)
            candidate.reset(leafCount: n)
            candidate.output = cubes.withUnsafeMutableBufferPointer { SOPFactoring.build($0, into: &candidate) } ^ (complement ? 1 : 0)
            if images.count < 2 * candidate.nodeCount { images = [UInt32](repeating: 0, count: 4 * candidate.nodeCount) }
            let added = leafLiterals.withUnsafeBufferPointer { leafBuffer in
                images.withUnsafeMutableBufferPointer { imageBuffer in
                    graph.addedNodes(building: candidate, leaves: leafBuffer.baseAddress!, root: v, coneMark: coneMark,
                                     limit: limit, images: imageBuffer.baseAddress!)
                }
            }
            if let (added, _) = added {
                swap(&form, &candidate)
                found = true
                limit = added - 1
            }
        }
        return found
    }

    /// Truth tables over the leaves for every node of the cone.
    private mutating func computeTruthTables(words: Int) {
        let needed = (leaves.count + cone.count) * words
        if tables.count < needed { tables = [UInt64](repeating: 0, count: 2 * needed) }
        if slotOf.count < graph.nodeCount {
            slotOf.append(contentsOf: repeatElement(-1, count: graph.nodeCount - slotOf.count))
        }
        let n = leaves.count
        tables.withUnsafeMutableBufferPointer { buffer in
            let t = buffer.baseAddress!
            for (i, leaf) in leaves.enumerated() {
                slotOf[leaf] = Int32(i)
                let row = t + i * words
                for w in 0..<words {
                    row[w] = i < 6 ? ISOP.variableMasks[i] : (w >> (i - 6) & 1 != 0 ? .max : 0)
                }
            }
            for (k, node) in cone.enumerated() {
                let s = n + k
                slotOf[node] = Int32(s)
                let a = graph.resolvedFanin0(node), b = graph.resolvedFanin1(node)
                let rowA = t + Int(slotOf[Int(a >> 1)]) * words, rowB = t + Int(slotOf[Int(b >> 1)]) * words
                let maskA: UInt64 = a & 1 != 0 ? .max : 0, maskB: UInt64 = b & 1 != 0 ? .max : 0
                let row = t + s * words
                for w in 0..<words { row[w] = (rowA[w] ^ maskA) & (rowB[w] ^ maskB) }
            }
        }
    }
}
