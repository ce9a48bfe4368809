import Text

/// The discrete forward pass, bit-packed: the state is k planes of words (plane b holds bit b of
/// every unit) and the code one word, and each unit's sum is two popcounts per word, weighted by
/// the plane's bit weight.
extension DiscreteTernaryRNN {
    /// The units and the readout as sign masks over packed words, built once per model.
    public struct Kernel: Sendable {
        /// Words of one state plane.
        let stateWords: Int
        /// Per unit (update units, then candidate units): positive then negative state masks
        /// (`stateWords` each), then the positive and the negative code mask.
        let unitMasks: [UInt64]
        let unitStride: Int
        /// Per unit, `thresholdStride` thresholds (an update unit uses the first).
        let thresholds: [Int32]
        let thresholdStride: Int
        /// Per class: positive then negative masks over the units, `stateWords` each.
        let readoutMasks: [UInt64]
        /// Per class: its offset plus its readout shift (the score with every term at its least).
        let constants: [Int32]
        let stateBits: Int, codeBits: Int, classCount: Int, activationBits: Int, codeWeight: Int32
        /// The weight of each state plane in a sum.
        let planeWeights: [Int32]
        let code: [UInt64]

        init(_ model: DiscreteTernaryRNN) {
            stateBits = model.stateBits
            codeBits = model.codeBits
            classCount = model.classCount
            activationBits = model.activationBits
            codeWeight = Int32(model.codeWeight)
            code = model.code
            stateWords = (model.stateBits + 63) / 64
            unitStride = 2 * stateWords + 2
            thresholdStride = model.activationBits == 1 ? 1 : (1 << model.activationBits) - 1
            planeWeights = (0..<model.activationBits).map { Int32(model.stateBitWeight($0)) }
            let units = model.update + model.candidate
            var masks = [UInt64](repeating: 0, count: units.count * unitStride)
            var thresholds = [Int32](repeating: 0, count: units.count * thresholdStride)
            for (u, unit) in units.enumerated() {
                let base = u * unitStride
                for (j, w) in unit.weights.enumerated() where w != 0 {
                    if j < model.stateBits {
                        masks[base + (w > 0 ? 0 : stateWords) + j / 64] |= 1 << UInt64(j % 64)
                    } else {
                        masks[base + 2 * stateWords + (w > 0 ? 0 : 1)] |= 1 << UInt64(j - model.stateBits)
                    }
                }
                for (t, threshold) in unit.thresholds.enumerated() { thresholds[u * thresholdStride + t] = threshold }
            }
            unitMasks = masks
            self.thresholds = thresholds
            var readoutMasks = [UInt64](repeating: 0, count: model.classCount * 2 * stateWords)
            for c in 0..<model.classCount {
                for j in 0..<model.stateBits {
                    let w = model.readout[c * model.stateBits + j]
                    guard w != 0 else { continue }
                    readoutMasks[c * 2 * stateWords + (w > 0 ? 0 : stateWords) + j / 64] |= 1 << UInt64(j % 64)
                }
            }
            self.readoutMasks = readoutMasks
            constants = (0..<model.classCount).map { model.offsets[$0] + model.readoutShift(class: $0) }
        }

        /// A zero state: `activationBits` planes of `stateWords` words.
        public var initialState: [UInt64] { [UInt64](repeating: 0, count: activationBits * stateWords) }

        /// Reads `byte`: the state becomes h′. Allocates nothing: the old state is copied to the
        /// stack, so the state is updated in place.
        public func step(_ state: inout [UInt64], byte: UInt8) {
            precondition(state.count == activationBits * stateWords, "a state has \(activationBits * stateWords) words")
            let words = activationBits * stateWords
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words) { old in
                for w in 0..<words { old[w] = state[w] }
                let input = UnsafePointer(old.baseAddress!), c = code[Int(byte)]
                for i in 0..<stateBits where sum(unit: i, input, code: c) >= thresholds[i * thresholdStride] {
                    let mask: UInt64 = 1 << UInt64(i % 64), word = i / 64
                    let u = stateBits + i, s = sum(unit: u, input, code: c)
                    var value: Int
                    if activationBits == 1 {
                        value = s >= thresholds[u * thresholdStride] ? 1 : 0
                    } else {
                        var count = 0
                        for t in 0..<thresholdStride where s >= thresholds[u * thresholdStride + t] { count += 1 }
                        value = count ^ (1 << (activationBits - 1))   // lo + count in two's complement
                    }
                    for b in 0..<activationBits {
                        if value >> b & 1 == 1 { state[b * stateWords + word] |= mask } else { state[b * stateWords + word] &= ~mask }
                    }
                }
            }
        }

