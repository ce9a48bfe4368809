import Circuits

/// Which combinations of small sets of inputs occur on the care patterns:
/// the satisfiability don't-cares that data-aware refactoring may use.
///
/// The narrow parts of a circuit (ANDs whose structural support has at
/// most `maxSupport` inputs) fall into groups by the supports of the narrow
/// nodes that wider logic reads. For each group the occurring input
/// combinations are gathered in one pass over the patterns; the care table
/// of any subset of a group's inputs is then a projection of that list.
struct InputCareSets {
    let maxSupport: Int
    /// Each group's inputs (sorted) and the combinations of them that occur (bit j of a combination is input j).
    private(set) var groups: [(inputs: [Int32], combinations: [Int])] = []
    private var cache: [[Int32]: [UInt64]] = [:]

    init(_ aig: AIG, care: PatternSet, maxSupport: Int) {
        precondition(care.signalCount == aig.inputCount, "the care set needs one signal per input")
        self.maxSupport = maxSupport
        for inputs in Self.boundarySupports(of: aig, maxSupport: maxSupport) {
            groups.append((inputs, Self.occurringCombinations(of: inputs, in: care)))
        }
    }

    /// The distinct supports (of at most `maxSupport` inputs) of narrow ANDs read by a wider AND or a root.
    static func boundarySupports(of aig: AIG, maxSupport: Int) -> Set<[Int32]> {
        var support = [[Int32]?](repeating: nil, count: aig.variableCount)
        support[0] = []
        for i in 0..<aig.inputCount { support[1 + i] = [Int32(i)] }
        for k in 0..<aig.andCount {
            guard let a = support[aig.fanin0[k].variable], let b = support[aig.fanin1[k].variable] else { continue }
            let merged = Array(Set(a).union(b)).sorted()
            if merged.count <= maxSupport { support[aig.firstAndVariable + k] = merged }
        }
        var result = Set<[Int32]>()
        func boundary(_ v: Int) { if v >= aig.firstAndVariable, let s = support[v] { result.insert(s) } }
        for k in 0..<aig.andCount where support[aig.firstAndVariable + k] == nil {
            boundary(aig.fanin0[k].variable)
            boundary(aig.fanin1[k].variable)
        }
        for root in aig.rootLiterals { boundary(root.variable) }
        return result
    }

    /// The combinations of `inputs` that occur on the patterns, each once.
    static func occurringCombinations(of inputs: [Int32], in care: PatternSet) -> [Int] {
        var seen = [Bool](repeating: false, count: 1 << inputs.count)
        care.withUnsafeWords { patterns in
            let perSignal = care.wordsPerSignal
            for w in 0..<perSignal {
                var bits = w == perSignal - 1 ? care.lastWordMask : ~0
                while bits != 0 {
                    let bit = UInt64(bits.trailingZeroBitCount)
                    bits &= bits - 1
                    var m = 0
                    for (j, input) in inputs.enumerated() where patterns[Int(input) * perSignal + w] >> bit & 1 != 0 { m |= 1 << j }
                    seen[m] = true
                }
            }
        }
        return seen.indices.filter { seen[$0] }
    }

    /// The care table over `inputs` (sorted input indices, at most 16): bit m
    /// is set when combination m occurs (tiled over a word below six
    /// inputs), or nil when no group holds all of them.
    mutating func table(forInputs inputs: [Int32]) -> [UInt64]? {
        if let cached = cache[inputs] { return cached }
        guard let group = groups.first(where: { group in inputs.allSatisfy { group.inputs.contains($0) } }) else { return nil }
        let positions = inputs.map { input in group.inputs.firstIndex(of: input)! }
        let n = inputs.count, words = max(1, (1 << n) / 64)
        var table = [UInt64](repeating: 0, count: words)
        for combination in group.combinations {
            var m = 0
            for (j, p) in positions.enumerated() where combination >> p & 1 != 0 { m |= 1 << j }
            table[m >> 6] |= 1 << UInt64(m & 63)
        }
        if n < 6 {
            var width = 1 << n
            while width < 64 { table[0] |= table[0] << UInt64(width); width <<= 1 }
        }
        cache[inputs] = table
        return table
    }
}
