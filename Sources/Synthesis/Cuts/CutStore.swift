/// The 4-feasible cuts of the nodes of an `EditableAIG`, with their truth
/// tables, computed on demand: a node's cuts merge pairs of its (resolved)
/// fanins' cuts, drop dominated ones and keep at most `cutsPerNode`
/// (the trivial cut `{v}` first). Leaves are sorted node ids; leaf `i` is
/// variable `i` of the 16-bit truth table.
struct CutStore {
    let cutsPerNode: Int
    /// Cuts per node; -1 until computed.
    private(set) var counts: [Int8] = []
    private(set) var leaves: [UInt32] = []
    private(set) var sizes: [UInt8] = []
    private(set) var truths: [UInt16] = []
    private var signatures: [UInt64] = []

    init(cutsPerNode: Int) {
        precondition(cutsPerNode >= 2 && cutsPerNode <= 100)
        self.cutsPerNode = cutsPerNode
    }

    @inline(__always) func slot(_ v: Int, _ i: Int) -> Int { v * cutsPerNode + i }

    /// Leaf `j` of cut `i` of node `v`.
    @inline(__always) func leaf(_ v: Int, _ i: Int, _ j: Int) -> UInt32 { leaves[4 * slot(v, i) + j] }

    private mutating func reserve(_ nodeCount: Int) {
        let missing = nodeCount - counts.count
        guard missing > 0 else { return }
        counts.append(contentsOf: repeatElement(-1, count: missing))
        leaves.append(contentsOf: repeatElement(0, count: 4 * cutsPerNode * missing))
        sizes.append(contentsOf: repeatElement(0, count: cutsPerNode * missing))
        truths.append(contentsOf: repeatElement(0, count: cutsPerNode * missing))
        signatures.append(contentsOf: repeatElement(0, count: cutsPerNode * missing))
    }

    /// Throws away `v`'s cuts so that they are computed afresh.
    mutating func invalidate(_ v: Int) {
        if v < counts.count { counts[v] = -1 }
    }

    /// Computes the cuts of `v` (and, first, of any fanin lacking them).
    mutating func compute(_ v: Int, in graph: EditableAIG) {
        reserve(graph.nodeCount)
        if counts[v] >= 0 { return }
        setTrivial(v)
        guard graph.isAnd(v) else { return }
        let a = graph.resolvedFanin0(v), b = graph.resolvedFanin1(v)
        let va = Int(a >> 1), vb = Int(b >> 1)
        if counts[va] < 0 { compute(va, in: graph) }
        if counts[vb] < 0 { compute(vb, in: graph) }
        let maskA: UInt16 = a & 1 != 0 ? 0xFFFF : 0, maskB: UInt16 = b & 1 != 0 ? 0xFFFF : 0
        for i in 0..<Int(counts[va]) where leavesAreCurrent(va, i, graph) {
            for j in 0..<Int(counts[vb]) where leavesAreCurrent(vb, j, graph) {
                if (signatures[slot(va, i)] | signatures[slot(vb, j)]).nonzeroBitCount > 4 { continue }
                merge(v, va, i, vb, j, maskA, maskB, graph)
            }
        }
    }

    private func leavesAreCurrent(_ v: Int, _ i: Int, _ graph: EditableAIG) -> Bool {
        for j in 0..<Int(sizes[slot(v, i)]) where !graph.isCurrent(Int(leaf(v, i, j))) { return false }
        return true
    }

    private mutating func setTrivial(_ v: Int) {
        let s = slot(v, 0)
        leaves[4 * s] = UInt32(v)
        sizes[s] = 1
        truths[s] = 0xAAAA
        signatures[s] = 1 << (UInt64(v) & 63)
        counts[v] = 1
    }

