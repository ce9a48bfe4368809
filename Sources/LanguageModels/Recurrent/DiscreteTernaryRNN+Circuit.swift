import Circuits

/// The state machine as one sequential AIG.
extension DiscreteTernaryRNN {
    /// Name of input bit `bit` of the byte read this step.
    public static func byteInputName(bit: Int) -> String { "x[\(bit)]" }
    /// Name of state latch `index`.
    public static func stateLatchName(_ index: Int) -> String { "h[\(index)]" }

    /// The sequential AIG: inputs `x[0..7]` (the byte read this step, least significant bit
    /// first), latches `h[i]` (reset 0, next = h′ᵢ), outputs `score[0xNN][i]`, the class scores
    /// computed from h′, so the outputs after reading byte t predict byte t + 1.
    ///
    /// Each code bit is a truth table over the 8 input bits; each gate a popcount of its signed
    /// literals compared with a constant (`thresholdNeuron`); h′ᵢ a multiplexer; each score a
    /// popcount of signed state literals plus the class's constant offset. With `readout`, the
    /// readout parameters are recorded in the comments, as the window family does. ANDs that reach
    /// no output or latch are left out.
    public func circuit(readout parameters: ReadoutParameters? = nil) -> AIG {
        var builder = AIGBuilder(expectedAnds: 4 * stateBits * (stateBits + codeBits))
        let x = (0..<8).map { builder.addInput(name: Self.byteInputName(bit: $0)) }
        let h = (0..<stateBits).map { builder.addLatch(reset: .zero, name: Self.stateLatchName($0)) }
        let c = (0..<codeBits).map { e in
            builder.truthTable((0..<256).map { code[$0] >> UInt64(e) & 1 == 1 }, inputs: x)
        }
        let v = h + c
        var next = [Literal]()
        next.reserveCapacity(stateBits)
        for i in 0..<stateBits {
            let z = builder.thresholdNeuron(inputs: v, weights: update[i].weights, threshold: Int(update[i].threshold))
            let n = builder.thresholdNeuron(inputs: v, weights: candidate[i].weights, threshold: Int(candidate[i].threshold))
            next.append(builder.mux(z, n, h[i]))
        }
        for i in 0..<stateBits { builder.setNext(of: h[i], to: next[i]) }
        for (k, byte) in classBytes.enumerated() {
            let (terms, _) = AIGBuilder.signedTerms(inputs: next, weights: Array(readout[k * stateBits ..< (k + 1) * stateBits]))
            let offset = Int(offsets[k])
            let score = builder.add(builder.popcount(terms), .constant(offset, width: BitVector.bitWidth(representing: offset)))
            // Trim constant-false high bits so every class has as many bits as its largest score needs.
            let width = BitVector.bitWidth(representing: terms.count + offset)
            for i in 0..<max(width, 1) {
                builder.addOutput(score.bit(i), name: CircuitNames.scoreOutput(byte: byte, bit: i))
            }
        }
        builder.comments = ["gatelm ternary recurrent LM: \(stateBits) state latches, \(codeBits)-bit byte code, \(classCount) classes",
                            "learned by gradient descent: the byte code, the ternary gate weights and thresholds, the ternary readout; nothing is counted",
                            "inputs x[b]: bit b of the byte read this step; latches h[i]: the state; outputs score[0xNN][i]: bit i of the score of byte NN for the next byte"]
            + (parameters.map { [$0.comment] } ?? [])
        // Without the ANDs no output or latch reads (unused adder carries), so that ABC, which drops
        // them when it reads the file, reports the same AND count.
        return builder.build().removingDanglingNodes()
    }
}
