extension EditableAIG {
    /// A reconvergence-driven cut of `root` (ABC's `Abc_NodeFindCut`):
    /// starting from the root's fanins, repeatedly expands the leaf whose
    /// fanins add the fewest new leaves (the latest node among equals), as
    /// long as at most `maxLeaves` remain. A leaf with more than
    /// `fanoutStop` fanouts is expanded only when that does not grow the
    /// cut, which keeps the cone local. Fills `leaves` (node ids) and `cone` (the nodes strictly
    /// inside, in topological order, root last). Marks every visited node
    /// with `visitMark`.
    mutating func reconvergentCut(of root: Int, maxLeaves: Int, fanoutStop: Int = 2, visitMark: UInt32,
                                  leaves: inout [Int], cone: inout [Int]) {
        leaves.removeAll(keepingCapacity: true)
        cone.removeAll(keepingCapacity: true)
        marks[root] = visitMark
        addLeaf(Int(resolvedFanin0(root) >> 1), visitMark, &leaves)
        addLeaf(Int(resolvedFanin1(root) >> 1), visitMark, &leaves)
        while true {
            var bestIndex = -1, bestCost = Int.max
            for (index, leaf) in leaves.enumerated() where isAnd(leaf) {
                let a = Int(resolvedFanin0(leaf) >> 1), b = Int(resolvedFanin1(leaf) >> 1)
                let cost = (marks[a] == visitMark ? 0 : 1) + (marks[b] == visitMark || a == b ? 0 : 1) - 1
                if cost == 1 && Int(refs[leaf]) > fanoutStop { continue }
                if cost < bestCost || (cost == bestCost && leaf > leaves[bestIndex]) { bestCost = cost; bestIndex = index }
            }
            guard bestIndex >= 0, leaves.count + bestCost <= maxLeaves else { break }
            let leaf = leaves.remove(at: bestIndex)
            addLeaf(Int(resolvedFanin0(leaf) >> 1), visitMark, &leaves)
            addLeaf(Int(resolvedFanin1(leaf) >> 1), visitMark, &leaves)
        }
        // The cone in topological order: depth-first from the root, stopping at leaves.
        let leafMark = newMark()
        for leaf in leaves { marks[leaf] = leafMark }
        collectCone(root, leafMark: leafMark, doneMark: newMark(), into: &cone)
        for leaf in leaves { marks[leaf] = visitMark }
    }

    @inline(__always)
    private mutating func addLeaf(_ v: Int, _ visitMark: UInt32, _ leaves: inout [Int]) {
        guard marks[v] != visitMark else { return }
        marks[v] = visitMark
        leaves.append(v)
    }

    private mutating func collectCone(_ v: Int, leafMark: UInt32, doneMark: UInt32, into cone: inout [Int]) {
        if marks[v] == leafMark || marks[v] == doneMark { return }
        marks[v] = doneMark
        collectCone(Int(resolvedFanin0(v) >> 1), leafMark: leafMark, doneMark: doneMark, into: &cone)
        collectCone(Int(resolvedFanin1(v) >> 1), leafMark: leafMark, doneMark: doneMark, into: &cone)
        cone.append(v)
    }
}
