import Circuits

/// The state of one rewriting pass over an `EditableAIG`.
struct Rewriter: GraphEditingPass {
    var graph: EditableAIG
    var cuts: CutStore
    let options: RewriteOptions
    let classes = NPNClasses4.shared
    let library = RewriteLibrary.shared

    init(_ aig: AIG, options: RewriteOptions) {
        graph = EditableAIG(aig)
        cuts = CutStore(cutsPerNode: options.cutsPerNode)
        self.options = options
    }

    /// Visits every AND of the source once, in order, replacing it by the
    /// best library structure over one of its cuts when that saves nodes
    /// (or, at zero cost, saves none and is no deeper).
    mutating func run() {
        // Scratch for `addedNodes`: an image and a level per structure node.
        let images = UnsafeMutablePointer<UInt32>.allocate(capacity: 2 * max(16, library.maxNodeCount))
        defer { images.deallocate() }
        let end = graph.firstAnd + graph.source.andCount
        var leaves: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
        var best: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
        for v in graph.firstAnd..<end where graph.isCurrent(v) {
            cuts.compute(v, in: graph)
            var bestGain = options.zeroCost ? -1 : 0
            var bestLevel = UInt32.max
            var bestStructure = -1
            for i in 1..<Int(cuts.counts[v]) {
                let s = cuts.slot(v, i)
                let size = Int(cuts.sizes[s])
                var current = true
                for j in 0..<size where !graph.isCurrent(Int(cuts.leaf(v, i, j))) { current = false }
                if !current { continue }
                let truth = cuts.truths[s]
                let c = Int(classes.classIndex[Int(truth)])
                let transform = classes.transform[Int(truth)]
                // Leaf i of the structure is cut leaf source(i), complemented as the transform says.
                withUnsafeMutableBytes(of: &leaves) { raw in
                    for input in 0..<4 {
                        let position = transform.source(ofInput: input)
                        let literal = position < size ? cuts.leaf(v, i, position) << 1 : 0
                        raw.storeBytes(of: literal ^ (transform.inputNegated(input) ? 1 : 0),
                                       toByteOffset: 4 * input, as: UInt32.self)
                    }
                }
                let leafMark = graph.newMark()
                for j in 0..<size { graph.marks[Int(cuts.leaf(v, i, j))] = leafMark }
                let coneMark = graph.newMark()
                let saved = graph.derefCone(v, leafMark: leafMark, coneMark: coneMark)
                for (index, structure) in library.structures[c].enumerated() {
                    let added = withUnsafeBytes(of: leaves) { raw in
                        graph.addedNodes(building: structure, leaves: raw.baseAddress!.assumingMemoryBound(to: UInt32.self),
                                         root: v, coneMark: coneMark, limit: saved - max(bestGain, 0), images: images)
                    }
                    guard let (added, level) = added else { continue }
                    let gain = saved - added
                    // More nodes saved wins; among equal savings, the shallower
                    // output (ABC's dar does the same). A move that saves nothing
                    // must not deepen the node: zero-cost moves are there to
                    // reshape, and deeper trees give `balance` less to work with.
                    let better = gain > bestGain || (gain == bestGain && bestStructure >= 0 && level < bestLevel)
                    if better && (gain > 0 || level <= graph.levels[v]) {
                        bestGain = gain
                        bestLevel = level
                        // Class, structure and output phase packed in one word.
                        bestStructure = c | index << 8 | (transform.outputNegated ? 1 << 16 : 0)
                        best = leaves
                    }
                }
                graph.restoreCone(v, leafMark: leafMark)
            }
            guard bestStructure >= 0 else { continue }
            let structure = library.structures[bestStructure & 0xFF][(bestStructure >> 8) & 0xFF]
            var output = withUnsafeBytes(of: best) { raw in
                graph.build(structure, leaves: raw.baseAddress!.assumingMemoryBound(to: UInt32.self))
            }
            if bestStructure >> 16 != 0 { output ^= 1 }
            if Int(output >> 1) != v { graph.replace(v, with: output) }
        }
    }
}
