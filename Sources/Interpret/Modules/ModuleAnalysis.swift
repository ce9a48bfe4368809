import Circuits
import LanguageModels

/// `gatelm modules`: how a model's circuit falls apart.
///
/// - **Byte features**: every node whose support is one context byte, as the
///   set of byte values that switch it on (read off a 256-pattern
///   simulation), equal functions grouped.
/// - **Modules**: the maximal fanout-free cones (`ModulePartition`), each with
///   its size, leaves, support in (position, bit) terms, the class scores it
///   feeds and, with at most 6 leaves, its truth table.
/// - **Supernodes**: modules grouped one level up by what they serve: those
///   that feed a single class form that class's private readout; the shared
///   rest are clustered by the set of context positions they read.
/// - **Summary**: the share of ANDs in modules whose support is at most 8, 16
///   or 64 input bits (how local the circuit is).
public struct ModuleAnalysis: Codable, Sendable {
    public struct ByteFeature: Codable, Sendable {
        /// 1 = the most recent byte.
        public var position: Int
        /// The bytes that switch the feature on, as a class such as `[aeiou]`.
        public var set: String
        public var bytes: [Int]
        /// Nodes computing exactly this function (names; `!` when a node is its complement).
        public var nodes: [String]
    }

    public struct Module: Codable, Sendable {
        public var id: Int
        /// The root's stable name (the module's one output).
        public var root: String
        public var rootVariable: Int
        /// ANDs in the module.
        public var size: Int
        /// Leaves: circuit inputs or other modules' roots.
        public var inputs: [String]
        /// Input bits in the root's transitive support, as `ctx[-p][b]`.
        public var supportBits: Int
        public var supportPositions: [Int]
        /// Class bytes whose scores the root feeds.
        public var classes: [Int]
        /// With at most 6 leaves: the root over the leaves, as hex, bit i for the leaf assignment i (leaf 0 least significant).
        public var truthTable: String?
        public var supernode: Int
        /// With a corpus: the share of training contexts on which the root is 1, and the commonest of them (last bytes).
        public var fireRate: Double?
        public var topContexts: [String]?
    }

    public struct Supernode: Codable, Sendable {
        public var id: Int
        public var name: String
        public var modules: [Int]
        public var ands: Int
        public var classes: [Int]
        public var supportPositions: [Int]
    }

    public struct Summary: Codable, Sendable {
        public var ands: Int
        public var modules: Int
        public var supernodes: Int
        public var byteFeatureNodes: Int
        public var byteFeatureFunctions: Int
        /// Share of ANDs in modules whose support is at most 8, 16 and 64 input bits.
        public var fractionUpTo8Bits: Double
        public var fractionUpTo16Bits: Double
        public var fractionUpTo64Bits: Double
        public var largestModule: Int
    }

    public var byteFeatures: [ByteFeature]
    public var modules: [Module]
    public var supernodes: [Supernode]
    public var summary: Summary
    /// For a recurrent model (analysed unrolled), its latch dependency graph; absent for a window model.
    public var latchDependencies: LatchDependencies?

