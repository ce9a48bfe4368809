import Text

/// The discrete forward pass, bit-packed: the state and the code are words of bits and each
/// unit's sum is two popcounts per word.
extension DiscreteTernaryRNN {
    /// The units and the readout as sign masks over packed words, built once per model.
    public struct Kernel: Sendable {
        /// Words of v = [h; c].
        let inputWords: Int
        /// Words of h.
        let stateWords: Int
        /// Per unit (update units, then candidate units): positive masks then negative masks, `inputWords` each.
        let unitMasks: [UInt64]
        let thresholds: [Int32]
        /// Per class: positive then negative masks over h, `stateWords` each.
        let readoutMasks: [UInt64]
        let negatives: [Int32]
        let offsets: [Int32]
        let stateBits: Int, codeBits: Int, classCount: Int
        let code: [UInt64]

        init(_ model: DiscreteTernaryRNN) {
            stateBits = model.stateBits
            codeBits = model.codeBits
            classCount = model.classCount
            code = model.code
            inputWords = (model.stateBits + model.codeBits + 63) / 64
            stateWords = (model.stateBits + 63) / 64
            var masks = [UInt64](repeating: 0, count: 2 * model.stateBits * 2 * inputWords)
            var thresholds = [Int32]()
            for (u, unit) in (model.update + model.candidate).enumerated() {
                for (j, w) in unit.weights.enumerated() where w != 0 {
                    let base = u * 2 * inputWords + (w > 0 ? 0 : inputWords)
                    masks[base + j / 64] |= 1 << UInt64(j % 64)
                }
                thresholds.append(unit.threshold)
            }
            unitMasks = masks
            self.thresholds = thresholds
            var readoutMasks = [UInt64](repeating: 0, count: model.classCount * 2 * stateWords)
            var negatives = [Int32](repeating: 0, count: model.classCount)
            for c in 0..<model.classCount {
                for j in 0..<model.stateBits {
                    let w = model.readout[c * model.stateBits + j]
                    guard w != 0 else { continue }
                    readoutMasks[c * 2 * stateWords + (w > 0 ? 0 : stateWords) + j / 64] |= 1 << UInt64(j % 64)
                    if w < 0 { negatives[c] += 1 }
                }
            }
            self.readoutMasks = readoutMasks
            self.negatives = negatives
            offsets = model.offsets
        }

        /// A zero state: `stateWords` words.
        public var initialState: [UInt64] { [UInt64](repeating: 0, count: stateWords) }

        /// Reads `byte`: the state becomes h′. Allocates nothing: v = [h; c] lives on the stack
        /// and holds the old state, so the state is updated in place.
        public func step(_ state: inout [UInt64], byte: UInt8) {
            precondition(state.count == stateWords, "a state has \(stateWords) words")
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: inputWords) { v in
                v.initialize(repeating: 0)
                for w in 0..<stateWords { v[w] = state[w] }
                let c = code[Int(byte)]
                for e in 0..<codeBits where c >> UInt64(e) & 1 == 1 {
                    let j = stateBits + e
                    v[j / 64] |= 1 << UInt64(j % 64)
                }
                let input = UnsafePointer(v.baseAddress!)
                for i in 0..<stateBits where fires(unit: i, input) {
                    let mask: UInt64 = 1 << UInt64(i % 64)
                    if fires(unit: stateBits + i, input) { state[i / 64] |= mask } else { state[i / 64] &= ~mask }
                }
            }
        }

        func fires(unit u: Int, _ v: UnsafePointer<UInt64>) -> Bool {
            var sum: Int32 = 0
            let base = u * 2 * inputWords
            unitMasks.withUnsafeBufferPointer { masks in
                for w in 0..<inputWords {
                    sum += Int32((v[w] & masks[base + w]).nonzeroBitCount)
                    sum -= Int32((v[w] & masks[base + inputWords + w]).nonzeroBitCount)
                }
            }
            return sum >= thresholds[u]
        }

        /// The class scores of a state (those that predict the byte after the one just read).
        public func scores(_ state: [UInt64], into scores: inout [Int32], at start: Int = 0) {
            for c in 0..<classCount {
                let base = c * 2 * stateWords
                var sum = offsets[c] + negatives[c]
                for w in 0..<stateWords {
                    sum += Int32((state[w] & readoutMasks[base + w]).nonzeroBitCount)
                    sum -= Int32((state[w] & readoutMasks[base + stateWords + w]).nonzeroBitCount)
                }
                scores[start + c] = sum
            }
        }
    }

    /// The packed kernel of this model.
    public var kernel: Kernel { Kernel(self) }

    /// The state bits after reading `bytes` from the zero state (bit i of the result is hᵢ).
    public func state(after bytes: some Sequence<UInt8>) -> [Bool] {
        let kernel = self.kernel
        var state = kernel.initialState
        for byte in bytes { kernel.step(&state, byte: byte) }
        return (0..<stateBits).map { state[$0 / 64] >> UInt64($0 % 64) & 1 == 1 }
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
