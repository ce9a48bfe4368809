import Circuits

/// How a sequential circuit's state falls apart: latch j depends on latch i when h[i] is in the
/// support of h[j]'s next-state function. The strongly connected components of that graph are
/// the sub-machines whose bits feed each other; the condensation orders them (a component only
/// reads components before it and the input), so components that read no other component are
/// independent machines driven by the input alone.
public struct LatchDependencies: Codable, Sendable {
    public struct Component: Codable, Sendable, Hashable {
        public var id: Int
        /// The latches' names (or `latch <j>`), in latch order.
        public var latches: [String]
        /// Whether some latch of it reads itself or another of it (a one-latch component without
        /// a self-loop has no memory of its own: it is a function of the other state and the input).
        public var cyclic: Bool
        /// The components this one reads (other than itself).
        public var reads: [Int]
        /// Whether its next state reads the circuit's inputs.
        public var readsInput: Bool
    }

    public var latchCount: Int
    /// Dependency edges (i → j: h[j]'s next state reads h[i]), self-loops included.
    public var edges: Int
    public var selfLoops: Int
    /// Components by decreasing size.
    public var components: [Component]
    /// Latches whose next state reads no latch at all (a function of the current byte).
    public var inputOnlyLatches: Int

    public init(_ aig: AIG) {
        let l = aig.latchCount, words = max(1, (l + 63) / 64), first = aig.firstLatchVariable
        // Latch support of every variable, as bitsets (ANDs in topological order); input flag separately.
        var support = [UInt64](repeating: 0, count: aig.variableCount * words)
        var readsInput = [Bool](repeating: false, count: aig.variableCount)
        for i in 0..<aig.inputCount { readsInput[1 + i] = true }
        for j in 0..<l { support[(first + j) * words + j / 64] |= 1 << UInt64(j % 64) }
        for k in 0..<aig.andCount {
            let v = aig.firstAndVariable + k, a = aig.fanin0[k].variable, b = aig.fanin1[k].variable
            for w in 0..<words { support[v * words + w] = support[a * words + w] | support[b * words + w] }
            readsInput[v] = readsInput[a] || readsInput[b]
        }
        var successors = [[Int]](repeating: [], count: l), predecessors = [[Int]](repeating: [], count: l)
        var edges = 0, selfLoops = 0, inputOnly = 0
        for j in 0..<l {
            let v = aig.latches[j].next.variable
            var any = false
            for i in 0..<l where support[v * words + i / 64] >> UInt64(i % 64) & 1 == 1 {
                successors[i].append(j)
                predecessors[j].append(i)
                edges += 1
                any = true
                if i == j { selfLoops += 1 }
            }
            if !any { inputOnly += 1 }
        }
        let componentOf = Self.stronglyConnectedComponents(successors)
        let count = (componentOf.max() ?? -1) + 1
        var members = [[Int]](repeating: [], count: count)
        for j in 0..<l { members[componentOf[j]].append(j) }
        // Ids by decreasing size, then first latch.
        let order = (0..<count).sorted { (members[$0].count, -members[$0].first!) > (members[$1].count, -members[$1].first!) }
        var id = [Int](repeating: 0, count: count)
        for (rank, c) in order.enumerated() { id[c] = rank }
        components = order.map { c in
            let latches = members[c]
            let reads = Set(latches.flatMap { predecessors[$0] }.map { id[componentOf[$0]] }).subtracting([id[c]]).sorted()
            let cyclic = latches.count > 1 || predecessors[latches[0]].contains(latches[0])
            return Component(id: id[c], latches: latches.map { aig.names.latch($0) ?? "latch \($0)" }, cyclic: cyclic, reads: reads,
                             readsInput: latches.contains { readsInput[aig.latches[$0].next.variable] })
        }
        latchCount = l
        self.edges = edges
        self.selfLoops = selfLoops
        inputOnlyLatches = inputOnly
    }

    /// Tarjan's algorithm, iterative: the component index of every vertex.
    static func stronglyConnectedComponents(_ successors: [[Int]]) -> [Int] {
        let n = successors.count
        var index = [Int](repeating: -1, count: n), low = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n), stack = [Int](), component = [Int](repeating: -1, count: n)
        var next = 0, components = 0
        for root in 0..<n where index[root] < 0 {
            var work = [(vertex: root, edge: 0)]
            index[root] = next; low[root] = next; next += 1
            stack.append(root); onStack[root] = true
            while let (v, e) = work.last {
                if e < successors[v].count {
                    work[work.count - 1].edge += 1
                    let w = successors[v][e]
                    if index[w] < 0 {
                        index[w] = next; low[w] = next; next += 1
                        stack.append(w); onStack[w] = true
                        work.append((w, 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                } else {
                    work.removeLast()
                    if let parent = work.last?.vertex { low[parent] = min(low[parent], low[v]) }
                    if low[v] == index[v] {
                        while let w = stack.popLast() {
                            onStack[w] = false
                            component[w] = components
                            if w == v { break }
                        }
                        components += 1
                    }
                }
            }
        }
        return component
    }
}
