import Circuits

/// Compiling the discrete network into an And-Inverter Graph.
extension DiscreteGateNetwork {
    /// Names of the circuit's inputs: `ctx[-1][0]` is bit 0 (least significant) of the most recent byte.
    public static func contextInputName(position: Int, bit: Int) -> String { "ctx[-\(position + 1)][\(bit)]" }

    /// Name of bit `bit` of the score of the class of `byte`, e.g. `score[0x61][2]`.
    public static func scoreOutputName(byte: UInt8, bit: Int) -> String {
        "score[0x\(String(byte, radix: 16, uppercase: false).leftPadded(2))][\(bit)]"
    }

    /// Builds the network into `builder`: adds the W·8 context inputs (most
    /// recent byte first, least significant bit first) and returns each
    /// class's score as an unsigned vector (least significant bit first).
    public func build(into builder: inout AIGBuilder) -> [BitVector] {
        var context = [[Literal]]()
        for p in 0..<contextLength {
            context.append((0..<8).map { builder.addInput(name: Self.contextInputName(position: p, bit: $0)) })
        }
        // Embedding: per context slot (oldest first), E functions of the byte's 8 bits,
        // each from its 256-entry truth table.
        var units = [Literal]()
        units.reserveCapacity(contextLength * embeddingBits)
        for slot in 0..<contextLength {
            for e in 0..<embeddingBits {
                let table = (0..<256).map { embedding[$0] >> UInt64(e) & 1 == 1 }
                units.append(builder.truthTable(table, inputs: context[contextLength - 1 - slot]))
            }
        }
        for layer in layers {
            units = (0..<layer.gateCount).map { g in
                builder.gate(BooleanFunction2(layer.functions[g]), units[Int(layer.inputA[g])], units[Int(layer.inputB[g])])
            }
        }
        return (0..<classCount).map { c in builder.popcount(Array(units[c * groupSize ..< (c + 1) * groupSize])) }
    }

    /// The compiled circuit: inputs are the context bits, outputs each class's
    /// score as an unsigned integer; with `argmax`, also the class index of
    /// the first highest score (`argmax[i]`), for greedy decoding in gates.
    public func circuit(argmax: Bool = false) -> AIG {
        var builder = AIGBuilder(expectedAnds: 4 * gateCount)
        let scores = build(into: &builder)
        for (c, score) in scores.enumerated() {
            for (bit, literal) in score.enumerated() {
                builder.addOutput(literal, name: Self.scoreOutputName(byte: classBytes[c], bit: bit))
            }
        }
        if argmax {
            let (index, _) = builder.argmax(scores)
            for (bit, literal) in index.enumerated() { builder.addOutput(literal, name: "argmax[\(bit)]") }
        }
        builder.comments = [
            "gatelm logic-gate language model: W=\(contextLength) E=\(embeddingBits) layers=\(layers.map(\.gateCount)) k=\(groupSize)",
            "inputs ctx[-p][b]: bit b of the p-th most recent byte; outputs score[0xNN][i]: bit i of the class score of byte NN",
        ]
        return builder.build()
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
