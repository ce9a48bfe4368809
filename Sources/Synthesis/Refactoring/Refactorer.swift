import Circuits

/// The state of one refactoring pass over an `EditableAIG`; scratch
/// buffers are reused from node to node.
struct Refactorer {
    var graph: EditableAIG
    let options: RefactorOptions
    private var leaves: [Int] = []
    private var cone: [Int] = []
    /// Truth tables of the cone, `words` per node, indexed by position in `slotOf`.
    private var tables: [UInt64] = []
    private var slotOf: [Int32]
    private var isop: ISOP
    private var rootTable: [UInt64] = []
    private var best = SmallAIG(leafCount: 0), form = SmallAIG(leafCount: 0)
    private var cubes: [Cube] = []
    private var leafLiterals: [UInt32] = []
    private var images: [UInt32] = []
    /// Covers larger than this are not factored (their forms would not pay).
    static let cubeLimit = 64

    init(_ aig: AIG, options: RefactorOptions) {
        precondition((2...16).contains(options.maxLeaves), "maxLeaves must be 2...16")
        graph = EditableAIG(aig)
        self.options = options
        slotOf = [Int32](repeating: -1, count: aig.variableCount)
        isop = ISOP(maxVariables: options.maxLeaves)
        isop.cubeLimit = Self.cubeLimit
    }

    mutating func run() {
        defer { isop.deallocate() }
        let end = graph.firstAnd + graph.source.andCount
        for v in graph.firstAnd..<end where graph.isCurrent(v) {
            refactor(v)
        }
    }

    private mutating func refactor(_ v: Int) {
        let visitMark = graph.newMark()
        graph.reconvergentCut(of: v, maxLeaves: options.maxLeaves, visitMark: visitMark, leaves: &leaves, cone: &cone)
        let n = leaves.count
        guard n >= 2, cone.count >= 2 || options.zeroCost else { return }
        let words = n <= 6 ? 1 : 1 << (n - 6)
        computeTruthTables(words: words)
        let rootSlot = Int(slotOf[v])
        let leafMark = graph.newMark()
        for leaf in leaves { graph.marks[leaf] = leafMark }
        let coneMark = graph.newMark()
        let saved = graph.derefCone(v, leafMark: leafMark, coneMark: coneMark)
        var best = self.best, form = self.form, cubes = self.cubes
        var found = false
        var bestGain = options.zeroCost ? -1 : 0
        leafLiterals.removeAll(keepingCapacity: true)
        for leaf in leaves { leafLiterals.append(UInt32(leaf) << 1) }
        var rootTable = self.rootTable
        rootTable.removeAll(keepingCapacity: true)
        rootTable.append(contentsOf: tables[(rootSlot * words)..<((rootSlot + 1) * words)])
        rootTable.withUnsafeMutableBufferPointer { buffer in
            let root = buffer.baseAddress!
            for negated in [false, true] {
                if negated { for w in 0..<words { root[w] = ~root[w] } }
                isop.cover(of: root, variableCount: n)
                if isop.exceededLimit { continue }
                form.reset(leafCount: n)
                cubes.removeAll(keepingCapacity: true)
                cubes.append(contentsOf: isop.cubes)
                form.output = cubes.withUnsafeMutableBufferPointer { SOPFactoring.build($0, into: &form) } ^ (negated ? 1 : 0)
                if images.count < form.nodeCount { images = [UInt32](repeating: 0, count: 2 * form.nodeCount) }
                let added = leafLiterals.withUnsafeBufferPointer { leafBuffer in
                    images.withUnsafeMutableBufferPointer { imageBuffer in
                        graph.addedNodes(building: form, leaves: leafBuffer.baseAddress!, root: v, coneMark: coneMark,
                                         limit: saved - bestGain - 1, images: imageBuffer.baseAddress!)
                    }
                }
                if let added, saved - added > bestGain {
                    bestGain = saved - added
                    swap(&best, &form)
                    found = true
                }
            }
        }
        self.rootTable = rootTable
        defer { self.best = best; self.form = form; self.cubes = cubes }
        graph.restoreCone(v, leafMark: leafMark)
        for node in cone { slotOf[node] = -1 }
        for leaf in leaves { slotOf[leaf] = -1 }
        guard found else { return }
        let output = leafLiterals.withUnsafeBufferPointer { graph.build(best, leaves: $0.baseAddress!) }
        if Int(output >> 1) != v { graph.replace(v, with: output) }
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
