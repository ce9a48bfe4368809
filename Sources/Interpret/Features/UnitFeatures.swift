import Circuits
import LanguageModels

/// The k-bit units of a compiled model as features: for every unit the circuit names
/// (`L1.u17[0]` … `L1.u17[k−1]`, the level's bits, least significant first), how often it takes
/// each of its 2ᵏ levels over a run of corpus positions, and the contexts that drive it highest.
/// Exact by construction: the levels are read off the simulated circuit itself, with no
/// replacement model and no error term.
public struct UnitFeatures: Sendable, Encodable {
    /// One unit.
    public struct Unit: Sendable, Encodable {
        /// `L1.u17`.
        public var name: String
        /// `L1`.
        public var layer: String
        /// k: bits of its level.
        public var bits: Int
        /// `level_counts[j]`: positions where its level is j (2ᵏ entries).
        public var levelCounts: [Int]
        public var meanLevel: Double
        /// Whether it took one level on every position measured (a dead or saturated unit).
        public var constant: Bool
        /// The positions driving it highest: highest level first, then earliest.
        public var top: [Example]
    }

    /// A context where a unit reached a level.
    public struct Example: Sendable, Encodable {
        public var level: Int
        /// The predicted byte's position in the corpus.
        public var position: Int
        /// The W context bytes, oldest first, as people read them.
        public var context: String
    }

    public var units: [Unit]
    /// The units' input-invariant wiring, where the model file has it (a trained integer model,
    /// not a bare circuit): `FamilyModel.unitConnections`.
    public var connections: [UnitConnections]?
    /// The first position measured and how many.
    public var firstPosition: Int
    public var positions: Int

    /// The units `model` names: every base name `X` with names `X[0]` … `X[k−1]` whose base has
    /// a `.u` after its layer (`L1.u17`), in naming order, with each bit's literal (a constant
    /// one too: a level bit a unit never sets, or always sets, is folded to a constant).
    /// The value each variable of a unit's level bits must hold for the unit to be at `level`, or nil when
    /// the level is unreachable: a constant bit, or two bits on one variable (the compiler merged equal or
    /// complementary level bits), may rule it out. Holding all of them, not only some, keeps a patched bit
    /// from recomputing another (a popcount's low bit reads its carry).
    public static func heldValues(bits: [Literal], level: Int) -> [Int: Bool]? {
        var required = [Int: Bool]()
        for (b, bit) in bits.enumerated() {
            let wanted = level >> b & 1 == 1
            if bit.variable == 0 {
                guard wanted == (bit == .true) else { return nil }
                continue
            }
            let variableValue = wanted != bit.isComplemented
            if let other = required[bit.variable], other != variableValue { return nil }
            required[bit.variable] = variableValue
        }
        return required
    }

    public static func units(in model: CircuitLanguageModel) -> [(name: String, bits: [Literal])] {
        var order = [String](), bits = [String: [Int: Literal]]()
        for entry in model.nodeNames.entries {
            let name = entry.name
            guard name.hasSuffix("]"), let open = name.lastIndex(of: "["),
                  let bit = Int(name[name.index(after: open) ..< name.index(before: name.endIndex)]), bit >= 0, bit < 16 else { continue }
            let base = String(name[..<open])
            guard let dot = base.firstIndex(of: "."), base[base.index(after: dot)...].hasPrefix("u") else { continue }
            if bits[base] == nil { order.append(base) }
            bits[base, default: [:]][bit] = entry.literal
        }
        return order.compactMap { base in
            let found = bits[base]!
            guard let k = found.keys.max(), (0...k).allSatisfy({ found[$0] != nil }) else { return nil }
            return (base, (0...k).map { found[$0]! })
        }
    }

    /// Measures every unit of `model` on the corpus positions `positions` of `text`, simulating
    /// the circuit `chunk` contexts at a time; keeps `top` examples per unit.
    public init(model: CircuitLanguageModel, text: [UInt8], positions: Range<Int>, top: Int, chunk: Int = 1024) {
        precondition(top >= 0 && chunk >= 1 && positions.lowerBound >= 0 && positions.upperBound <= text.count, "positions inside the text")
        let found = Self.units(in: model)
        var levels = [[UInt8]](repeating: [], count: found.count)
        for index in levels.indices { levels[index].reserveCapacity(positions.count) }
        for start in stride(from: positions.lowerBound, to: positions.upperBound, by: chunk) {
            let range = start ..< min(start + chunk, positions.upperBound)
            let values = NodeValues(model, contexts: model.contexts(of: range, in: text), count: range.count)
            for (u, unit) in found.enumerated() {
                // A constant bit's word is all ones or all zeros.
                let words = unit.bits.map { bit -> ArraySlice<UInt64> in
                    bit.variable == 0 ? ArraySlice(repeating: bit == .true ? ~0 : 0, count: (range.count + 63) / 64) : values.words(of: bit)
                }
                for p in 0..<range.count {
                    var level = 0
                    for (b, w) in words.enumerated() where w[w.startIndex + p / 64] >> UInt64(p % 64) & 1 == 1 { level |= 1 << b }
                    levels[u].append(UInt8(level))
                }
            }
        }
        let W = model.contextLength
        units = found.enumerated().map { u, unit in
            var counts = [Int](repeating: 0, count: 1 << unit.bits.count)
            for level in levels[u] { counts[Int(level)] += 1 }
            let total = levels[u].count
            let mean = total == 0 ? 0 : Double(counts.enumerated().reduce(0) { $0 + $1.offset * $1.element }) / Double(total)
            // Highest level first, then earliest position.
            var best = [Int]()
            for level in counts.indices.reversed() where best.count < top && counts[level] > 0 {
                for i in levels[u].indices where levels[u][i] == level {
                    best.append(i)
                    if best.count == top { break }
                }
            }
            let examples = best.map { i -> Example in
                let position = positions.lowerBound + i
                let context = model.contexts(of: position ..< position + 1, in: text)
                return Example(level: Int(levels[u][i]), position: position, context: context.prefix(W).map(printableByte).joined())
            }
            return Unit(name: unit.name, layer: String(unit.name.prefix { $0 != "." }), bits: unit.bits.count, levelCounts: counts,
                        meanLevel: mean, constant: counts.filter { $0 > 0 }.count <= 1, top: examples)
        }
        firstPosition = positions.lowerBound
        self.positions = positions.count
    }
}
