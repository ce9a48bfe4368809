import Circuits

/// The state machine as one sequential AIG.
extension DiscreteTernaryRNN {
    /// Name of input bit `bit` of the byte read this step.
    public static func byteInputName(bit: Int) -> String { "x[\(bit)]" }
    /// Name of state latch `index` (1-bit state), or of bit `bit` of state unit `index` (k-bit).
    public static func stateLatchName(_ index: Int, bit: Int? = nil) -> String {
        bit.map { "h[\(index)][\($0)]" } ?? "h[\(index)]"
    }

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
        if activationBits > 1 { return multilevelCircuit(readout: parameters) }
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

    /// The k-bit state machine (k ≥ 2): latches `h[i][b]` (bit b of unit i, two's complement);
    /// every sum one carry-save adder tree over the state bits (weight ±2ᵇ, the top bit's
    /// negative) and the code bits; z a comparator with its threshold, n 2ᵏ − 1 comparators
    /// whose count (a thermometer read by a popcount) is n − lo, its top bit flipped to give
    /// two's complement; h′ a multiplexer per bit; each score an adder tree plus its offset.
    func multilevelCircuit(readout parameters: ReadoutParameters?) -> AIG {
        let k = activationBits
        var builder = AIGBuilder(expectedAnds: 8 * k * stateBits * (stateBits + codeBits))
        let x = (0..<8).map { builder.addInput(name: Self.byteInputName(bit: $0)) }
        let h = (0..<stateBits).map { i in (0..<k).map { b in builder.addLatch(reset: .zero, name: Self.stateLatchName(i, bit: b)) } }
        let c = (0..<codeBits).map { e in
            builder.truthTable((0..<256).map { code[$0] >> UInt64(e) & 1 == 1 }, inputs: x)
        }
        func sum(over state: [[Literal]], _ weights: ArraySlice<Int8>, code: [Literal]) -> (sum: BitVector, offset: Int) {
            var literals = [Literal](), values = [Int]()
            for (j, t) in weights.prefix(stateBits).enumerated() where t != 0 {
                for b in 0..<k {
                    literals.append(state[j][b])
                    values.append(Int(t) * stateBitWeight(b))
                }
            }
            for (e, t) in weights.dropFirst(stateBits).enumerated() where t != 0 {
                literals.append(code[e])
                values.append(Int(t) * codeWeight)
            }
            return builder.weightedSum(inputs: literals, weights: values)
        }
        var next = [[Literal]]()
        next.reserveCapacity(stateBits)
        for i in 0..<stateBits {
            let (zSum, zOffset) = sum(over: h, update[i].weights[...], code: c)
            let z = builder.greaterThanOrEqual(zSum, Int(update[i].threshold) + zOffset)
            let (nSum, nOffset) = sum(over: h, candidate[i].weights[...], code: c)
            let steps = candidate[i].thresholds.map { builder.greaterThanOrEqual(nSum, Int($0) + nOffset) }
            let count = builder.popcount(steps)
            next.append((0..<k).map { b in builder.mux(z, b == k - 1 ? !count.bit(b) : count.bit(b), h[i][b]) })
        }
        for i in 0..<stateBits { for b in 0..<k { builder.setNext(of: h[i][b], to: next[i][b]) } }
        for (class_, byte) in classBytes.enumerated() {
            let (terms, shift) = sum(over: next, readout[class_ * stateBits ..< (class_ + 1) * stateBits], code: [])
            precondition(shift == Int(readoutShift(class: class_)), "the adder tree's offset is the readout shift")
            let offset = Int(offsets[class_])
            let score = builder.add(terms, .constant(offset, width: BitVector.bitWidth(representing: offset)))
            let largest = readout[class_ * stateBits ..< (class_ + 1) * stateBits].reduce(0) { $0 + ($1 == 0 ? 0 : (1 << k) - 1) }
            for i in 0..<max(BitVector.bitWidth(representing: largest + offset), 1) {
                builder.addOutput(score.bit(i), name: CircuitNames.scoreOutput(byte: byte, bit: i))
            }
        }
        builder.comments = ["gatelm ternary recurrent LM: \(stateBits) state units of \(k) bits (\(latchCount) latches), \(codeBits)-bit byte code, \(classCount) classes",
                            "learned by gradient descent: the byte code, the ternary gate weights and thresholds, the ternary readout; nothing is counted",
                            "inputs x[b]: bit b of the byte read this step; latches h[i][b]: bit b of state unit i (two's complement); outputs score[0xNN][i]: bit i of the score of byte NN for the next byte"]
            + (parameters.map { [$0.comment] } ?? [])
        return builder.build().removingDanglingNodes()
    }
}
