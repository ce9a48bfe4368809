/// Turns the refuted cubes of a complete binary split, met in lexicographic order, into a DRAT proof: each
/// cube's clause (the negation of its assignment), then, whenever two siblings are both proved, their
/// parent's clause, which is RUP from the two (they differ only in the last split input). The last lemma is
/// the root's: the empty clause.
struct RefutationMerger {
    /// The input split at each depth.
    let order: [Int]
    let words: Int
    /// Proved nodes not yet merged: (depth, prefix words), lexicographic order bottom to top.
    private var depths: [Int] = []
    private var prefixes: [UInt64] = []

    init(order: [Int], words: Int) {
        self.order = order
        self.words = words
    }

    /// Records the refuted cube (`depth` inputs of `order` assigned as in `prefix`) and every merge it completes.
    mutating func add(depth: Int, prefix: [UInt64], into proof: inout DRATProof) {
        proof.add(clause(depth: depth, prefix: prefix[...]))
        depths.append(depth)
        prefixes.append(contentsOf: prefix)
        while depths.count >= 2 {
            let k = depths[depths.count - 1]
            guard k > 0, depths[depths.count - 2] == k else { break }
            let upper = prefixes.count - words, lower = upper - words
            guard bit(k - 1, at: lower) == false, bit(k - 1, at: upper) == true,
                  samePrefix(lower, upper, length: k - 1) else { break }
            // Merge: the parent is the lower sibling (its bit k − 1 is already 0) one level up.
            depths.removeLast(2)
            prefixes.removeLast(words)
            depths.append(k - 1)
            proof.add(clause(depth: k - 1, prefix: prefixes[lower ..< lower + words]))
        }
    }

    private func bit(_ j: Int, at offset: Int) -> Bool { prefixes[offset + j >> 6] >> UInt64(j & 63) & 1 == 1 }

    private func samePrefix(_ a: Int, _ b: Int, length: Int) -> Bool {
        for w in 0..<(length + 63) / 64 {
            let bits = min(64, length - 64 * w)
            let mask: UInt64 = bits == 64 ? ~0 : (1 << UInt64(bits)) - 1
            if (prefixes[a + w] ^ prefixes[b + w]) & mask != 0 { return false }
        }
        return true
    }

    /// The clause refuting the cube: for each assigned input, the literal it does not take.
    private func clause(depth: Int, prefix: ArraySlice<UInt64>) -> [Int32] {
        let base = prefix.startIndex
        return (0..<depth).map { j in
            let d = CubeQuestion.dimacsVariable(1 + order[j])
            return prefix[base + j >> 6] >> UInt64(j & 63) & 1 == 1 ? -d : d
        }
    }
}