    /// Adds the merge of cut `i` of `a` and cut `j` of `b` to `v`'s cuts.
    /// When `v` has no room left, the new cut replaces the least valuable
    /// one if it is worth more (ABC's `Dar_CutFindValue`: leaves with many
    /// fanouts make good cut boundaries, single-fanout leaves poor ones).
    private mutating func merge(_ v: Int, _ a: Int, _ i: Int, _ b: Int, _ j: Int, _ maskA: UInt16, _ maskB: UInt16,
                                _ graph: EditableAIG) {
        let sa = slot(a, i), sb = slot(b, j)
        let na = Int(sizes[sa]), nb = Int(sizes[sb])
        // Sorted union of the two leaf lists, with each side's positions in it.
        var merged: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
        var positionsA = (0, 0, 0, 0), positionsB = (0, 0, 0, 0)
        var n = 0, x = 0, y = 0
        while x < na || y < nb {
            let la = x < na ? leaves[4 * sa + x] : UInt32.max
            let lb = y < nb ? leaves[4 * sb + y] : UInt32.max
            if n == 4 { return }
            let l = min(la, lb)
            withUnsafeMutableBytes(of: &merged) { $0.storeBytes(of: l, toByteOffset: 4 * n, as: UInt32.self) }
            if la == l { setPosition(&positionsA, x, n); x += 1 }
            if lb == l { setPosition(&positionsB, y, n); y += 1 }
            n += 1
        }
        let signature = signatures[sa] | signatures[sb]
        // Dominance against the cuts already kept (the trivial one excepted).
        var k = 1
        while k < Int(counts[v]) {
            let sk = slot(v, k), nk = Int(sizes[sk])
            if nk <= n && signatures[sk] & ~signature == 0 && isSubset(sk, nk, of: merged, n) { return }
            if n < nk && signature & ~signatures[sk] == 0 && isSuperset(sk, nk, of: merged, n) {
                // The new cut dominates cut k: move the last cut into k.
                let last = Int(counts[v]) - 1
                copySlot(slot(v, last), to: sk)
                counts[v] -= 1
                continue
            }
            k += 1
        }
        var target = Int(counts[v])
        if target >= cutsPerNode {
            var value = CutValue()
            withUnsafeBytes(of: merged) { raw in
                for t in 0..<n { value.add(Int(graph.refs[Int(raw.load(fromByteOffset: 4 * t, as: UInt32.self))])) }
            }
            var worst = -1, worstValue = Int.max
            for k in 1..<cutsPerNode {
                let sk = slot(v, k)
                var valueK = CutValue()
                for t in 0..<Int(sizes[sk]) { valueK.add(Int(graph.refs[Int(leaves[4 * sk + t])])) }
                if valueK.value < worstValue { worstValue = valueK.value; worst = k }
            }
            guard value.value > worstValue else { return }
            target = worst
        }
        let ta = TruthTable4.stretching(truths[sa], count: na, positions: positionsA) ^ maskA
        let tb = TruthTable4.stretching(truths[sb], count: nb, positions: positionsB) ^ maskB
        let s = slot(v, target)
        withUnsafeBytes(of: merged) { raw in
            for t in 0..<4 { leaves[4 * s + t] = raw.load(fromByteOffset: 4 * t, as: UInt32.self) }
        }
        sizes[s] = UInt8(n)
        truths[s] = ta & tb
        signatures[s] = signature
        if target == Int(counts[v]) { counts[v] += 1 }
    }

    @inline(__always) private func setPosition(_ p: inout (Int, Int, Int, Int), _ i: Int, _ value: Int) {
        switch i {
        case 0: p.0 = value
        case 1: p.1 = value
        case 2: p.2 = value
        default: p.3 = value
        }
    }

    /// Whether the leaves of slot `s` (count `ns`) are all among `merged`'s first `n`.
    private func isSubset(_ s: Int, _ ns: Int, of merged: (UInt32, UInt32, UInt32, UInt32), _ n: Int) -> Bool {
        withUnsafeBytes(of: merged) { raw in
            var y = 0
            for x in 0..<ns {
                let l = leaves[4 * s + x]
                while y < n && raw.load(fromByteOffset: 4 * y, as: UInt32.self) < l { y += 1 }
                if y == n || raw.load(fromByteOffset: 4 * y, as: UInt32.self) != l { return false }
            }
            return true
        }
    }

    /// Whether `merged`'s first `n` leaves are all among those of slot `s`.
    private func isSuperset(_ s: Int, _ ns: Int, of merged: (UInt32, UInt32, UInt32, UInt32), _ n: Int) -> Bool {
        withUnsafeBytes(of: merged) { raw in
            var y = 0
            for x in 0..<n {
                let l = raw.load(fromByteOffset: 4 * x, as: UInt32.self)
                while y < ns && leaves[4 * s + y] < l { y += 1 }
                if y == ns || leaves[4 * s + y] != l { return false }
            }
            return true
        }
    }

    private mutating func copySlot(_ from: Int, to: Int) {
        for t in 0..<4 { leaves[4 * to + t] = leaves[4 * from + t] }
        sizes[to] = sizes[from]
        truths[to] = truths[from]
        signatures[to] = signatures[from]
    }
}

/// A cut's worth for keeping (ABC's `Dar_CutFindValue`): the total fanout
/// of its leaves, low when most leaves have a single fanout.
struct CutValue {
    private var total = 0, ones = 0, count = 0

    @inline(__always) mutating func add(_ leafReferences: Int) {
        total += leafReferences
        if leafReferences == 1 { ones += 1 }
        count += 1
    }

    var value: Int {
        if count < 2 { return 1001 }
        if ones > 3 { return 5 - ones }
        return min(total, 1000)
    }
}
