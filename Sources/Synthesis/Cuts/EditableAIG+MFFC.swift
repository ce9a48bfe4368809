extension EditableAIG {
    /// The size of `root`'s maximum fanout-free cone bounded by the nodes
    /// marked `leafMark`: the ANDs that would die with `root`. The cone's
    /// nodes get `coneMark`; reference counts are left lowered until
    /// `restoreCone(_:leafMark:)`.
    mutating func derefCone(_ root: Int, leafMark: UInt32, coneMark: UInt32) -> Int {
        marks[root] = coneMark
        var count = 1
        count += derefFanin(Int(resolvedFanin0(root) >> 1), leafMark, coneMark)
        count += derefFanin(Int(resolvedFanin1(root) >> 1), leafMark, coneMark)
        return count
    }

    private mutating func derefFanin(_ v: Int, _ leafMark: UInt32, _ coneMark: UInt32) -> Int {
        guard isAnd(v), marks[v] != leafMark else { return 0 }
        refs[v] -= 1
        return refs[v] == 0 ? derefCone(v, leafMark: leafMark, coneMark: coneMark) : 0
    }

    /// Undoes `derefCone` with the same leaves.
    mutating func restoreCone(_ root: Int, leafMark: UInt32) {
        refFanin(Int(resolvedFanin0(root) >> 1), leafMark)
        refFanin(Int(resolvedFanin1(root) >> 1), leafMark)
    }

    private mutating func refFanin(_ v: Int, _ leafMark: UInt32) {
        guard isAnd(v), marks[v] != leafMark else { return }
        if refs[v] == 0 { restoreCone(v, leafMark: leafMark) }
        refs[v] += 1
    }

    /// How many nodes building `structure` on `leaves` would add, given the
    /// cone marked `coneMark` is about to be freed (a node found there counts
    /// as added: it will not be freed), and the level of its output. Nil
    /// when the structure would reuse `root` itself, or when more than
    /// `limit` nodes would be added. `images` is scratch for at least
    /// `2 * structure.nodeCount` entries.
    func addedNodes(building structure: SmallAIG, leaves: UnsafePointer<UInt32>, root: Int, coneMark: UInt32,
                    limit: Int, images: UnsafeMutablePointer<UInt32>) -> (added: Int, level: UInt32)? {
        let newNode = UInt32.max
        let leafCount = structure.leafCount
        @inline(__always) func get(_ l: UInt32) -> UInt32 {
            let v = Int(l >> 1)
            if v == 0 { return l }
            if v <= leafCount { return leaves[v - 1] ^ (l & 1) }
            let i = images[v - 1 - leafCount]
            return i == newNode ? newNode : i ^ (l & 1)
        }
        let nodeLevels = images + structure.nodeCount
        @inline(__always) func level(_ l: UInt32) -> UInt32 {
            let v = Int(l >> 1)
            if v == 0 { return 0 }
            if v <= leafCount { return levels[Int(leaves[v - 1] >> 1)] }
            return nodeLevels[v - 1 - leafCount]
        }
        var added = 0
        for k in 0..<structure.nodeCount {
            let a = get(structure.fanin0[k]), b = get(structure.fanin1[k])
            var result = newNode
            if a != newNode && b != newNode, let found = lookup(a, b) {
                let v = Int(found >> 1)
                if v == root { return nil }
                if marks[v] == coneMark { added += 1 }
                result = found
            } else {
                added += 1
            }
            if added > limit { return nil }
            images[k] = result
            nodeLevels[k] = result == newNode
                ? 1 + max(level(structure.fanin0[k]), level(structure.fanin1[k])) : levels[Int(result >> 1)]
        }
        return (added, level(structure.output))
    }

    /// Builds `structure` on `leaves`; returns the literal of its output.
    mutating func build(_ structure: SmallAIG, leaves: UnsafePointer<UInt32>) -> UInt32 {
        var images = [UInt32](repeating: 0, count: structure.nodeCount)
        func get(_ l: UInt32) -> UInt32 {
            let v = Int(l >> 1)
            if v == 0 { return l }
            if v <= structure.leafCount { return leaves[v - 1] ^ (l & 1) }
            return images[v - 1 - structure.leafCount] ^ (l & 1)
        }
        for k in 0..<structure.nodeCount {
            images[k] = and(get(structure.fanin0[k]), get(structure.fanin1[k]))
        }
        return get(structure.output)
    }
}