        /// Σ t·v of unit `u` over the state planes `v` and the code word `c`.
        func sum(unit u: Int, _ v: UnsafePointer<UInt64>, code c: UInt64) -> Int32 {
            var total: Int32 = 0
            let base = u * unitStride
            unitMasks.withUnsafeBufferPointer { masks in
                total = stateSum(v, masks.baseAddress! + base)
                total += codeWeight * (Int32((c & masks[base + 2 * stateWords]).nonzeroBitCount)
                                       - Int32((c & masks[base + 2 * stateWords + 1]).nonzeroBitCount))
            }
            return total
        }

        /// Σ over the state planes of the plane's weight times (the popcount of the plane under the
        /// positive mask − under the negative one); `masks` holds the positive then the negative
        /// mask, `stateWords` words each.
        @inline(__always)
        func stateSum(_ v: UnsafePointer<UInt64>, _ masks: UnsafePointer<UInt64>) -> Int32 {
            var total: Int32 = 0
            for b in 0..<activationBits {
                var plane: Int32 = 0
                for w in 0..<stateWords {
                    let bits = v[b * stateWords + w]
                    plane += Int32((bits & masks[w]).nonzeroBitCount)
                    plane -= Int32((bits & masks[stateWords + w]).nonzeroBitCount)
                }
                total += planeWeights[b] * plane
            }
            return total
        }

        /// The class scores of a state (those that predict the byte after the one just read).
        public func scores(_ state: [UInt64], into scores: inout [Int32], at start: Int = 0) {
            state.withUnsafeBufferPointer { state in
                readoutMasks.withUnsafeBufferPointer { masks in
                    for c in 0..<classCount {
                        scores[start + c] = constants[c] + stateSum(state.baseAddress!, masks.baseAddress! + c * 2 * stateWords)
                    }
                }
            }
        }
    }

    /// The packed kernel of this model.
    public var kernel: Kernel { Kernel(self) }

    /// The latches after reading `bytes` from the zero state, in latch order (bit b of unit i at
    /// i·k + b; at k = 1, element i is hᵢ).
    public func state(after bytes: some Sequence<UInt8>) -> [Bool] {
        let kernel = self.kernel
        var state = kernel.initialState
        for byte in bytes { kernel.step(&state, byte: byte) }
        let words = kernel.stateWords
        return (0..<latchCount).map { l in
            let (i, b) = (l / activationBits, l % activationBits)
            return state[b * words + i / 64] >> UInt64(i % 64) & 1 == 1
        }
    }

    /// The units' values after reading `bytes` from the zero state (integers in `stateRange`).
    public func unitValues(after bytes: some Sequence<UInt8>) -> [Int] {
        let bits = state(after: bytes)
        return (0..<stateBits).map { i in
            (0..<activationBits).reduce(0) { $0 + (bits[i * activationBits + $1] ? stateBitWeight($1) : 0) }
        }
    }

    /// Class scores at `positions` of `text` under the stream protocol of `SequentialEvaluation`
    /// (position-major, `classCount` per position).
    public func scores(of positions: Range<Int>, in text: [UInt8], warmup: Int = SequentialEvaluation.defaultWarmup,
                       segments: Int = SequentialEvaluation.defaultSegments) -> [Int32] {
        let kernel = self.kernel
        var scores = [Int32](repeating: 0, count: positions.count * classCount)
        for segment in SequentialEvaluation.segments(of: positions, count: segments, warmup: warmup) {
            var state = kernel.initialState
            for t in segment.reads {
                kernel.step(&state, byte: t < 0 ? 0 : text[t])
                if let predicted = segment.scoredPosition(afterReading: t) {
                    kernel.scores(state, into: &scores, at: (predicted - positions.lowerBound) * classCount)
                }
            }
        }
        return scores
    }
}

extension DiscreteTernaryRNN {
    /// Mean bits per byte at `positions` of `text` under the stream protocol, with p =
    /// softmax(score/τ) mixed with ε (the circuit's scoring).
    public func bitsPerByte(on text: [UInt8], positions: Range<Int>, readout: ReadoutParameters,
                            warmup: Int = SequentialEvaluation.defaultWarmup) -> Double {
        let scores = self.scores(of: positions, in: text, warmup: warmup)
        let vocabulary = ByteVocabulary(bytes: classBytes)
        var total = BitsPerByte()
        total.add(positions: positions, of: text, scores: scores, divisor: readout.temperature, vocabulary: vocabulary,
                  epsilon: readout.epsilon)
        return total.mean
    }
}
