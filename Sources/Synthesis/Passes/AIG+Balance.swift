import Circuits

extension AIG {
    /// Depth-oriented balancing (ABC's `balance`): every maximal multi-input
    /// AND (a *supergate*: a tree of ANDs joined by uncomplemented edges
    /// through nodes with a single fanout) is rebuilt as a tree that pairs
    /// its two shallowest inputs first, preferring pairs whose AND already
    /// exists. Duplicate inputs merge and `x ∧ ¬x` folds to 0, so the pass
    /// can also save ANDs. Latches and properties are kept.
    public func balanced() -> AIG {
        var balancer = SupergateBalancer(self)
        return balancer.run()
    }
}

/// The working state of one `balanced()` run.
struct SupergateBalancer {
    private var rebuild: AIGRebuilder
    /// Whether each source AND is absorbed into the supergate of its single parent.
    private let interior: [Bool]
    /// Logic level of each builder variable.
    private var level: [Int32]
    private var leaves: [Literal] = []
    private var stack: [Literal] = []

    init(_ aig: AIG) {
        rebuild = AIGRebuilder(aig)
        interior = Self.interiorNodes(of: aig)
        level = [Int32](repeating: 0, count: 1 + aig.inputCount + aig.latchCount)
    }

    /// ANDs referenced exactly once, by an uncomplemented AND fanin.
    private static func interiorNodes(of aig: AIG) -> [Bool] {
        let references = aig.fanoutCounts()
        var bareReferences = [Int32](repeating: 0, count: aig.variableCount)
        for k in 0..<aig.andCount {
            for fanin in [aig.fanin0[k], aig.fanin1[k]] where !fanin.isComplemented {
                bareReferences[fanin.variable] += 1
            }
        }
        let first = aig.firstAndVariable
        return (0..<aig.variableCount).map { v in
            v >= first && references[v] == 1 && bareReferences[v] == 1
        }
    }

    mutating func run() -> AIG {
        let source = rebuild.source
        let first = source.firstAndVariable
        for k in 0..<source.andCount where !interior[first + k] {
            collectLeaves(ofAnd: k)
            rebuild.setImage(ofVariable: first + k, to: buildBalancedTree())
        }
        return rebuild.finish()
    }

    /// The images of the supergate's inputs, in `leaves`.
    private mutating func collectLeaves(ofAnd k: Int) {
        let source = rebuild.source
        leaves.removeAll(keepingCapacity: true)
        stack.removeAll(keepingCapacity: true)
        stack.append(source.fanin0[k])
        stack.append(source.fanin1[k])
        while let literal = stack.popLast() {
            if !literal.isComplemented && interior[literal.variable] {
                let (a, b) = source.fanins(ofVariable: literal.variable)
                stack.append(a)
                stack.append(b)
            } else {
                leaves.append(rebuild.map(literal))
            }
        }
    }

    /// ANDs `leaves` together, shallowest first; returns the root.
    private mutating func buildBalancedTree() -> Literal {
        leaves.sort { $0.raw < $1.raw }
        var unique = 0
        for i in leaves.indices {
            let x = leaves[i]
            if x == .false { return .false }
            if x == .true { continue }
            if unique > 0 {
                let previous = leaves[unique - 1]
                if previous == x { continue }
                if previous.raw == x.raw ^ 1 { return .false }
            }
            leaves[unique] = x
            unique += 1
        }
        leaves.removeSubrange(unique...)
        if leaves.isEmpty { return .true }
        // Deepest first, so the two shallowest are at the end.
        leaves.sort { level[$0.variable] > level[$1.variable] }
        while leaves.count > 1 {
            preferExistingPair()
            let a = leaves.removeLast(), b = leaves.removeLast()
            let result = rebuild.builder.and(a, b)
            let resultLevel = recordLevel(of: result, fanins: a, b)
            // Insert after every leaf at least as deep: new nodes go behind older ones of equal level.
            var position = leaves.count
            while position > 0 && level[leaves[position - 1].variable] < resultLevel { position -= 1 }
            leaves.insert(result, at: position)
        }
        return leaves[0]
    }

    /// Among the leaves as shallow as the second-shallowest, moves to the
    /// second-last slot one whose AND with the shallowest already exists
    /// (ABC's permutation step), so shared logic is reused.
    private mutating func preferExistingPair() {
        let last = leaves.count - 1
        let shallowest = leaves[last]
        let targetLevel = level[leaves[last - 1].variable]
        var i = last - 1
        while i >= 0 && level[leaves[i].variable] == targetLevel {
            if rebuild.builder.lookupAnd(shallowest, leaves[i]) != nil {
                leaves.swapAt(i, last - 1)
                return
            }
            i -= 1
        }
    }

    /// The level of `result`, recorded when it is a new builder node.
    private mutating func recordLevel(of result: Literal, fanins a: Literal, _ b: Literal) -> Int32 {
        let v = result.variable
        if v >= level.count {
            level.append(contentsOf: repeatElement(0, count: v + 1 - level.count))
            level[v] = 1 + max(level[a.variable], level[b.variable])
        }
        return level[v]
    }
}
