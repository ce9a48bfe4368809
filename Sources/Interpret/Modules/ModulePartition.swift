import Circuits

/// The partition of a circuit's ANDs into maximal fanout-free cones (MFFCs):
/// a node with exactly one fanout (and not an output) belongs to the module
/// of that fanout, every other node roots a module of its own. Each AND is in
/// exactly one module, every module has one output (its root) and its inputs
/// are circuit inputs or roots of earlier modules, so the modules compose
/// back into the circuit and their interfaces are as small as the circuit's
/// sharing allows: the natural "gates that work only for this signal" unit.
public struct ModulePartition: Sendable {
    /// The root variable of each module, ascending (topological).
    public let roots: [Int]
    /// For each AND variable, the index of its module; -1 for non-ANDs.
    public let moduleOfVariable: [Int32]
    /// Members of each module, ascending.
    public let members: [[Int]]
    /// Leaves of each module (inputs or other modules' roots), ascending variables.
    public let leaves: [[Int]]

    public init(_ aig: AIG) {
        let fanouts = aig.fanoutCounts()
        var isOutput = [Bool](repeating: false, count: aig.variableCount)
        for o in aig.outputs { isOutput[o.variable] = true }
        for l in aig.latches { isOutput[l.next.variable] = true }
        let first = aig.firstAndVariable
        // The unique fanout of each single-fanout node.
        var onlyFanout = [Int32](repeating: -1, count: aig.variableCount)
        for v in first ..< aig.variableCount {
            let (a, b) = aig.fanins(ofVariable: v)
            for f in a.variable == b.variable ? [a.variable] : [a.variable, b.variable] where f >= first { onlyFanout[f] = Int32(v) }
        }
        var module = [Int32](repeating: -1, count: aig.variableCount)
        var roots = [Int]()
        for v in stride(from: aig.maxVariable, through: first, by: -1) {
            if fanouts[v] == 1 && !isOutput[v] && onlyFanout[v] >= 0 {
                module[v] = module[Int(onlyFanout[v])]
            } else {
                module[v] = Int32(roots.count)
                roots.append(v)
            }
        }
        // Renumber modules by ascending root.
        let order = roots.indices.sorted { roots[$0] < roots[$1] }
        var renumber = [Int32](repeating: 0, count: roots.count)
        for (new, old) in order.enumerated() { renumber[old] = Int32(new) }
        var members = [[Int]](repeating: [], count: roots.count)
        for v in first ..< aig.variableCount {
            module[v] = renumber[Int(module[v])]
            members[Int(module[v])].append(v)
        }
        var leaves = [[Int]](repeating: [], count: roots.count)
        for m in members.indices {
            var set = Set<Int>()
            for v in members[m] {
                let (a, b) = aig.fanins(ofVariable: v)
                for f in [a.variable, b.variable] where f != 0 && (f < first || module[f] != Int32(m)) { set.insert(f) }
            }
            leaves[m] = set.sorted()
        }
        self.roots = order.map { roots[$0] }
        moduleOfVariable = module
        self.members = members
        self.leaves = leaves
    }

    /// The circuit rebuilt module by module (each module's members over its
    /// leaves, modules in root order): the same function as the original, which
    /// `gatelm cec` can prove; a check that the partition is a decomposition.
    public func recomposed(_ aig: AIG) -> AIG {
        var builder = AIGBuilder(expectedAnds: aig.andCount)
        var image = [Literal](repeating: .false, count: aig.variableCount)
        for i in 0..<aig.inputCount { image[1 + i] = builder.addInput(name: aig.names.input(i)) }
        precondition(!aig.isSequential, "recomposition is for combinational circuits")
        for m in roots.indices {
            var local = [Int: Literal]()
            for leaf in leaves[m] { local[leaf] = image[leaf] }
            for v in members[m] {
                let (a, b) = aig.fanins(ofVariable: v)
                func lit(_ l: Literal) -> Literal { (l.variable == 0 ? Literal.false : local[l.variable]!).complemented(if: l.isComplemented) }
                local[v] = builder.and(lit(a), lit(b))
            }
            image[roots[m]] = local[roots[m]]!
        }
        for (o, output) in aig.outputs.enumerated() { builder.addOutput(image.image(of: output), name: aig.names.output(o)) }
        return builder.build()
    }
}
