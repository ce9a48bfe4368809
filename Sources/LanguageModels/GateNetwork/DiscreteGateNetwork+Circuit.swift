import GateLMSupport
import Circuits

/// Compiling the discrete network into an And-Inverter Graph.
extension DiscreteGateNetwork {
    /// Name of embedding bit `bit` of the p-th most recent byte (`position` 0 is the most recent), e.g. `emb[-1][3]`.
    public static func embeddingName(position: Int, bit: Int) -> String { "emb[-\(position + 1)][\(bit)]" }

    /// Name of bit `bit` of the hash of the `order` most recent bytes, e.g. `hash[4][0]`.
    public static func hashName(order: Int, bit: Int) -> String { "hash[\(order)][\(bit)]" }

    /// Name of bit `bit` of the hashed table row of the `order` most recent bytes, e.g. `row[4][3]`.
    public static func hashedRowName(order: Int, bit: Int) -> String { "row[\(order)][\(bit)]" }

    /// Name of learned gate `gate` of layer `layer` (both from 0), e.g. `L1.g17` for the first layer's gate 17.
    public static func gateName(layer: Int, gate: Int) -> String { "L\(layer + 1).g\(gate)" }

    /// Name of the `index`-th readout vote of the class of `byte` (a gate of the last layer), e.g. `vote[0x61][3]`.
    public static func voteName(byte: UInt8, index: Int) -> String {
        "vote[0x\(String(byte, radix: 16, uppercase: false).leftPadded(2, with: "0"))][\(index)]"
    }

    /// Builds the network into `builder`: adds the W·8 context inputs (most
    /// recent byte first, least significant bit first) and returns each
    /// class's score as an unsigned vector (least significant bit first).
    public func build(into builder: inout AIGBuilder) -> [BitVector] {
        var names = NodeNames()
        return build(into: &builder, names: &names)
    }

    /// `build(into:)` that also names the embedding bits (`emb[-p][e]`), the
    /// learned gates (`L<l>.g<i>`, layers from 1) and the readout votes
    /// (`vote[0xNN][j]`, the last layer's gates again) with builder literals.
    public func build(into builder: inout AIGBuilder, names: inout NodeNames) -> [BitVector] {
        var context = [[Literal]]()
        for p in 0..<contextLength {
            context.append((0..<8).map { builder.addInput(name: CircuitNames.contextInput(position: p, bit: $0)) })
        }
        // Embedding: per context slot (oldest first), E functions of the byte's 8 bits,
        // each from its 256-entry truth table.
        var units = [Literal]()
        units.reserveCapacity(contextLength * embeddingBits)
        for slot in 0..<contextLength {
            for e in 0..<embeddingBits {
                let table = (0..<256).map { embedding[$0] >> UInt64(e) & 1 == 1 }
                units.append(builder.truthTable(table, inputs: context[contextLength - 1 - slot]))
                names.add(Self.embeddingName(position: contextLength - 1 - slot, bit: e), units[units.count - 1])
            }
        }
        // Hashed tables: the XOR hash of the last `order` bytes selects a row, E truth tables over the hash bits.
        for table in hashedTables {
            let hash = table.hash.build(into: &builder, context: context)
            for (i, bit) in hash.enumerated() { names.add(Self.hashName(order: table.hash.order, bit: i), bit) }
            for e in 0..<embeddingBits {
                units.append(builder.truthTable(table.rows.map { $0 >> UInt64(e) & 1 == 1 }, inputs: hash))
                names.add(Self.hashedRowName(order: table.hash.order, bit: e), units[units.count - 1])
            }
        }
        for (l, layer) in layers.enumerated() {
            units = (0..<layer.gateCount).map { g in
                builder.gate(BooleanFunction2(layer.functions[g]), units[Int(layer.inputA[g])], units[Int(layer.inputB[g])])
            }
            for (g, unit) in units.enumerated() { names.add(Self.gateName(layer: l, gate: g), unit) }
        }
        for c in 0..<classCount {
            for j in 0..<groupSize { names.add(Self.voteName(byte: classBytes[c], index: j), units[c * groupSize + j]) }
        }
        let votes = countROM?.build(into: &builder, context: context, classCount: classCount, names: &names)
        return (0..<classCount).map { c in
            let popcount = builder.popcount(Array(units[c * groupSize ..< (c + 1) * groupSize]))
            guard let votes else { return popcount }
            return builder.sum([popcount] + votes[c])
        }
    }

    /// The compiled circuit: inputs are the context bits, outputs each class's
    /// score as an unsigned integer; with `argmax`, also the class index of
    /// the first highest score (`argmax[i]`), for greedy decoding in gates.
    ///
    /// `readout` (the GroupSum temperature and ε) is recorded in a comment,
    /// so that the circuit file alone is enough to sample from the model.
    /// `structuralHashing: false` keeps every AND as written (for reporting
    /// what hashing saves); the function is the same. With `nodeNames`, the
    /// names of `build(into:names:)` are recorded in the comments too (see
    /// `NodeNames.comments(for:)`), for the interpretability commands.
    public func circuit(argmax: Bool = false, readout: ReadoutParameters? = nil, structuralHashing: Bool = true,
                        nodeNames: Bool = false) -> AIG {
        var builder = AIGBuilder(expectedAnds: 4 * gateCount, structuralHashing: structuralHashing)
        var names = NodeNames()
        let scores = build(into: &builder, names: &names)
        for (c, score) in scores.enumerated() {
            for (bit, literal) in score.enumerated() {
                builder.addOutput(literal, name: CircuitNames.scoreOutput(byte: classBytes[c], bit: bit))
            }
        }
        if argmax {
            let (index, _) = builder.argmax(scores)
            for (bit, literal) in index.enumerated() { builder.addOutput(literal, name: "argmax[\(bit)]") }
        }
        builder.comments = [
            "gatelm logic-gate language model: W=\(contextLength) E=\(embeddingBits) layers=\(layers.map(\.gateCount)) k=\(groupSize)"
                + (hashedTables.isEmpty ? "" : " hashed tables (order:bits)=\(hashedTables.map { "\($0.hash.order):\($0.hash.bits)" })"),
            "learned by gradient descent: the byte embedding, " + (hashedTables.isEmpty ? "" : "the hashed tables' rows, ")
                + "the gate functions" + (countROM == nil ? "; nothing is counted" : ", the count ROM's mixing weights"),
        ] + (countROM.map { rom in
            ["counted from the training text (not learned): the count ROM, the \(rom.slots) most frequent next bytes after contexts of orders "
             + "\(rom.tables.map { String($0.hash.order) }.joined(separator: ",")) with confidence levels; score = votes popcount + count votes"]
        } ?? []) + [
            "inputs ctx[-p][b]: bit b of the p-th most recent byte; outputs score[0xNN][i]: bit i of the class score of byte NN",
        ] + (readout.map { [$0.comment] } ?? [])
        guard nodeNames else { return builder.build() }
        var (aig, map) = builder.buildWithMap()
        aig.comments += names.remapped(map).comments(for: aig)
        return aig
    }
}
