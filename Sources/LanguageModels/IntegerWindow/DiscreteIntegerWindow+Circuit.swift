import Circuits

/// Compiling the integer model into an And-Inverter Graph: truth tables for the ROMs, carry-save
/// adder trees for the sums, comparators for the thresholds, popcounts of the thermometers.
extension DiscreteIntegerWindow {
    /// Bit `bit` of code value `value` of the p-th most recent byte (`position` 0), e.g. `code[-1][3][0]`.
    public static func codeName(position: Int, value: Int, bit: Int) -> String { "code[-\(position + 1)][\(value)][\(bit)]" }
    /// Bit `bit` of the hash of the `order` most recent bytes, e.g. `hash[4][0]`.
    public static func hashName(order: Int, bit: Int) -> String { "hash[\(order)][\(bit)]" }
    /// Bit `bit` of value `value` of the row the order-`order` table reads, e.g. `row[4][3][1]`.
    public static func rowName(order: Int, value: Int, bit: Int) -> String { "row[\(order)][\(value)][\(bit)]" }
    /// Bit `bit` of the level of unit `unit` of hidden layer `layer` (both from 0), e.g. `L1.u17[1]`.
    public static func unitName(layer: Int, unit: Int, bit: Int) -> String { "\(unitBase(layer: layer, unit: unit))[\(bit)]" }
    /// Unit `unit` of hidden layer `layer` (both from 0), e.g. `L1.u17`.
    public static func unitBase(layer: Int, unit: Int) -> String { "L\(layer + 1).u\(unit)" }

    /// Builds the model into `builder`: adds the W·8 context inputs `ctx[-p][b]` and returns each
    /// class's score, least significant bit first, naming the code and row values, the hash bits
    /// and every unit's level bits in `names`.
    public func build(into builder: inout AIGBuilder, names: inout NodeNames) -> [BitVector] {
        let k = activationBits, E = codeWidth, W = contextLength
        let context = (0..<W).map { p in (0..<8).map { builder.addInput(name: CircuitNames.contextInput(position: p, bit: $0)) } }
        // values[i][b]: bit b of input value i; inputs in training order (slots oldest first, then tables).
        var values = [[Literal]]()
        values.reserveCapacity(inputWidth)
        for slot in 0..<W {
            let position = W - 1 - slot
            for e in 0..<E {
                values.append((0..<k).map { b in
                    let bit = builder.truthTable((0..<256).map { code[$0 * E + e] >> UInt8(b) & 1 == 1 }, inputs: context[position])
                    names.add(Self.codeName(position: position, value: e, bit: b), bit)
                    return bit
                })
            }
        }
        for table in tables {
            let order = table.hash.order
            let hash = table.hash.build(into: &builder, context: context)
            for (i, bit) in hash.enumerated() { names.add(Self.hashName(order: order, bit: i), bit) }
            let rows = 1 << table.hash.bits
            for e in 0..<E {
                values.append((0..<k).map { b in
                    let bit = builder.truthTable((0..<rows).map { table.levels[$0 * E + e] >> UInt8(b) & 1 == 1 }, inputs: hash)
                    names.add(Self.rowName(order: order, value: e, bit: b), bit)
                    return bit
                })
            }
        }
        func weightedSum(_ weights: some Collection<Int8>, over values: [[Literal]]) -> (sum: BitVector, offset: Int) {
            var literals = [Literal](), multipliers = [Int]()
            for (i, t) in weights.enumerated() where t != 0 {
                for b in 0..<k {
                    literals.append(values[i][b])
                    multipliers.append(Int(t) << b)
                }
            }
            return builder.weightedSum(inputs: literals, weights: multipliers)
        }
        for (l, layer) in layers.enumerated() {
            values = layer.enumerated().map { u, unit in
                let (sum, offset) = weightedSum(unit.weights, over: values)
                let steps = unit.thresholds.map { builder.greaterThanOrEqual(sum, Int($0) + offset) }
                let level = builder.popcount(steps)
                return (0..<k).map { b in
                    names.add(Self.unitName(layer: l, unit: u, bit: b), level.bit(b))
                    return level.bit(b)
                }
            }
        }
        let units = layers.last!.count
        return (0..<classCount).map { c in
            let (sum, shift) = weightedSum(readout[c * units ..< (c + 1) * units], over: values)
            precondition(shift == readoutShift(class: c), "the adder tree's offset is the readout shift")
            let offset = Int(offsets[c])
            let largest = readout[c * units ..< (c + 1) * units].reduce(0) { $0 + ($1 == 0 ? 0 : largestLevel) } + offset
            let score = builder.add(sum, .constant(offset, width: BitVector.bitWidth(representing: offset)))
            return Array(score.prefix(max(BitVector.bitWidth(representing: largest), 1)))
        }
    }

    /// The compiled circuit: inputs `ctx[-p][b]`, outputs `score[0xNN][i]`; with `argmax`, also
    /// the index of the first highest score (`argmax[i]`); `readout` recorded in a comment; with
    /// `nodeNames`, the names of `build(into:names:)` too.
    public func circuit(argmax: Bool = false, readout: ReadoutParameters? = nil, nodeNames: Bool = false) -> AIG {
        var builder = AIGBuilder(expectedAnds: 16 * activationBits * unitCount * 64)
        var names = NodeNames()
        let scores = build(into: &builder, names: &names)
        for (c, score) in scores.enumerated() {
            for (bit, literal) in score.enumerated() { builder.addOutput(literal, name: CircuitNames.scoreOutput(byte: classBytes[c], bit: bit)) }
        }
        if argmax {
            let (index, _) = builder.argmax(scores)
            for (bit, literal) in index.enumerated() { builder.addOutput(literal, name: "argmax[\(bit)]") }
        }
        builder.comments = [
            "gatelm integer window LM: W=\(contextLength) E=\(codeWidth) k=\(activationBits) layers=\(layers.map(\.count))"
                + (tables.isEmpty ? "" : " hashed tables (order:bits)=\(tables.map { "\($0.hash.order):\($0.hash.bits)" })") + " classes=\(classCount)",
            "learned by gradient descent: the \(activationBits)-bit byte code" + (tables.isEmpty ? "" : " and table rows")
                + ", the ternary weights and integer thresholds of every unit, the ternary readout and its offsets; nothing is counted",
            "inputs ctx[-p][b]: bit b of the p-th most recent byte; units L<l>.u<i>[b]: bit b of a unit's level; outputs score[0xNN][i]: bit i of the class score of byte NN",
        ] + (readout.map { [$0.comment] } ?? [])
        guard nodeNames else { return builder.build().removingDanglingNodes() }
        var (aig, map) = builder.buildWithMap()
        aig.comments += names.remapped(map).comments(for: aig)
        return aig
    }
}
