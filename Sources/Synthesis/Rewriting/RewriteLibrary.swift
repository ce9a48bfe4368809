/// Replacement structures for rewriting: for each of the 222 NPN classes
/// of 4-input functions, a small AIG over four leaves computing the class
/// representative, found by `StructureSynthesis4` at first use. The
/// structure for any other function of the class is the same graph with
/// its leaves permuted and complemented and its output complemented, as
/// the class transform says.
struct RewriteLibrary: Sendable {
    /// Indexed like `NPNClasses4.representatives`: the smallest structures
    /// found for the class representative, smallest first.
    let structures: [[SmallAIG]]

    static let shared = RewriteLibrary()

    /// Structures at most this many nodes above a class's best are kept as alternatives.
    static let slack = 1
    /// At most this many structures are kept per class.
    static let maxStructuresPerClass = 8

    private init() {
        structures = NPNClasses4.shared.representatives.map(Self.structures(for:))
    }

    /// The structures for `representative`: the search's top-level
    /// candidates under each of the 24 input orders (the greedy search finds
    /// different sharing in each), mapped back, deduplicated, smallest first.
    static func structures(for representative: UInt16) -> [SmallAIG] {
        var all: [SmallAIG] = []
        for p in 0..<24 {
            let t = NPNTransform4(permutationIndex: p, inputNegations: 0, outputNegated: false)
            for candidate in StructureSynthesis4.candidates(for: t.apply(to: representative)) {
                // Leaf j of `candidate` is x_j; representative input i is x_{source(i)}.
                var remapped = SmallAIG(leafCount: 4)
                var leaves = [UInt32](repeating: 0, count: 4)
                for i in 0..<4 { leaves[t.source(ofInput: i)] = remapped.leaf(i) }
                remapped.output = remapped.instantiate(candidate, leaves: leaves)
                let structure = remapped.compacted()
                if !all.contains(structure) { all.append(structure) }
            }
            if all.first.map({ $0.nodeCount <= 1 }) == true { break }
        }
        all.sort { $0.nodeCount < $1.nodeCount }
        let bound = all[0].nodeCount + slack
        return Array(all.prefix { $0.nodeCount <= bound }.prefix(maxStructuresPerClass))
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
