/// A small AIG over numbered leaves, used for replacement structures: the
/// library's precomputed subgraphs and factored forms.
///
/// Literals are `2 · variable + complement` with variable 0 the constant
/// false, variables `1...leafCount` the leaves and the nodes after them.
/// `and` folds the trivial cases and reuses an identical node (linear
/// search: these graphs have tens of nodes).
struct SmallAIG: Sendable, Equatable {
    private(set) var leafCount: Int
    private(set) var fanin0: [UInt32] = []
    private(set) var fanin1: [UInt32] = []
    /// The literal the structure computes.
    var output: UInt32 = 0

    init(leafCount: Int) { self.leafCount = leafCount }

    /// Empties the structure for reuse over `leafCount` leaves, keeping its storage.
    mutating func reset(leafCount: Int) {
        self.leafCount = leafCount
        fanin0.removeAll(keepingCapacity: true)
        fanin1.removeAll(keepingCapacity: true)
        output = 0
    }

    var nodeCount: Int { fanin0.count }

    /// The literal of leaf `i`.
    func leaf(_ i: Int) -> UInt32 { UInt32(2 * (1 + i)) }

    /// The variable of node `k`.
    func nodeVariable(_ k: Int) -> Int { 1 + leafCount + k }

    mutating func and(_ a: UInt32, _ b: UInt32) -> UInt32 {
        let x = max(a, b), y = min(a, b)
        if y == 0 { return 0 }
        if y == 1 || x == y { return x }
        if x == y ^ 1 { return 0 }
        for k in fanin0.indices where fanin0[k] == x && fanin1[k] == y { return UInt32(2 * nodeVariable(k)) }
        fanin0.append(x)
        fanin1.append(y)
        return UInt32(2 * nodeVariable(fanin0.count - 1))
    }

    mutating func or(_ a: UInt32, _ b: UInt32) -> UInt32 { and(a ^ 1, b ^ 1) ^ 1 }

    mutating func xor(_ a: UInt32, _ b: UInt32) -> UInt32 { or(and(a, b ^ 1), and(a ^ 1, b)) }

    /// `s ? t : e`.
    mutating func mux(_ s: UInt32, _ t: UInt32, _ e: UInt32) -> UInt32 { or(and(s, t), and(s ^ 1, e)) }

    /// The AND of `literals` as a balanced tree (true when empty).
    mutating func and(all literals: [UInt32]) -> UInt32 {
        guard !literals.isEmpty else { return 1 }
        var level = literals
        while level.count > 1 {
            var next: [UInt32] = []
            next.reserveCapacity((level.count + 1) / 2)
            var i = 0
            while i + 1 < level.count { next.append(and(level[i], level[i + 1])); i += 2 }
            if i < level.count { next.append(level[i]) }
            level = next
        }
        return level[0]
    }

    /// The OR of `literals` as a balanced tree (false when empty).
    mutating func or(all literals: [UInt32]) -> UInt32 { and(all: literals.map { $0 ^ 1 }) ^ 1 }

    /// The nodes `output` reaches, for counting a structure built with spare nodes.
    var reachableNodeCount: Int {
        var marked = [Bool](repeating: false, count: nodeCount)
        var count = 0
        var stack = [output]
        while let literal = stack.popLast() {
            let k = Int(literal >> 1) - 1 - leafCount
            guard k >= 0, !marked[k] else { continue }
            marked[k] = true
            count += 1
            stack.append(fanin0[k])
            stack.append(fanin1[k])
        }
        return count
    }

    /// The structure with only the nodes the output reaches, renumbered in order.
    func compacted() -> SmallAIG {
        var marked = [Bool](repeating: false, count: nodeCount)
        var stack = [output]
        while let literal = stack.popLast() {
            let k = Int(literal >> 1) - 1 - leafCount
            guard k >= 0, !marked[k] else { continue }
            marked[k] = true
            stack.append(fanin0[k])
            stack.append(fanin1[k])
        }
        var result = SmallAIG(leafCount: leafCount)
        var image = [UInt32](repeating: 0, count: 1 + leafCount + nodeCount)
        for v in 0...leafCount { image[v] = UInt32(2 * v) }
        func map(_ l: UInt32) -> UInt32 { image[Int(l >> 1)] ^ (l & 1) }
        for k in 0..<nodeCount where marked[k] {
            image[nodeVariable(k)] = result.and(map(fanin0[k]), map(fanin1[k]))
        }
        result.output = map(output)
        return result
    }

    /// The function computed, for at most four leaves whose values are the
    /// projection functions (or the given tables).
    func truthTable4(leaves: [UInt16]? = nil) -> UInt16 {
        var value = [UInt16](repeating: 0, count: 1 + leafCount + nodeCount)
        for i in 0..<leafCount { value[1 + i] = leaves?[i] ?? TruthTable4.variable(i) }
        func get(_ l: UInt32) -> UInt16 { value[Int(l >> 1)] ^ (l & 1 != 0 ? 0xFFFF : 0) }
        for k in 0..<nodeCount { value[nodeVariable(k)] = get(fanin0[k]) & get(fanin1[k]) }
        return get(output)
    }
}