    /// Analyses `model`; with `corpusContexts` (W bytes each, oldest first), fire rates and the commonest contexts of the `examples` largest modules.
    public init(model: CircuitLanguageModel, catalog: NodeCatalog, corpusContexts: [UInt8] = [], examples: Int = 20) {
        let aig = model.aig, w = model.contextLength, first = aig.firstAndVariable
        let partition = ModulePartition(aig)
        // Support per variable as input-bit words.
        let words = (aig.inputCount + 63) / 64
        var support = [UInt64](repeating: 0, count: aig.variableCount * words)
        for i in 0..<aig.inputCount { support[(1 + i) * words + i / 64] |= 1 << UInt64(i % 64) }
        for v in first ..< aig.variableCount {
            let (a, b) = aig.fanins(ofVariable: v)
            for j in 0..<words { support[v * words + j] = support[a.variable * words + j] | support[b.variable * words + j] }
        }
        func bits(_ v: Int) -> [Int] {
            (0..<aig.inputCount).filter { support[v * words + $0 / 64] >> UInt64($0 % 64) & 1 == 1 }
        }
        // Classes fed, by reverse propagation from the score outputs.
        let classWords = (model.classCount + 63) / 64
        var classes = [UInt64](repeating: 0, count: aig.variableCount * classWords)
        for (c, outputs) in model.scoreOutputs.enumerated() {
            for o in outputs { classes[aig.outputs[o].variable * classWords + c / 64] |= 1 << UInt64(c % 64) }
        }
        for v in stride(from: aig.maxVariable, through: first, by: -1) {
            let (a, b) = aig.fanins(ofVariable: v)
            for j in 0..<classWords {
                classes[a.variable * classWords + j] |= classes[v * classWords + j]
                classes[b.variable * classWords + j] |= classes[v * classWords + j]
            }
        }
        func classList(_ v: Int) -> [Int] {
            (0..<model.classCount).filter { classes[v * classWords + $0 / 64] >> UInt64($0 % 64) & 1 == 1 }.map { Int(model.classBytes[$0]) }
        }

        // Byte features: one 256-pattern simulation per position, over the ANDs whose support is that byte alone.
        let singlePosition: [Int] = (first ..< aig.variableCount).map { v in
            let positions = Set(bits(v).map { $0 / 8 + 1 })
            return positions.count == 1 ? positions.first! : 0
        }
        var features = [ByteFeature]()
        var featureNodes = 0
        for p in 1...w {
            var contexts = [UInt8](repeating: 0, count: 256 * w)
            for value in 0..<256 { contexts[value * w + w - p] = UInt8(value) }
            let values = NodeValues(model, contexts: contexts, count: 256)
            var groups = [[UInt64]: Int]()
            for v in first ..< aig.variableCount where singlePosition[v - first] == p {
                featureNodes += 1
                var table = Array(values.words(of: Literal(variable: v)))
                let complemented = table[0] & 1 == 1   // normalise: byte 0x00 is off
                if complemented { table = table.map { ~$0 } }
                let name = (complemented ? "!" : "") + catalog.name(ofVariable: v)
                if let g = groups[table] {
                    features[g].nodes.append(name)
                } else {
                    let on = ByteSet((0...255).filter { table[$0 / 64] >> UInt64($0 % 64) & 1 == 1 }.map { UInt8($0) })
                    groups[table] = features.count
                    features.append(ByteFeature(position: p, set: on.description, bytes: on.bytes.map(Int.init), nodes: [name]))
                }
            }
        }
        byteFeatures = features

        // Modules and supernodes.
        var modules = [Module]()
        var supernodeIndex = [String: Int](), supernodes = [Supernode]()
        for (m, root) in partition.roots.enumerated() {
            let s = bits(root), fed = classList(root)
            let positions = Array(Set(s.map { $0 / 8 + 1 })).sorted()
            let key: String
            if fed.count == 1 {
                key = "class \(printableByte(UInt8(fed[0]))) (0x\(hexString([UInt8(fed[0])]))): private readout"
            } else if fed.isEmpty {
                key = "dead: feeds no score"
            } else {
                key = "shared, reads " + (positions.isEmpty ? "no input" : positions.map { "ctx[-\($0)]" }.joined(separator: " "))
            }
            let sn: Int
            if let existing = supernodeIndex[key] { sn = existing } else {
                sn = supernodes.count
                supernodeIndex[key] = sn
                supernodes.append(Supernode(id: sn, name: key, modules: [], ands: 0, classes: [], supportPositions: []))
            }
            supernodes[sn].modules.append(m)
            supernodes[sn].ands += partition.members[m].count
            supernodes[sn].classes = Array(Set(supernodes[sn].classes + fed)).sorted()
            supernodes[sn].supportPositions = Array(Set(supernodes[sn].supportPositions + positions)).sorted()
            modules.append(Module(id: m, root: catalog.name(ofVariable: root), rootVariable: root, size: partition.members[m].count,
                                  inputs: partition.leaves[m].map { catalog.name(ofVariable: $0) }, supportBits: s.count,
                                  supportPositions: positions, classes: fed,
                                  truthTable: Self.truthTable(aig, members: partition.members[m], leaves: partition.leaves[m], root: root),
                                  supernode: sn, fireRate: nil, topContexts: nil))
        }
        if !corpusContexts.isEmpty {
            let count = corpusContexts.count / w
            let values = NodeValues(model, contexts: corpusContexts, count: count)
            let shown = Set(modules.indices.sorted { modules[$0].size > modules[$1].size }.prefix(examples))
            for m in modules.indices {
                let literal = Literal(variable: modules[m].rootVariable)
                var on = 0
                var tally = [String: Int]()
                let suffix = min(3, w)
                for i in 0..<count where values.value(literal, pattern: i) {
                    on += 1
                    if shown.contains(m) {
                        let text = corpusContexts[(i * w + w - suffix) ..< (i * w + w)].map(printableByte).joined()
                        tally[text, default: 0] += 1
                    }
                }
                modules[m].fireRate = Double(on) / Double(count)
                if shown.contains(m) {
                    modules[m].topContexts = tally.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3).map { "…\($0.key) (\($0.value))" }
                }
            }
        }
        self.modules = modules
        self.supernodes = supernodes
        let ands = max(aig.andCount, 1)
        func fraction(_ limit: Int) -> Double {
            Double(modules.filter { $0.supportBits <= limit }.reduce(0) { $0 + $1.size }) / Double(ands)
        }
        summary = Summary(ands: aig.andCount, modules: modules.count, supernodes: supernodes.count, byteFeatureNodes: featureNodes,
                          byteFeatureFunctions: features.count, fractionUpTo8Bits: fraction(8), fractionUpTo16Bits: fraction(16),
                          fractionUpTo64Bits: fraction(64), largestModule: modules.map(\.size).max() ?? 0)
    }

    /// The root over the leaves when there are at most 6 leaves, as hex (2^leaves bits).
    static func truthTable(_ aig: AIG, members: [Int], leaves: [Int], root: Int) -> String? {
        guard leaves.count <= 6 else { return nil }
        var values = [Int: UInt64]()
        let patterns: [UInt64] = [0xAAAA_AAAA_AAAA_AAAA, 0xCCCC_CCCC_CCCC_CCCC, 0xF0F0_F0F0_F0F0_F0F0,
                                  0xFF00_FF00_FF00_FF00, 0xFFFF_0000_FFFF_0000, 0xFFFF_FFFF_0000_0000]
        for (i, leaf) in leaves.enumerated() { values[leaf] = patterns[i] }
        values[0] = 0
        for v in members {
            let (a, b) = aig.fanins(ofVariable: v)
            values[v] = (values[a.variable]! ^ (a.isComplemented ? ~0 : 0)) & (values[b.variable]! ^ (b.isComplemented ? ~0 : 0))
        }
        let used = 1 << leaves.count
        let table = values[root]! & (used == 64 ? ~0 : (1 << UInt64(used)) - 1)
        let digits = String(table, radix: 16)
        let width = max(1, used / 4)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
