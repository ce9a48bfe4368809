/// Replacement structures for rewriting: for each of the 222 NPN classes
/// of 4-input functions, a small AIG over four leaves computing the class
/// representative, found by `StructureSynthesis4` at first use. The
/// structure for any other function of the class is the same graph with
/// its leaves permuted and complemented and its output complemented, as
/// the class transform says.
struct RewriteLibrary: Sendable {
    /// Indexed like `NPNClasses4.representatives`.
    let structures: [SmallAIG]

    static let shared = RewriteLibrary()

    private init() {
        // Trying the representative under each input permutation lets the
        // greedy search find the sharing that one variable order misses.
        let classes = NPNClasses4.shared
        structures = classes.representatives.map { representative in
            var best = StructureSynthesis4.structure(for: representative)
            guard best.nodeCount > 2 else { return best }
            for p in 1..<24 {
                let t = NPNTransform4(permutationIndex: p, inputNegations: 0, outputNegated: false)
                let g = t.apply(to: representative)
                let candidate = StructureSynthesis4.structure(for: g)
                guard candidate.nodeCount < best.nodeCount else { continue }
                // Rewire: leaf j of `candidate` is x_j; representative input i is x_{source(i)}.
                var remapped = SmallAIG(leafCount: 4)
                var leaves = [UInt32](repeating: 0, count: 4)
                for i in 0..<4 { leaves[t.source(ofInput: i)] = remapped.leaf(i) }
                remapped.output = remapped.instantiate(candidate, leaves: leaves)
                best = remapped.compacted()
            }
            return best
        }
    }
}

extension SmallAIG {
    /// Builds a copy of `structure` here with its leaves replaced by
    /// `leaves`; returns the image of its output.
    mutating func instantiate(_ structure: SmallAIG, leaves: [UInt32]) -> UInt32 {
        var image = [UInt32](repeating: 0, count: 1 + structure.leafCount + structure.nodeCount)
        for i in 0..<structure.leafCount { image[1 + i] = leaves[i] }
        func map(_ l: UInt32) -> UInt32 { image[Int(l >> 1)] ^ (l & 1) }
        for k in 0..<structure.nodeCount {
            image[structure.nodeVariable(k)] = and(map(structure.fanin0[k]), map(structure.fanin1[k]))
        }
        return map(structure.output)
    }
}
