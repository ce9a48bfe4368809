import GateLMSupport
import Foundation
import Testing
import Learning

@Suite struct EmbeddingTests {
    static let batch = 144, contextLength = 3, bits = 4

    static func contexts(seed: UInt64) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        // A small alphabet so bytes repeat across samples and positions.
        return (0..<batch * contextLength).map { _ in UInt8(random.next() % 5) * 51 }
    }

    @Test func forwardLaysOutPositionBitUnits() {
        let embedding = Embedding(bitsPerByte: Self.bits, seed: 1)
        let contexts = Self.contexts(seed: 2)
        let output = AlignedBuffer<Float>(count: Self.contextLength * Self.bits * Self.batch)
        embedding.forward(contexts: contexts, contextLength: Self.contextLength, batch: Self.batch, output: output)
        for s in [0, 17, 143] {
            for p in 0..<Self.contextLength {
                for e in 0..<Self.bits {
                    let theta = embedding.logits[Int(contexts[s * Self.contextLength + p]) * Self.bits + e]
                    #expect(abs(output[(p * Self.bits + e) * Self.batch + s] - 1 / (1 + exp(-theta))) < 1e-6)
                }
            }
        }
    }

    /// Σ weight · sigmoid(θ) over every (sample, slot, bit) output of a lookup of `rows`: the loss
    /// whose gradient `backward` computes when the output gradient is `weights`.
    static func weightedSum(_ theta: [Double], rows: [Int], slots: Int, bits: Int, batch: Int, weights: [Float]) -> Double {
        var loss = 0.0
        for s in 0..<batch {
            for slot in 0..<slots {
                for e in 0..<bits {
                    let t = theta[rows[s * slots + slot] * bits + e]
                    loss += Double(weights[(slot * bits + e) * batch + s]) / (1 + exp(-t))
                }
            }
        }
        return loss
    }

    @Test func gradientMatchesFiniteDifferences() {
        let (batch, length, bits) = (Self.batch, Self.contextLength, Self.bits)
        let embedding = Embedding(bitsPerByte: bits, seed: 3)
        let contexts = Self.contexts(seed: 4)
        var random = TestRandom(seed: 5)
        let weights = random.normal(length * bits * batch)
        embedding.backward(contexts: contexts, contextLength: length, batch: batch, outputGradient: AlignedBuffer(weights))
        let numerical = Reference.numericalGradient(of: embedding.logits.array.map(Double.init)) { theta in
            Self.weightedSum(theta, rows: contexts.map(Int.init), slots: length, bits: bits, batch: batch, weights: weights)
        }
        #expect(Reference.maxRelativeError(embedding.logitGradient.array, numerical) < 1e-4)
        // Bytes that never occur get no gradient.
        #expect(embedding.logitGradient[1 * bits] == 0)
    }

    @Test func discreteForwardThresholdsTheLogits() {
        let embedding = Embedding(bitsPerByte: Self.bits, seed: 6)
        let table = embedding.discretized()
        #expect(table == embedding.logits.array.map { $0 > 0 })
        let contexts = Self.contexts(seed: 7)
        let (words, wordsPerUnit) = Embedding.discreteForward(bits: table, bitsPerByte: Self.bits,
                                                              contexts: contexts, contextLength: Self.contextLength)
        #expect(wordsPerUnit == 3)
        for s in 0..<Self.batch {
            for p in 0..<Self.contextLength {
                for e in 0..<Self.bits {
                    let unit = p * Self.bits + e
                    let bit = words[unit * wordsPerUnit + s / 64] >> UInt64(s % 64) & 1 == 1
                    #expect(bit == table[Int(contexts[s * Self.contextLength + p]) * Self.bits + e])
                }
            }
        }
    }

    /// A hashed-context table: many rows, indexed per sample, written at an offset of a larger buffer.
    @Test func indexedTableForwardAndGradientMatchFiniteDifferences() {
        let (batch, rows, bits, slots, offsetUnits) = (Self.batch, 37, 3, 2, 5)
        let table = Embedding(rows: rows, bitsPerRow: bits, seed: 8)
        #expect(table.rowCount == rows && table.logits.count == rows * bits)
        var random = SplitMix64(seed: 9)
        // Rows cluster on a few values so that samples share rows; row 36 is never used.
        let indices = (0..<batch * slots).map { _ in UInt32(random.next() % 6) * 7 }
        let output = AlignedBuffer<Float>(count: (offsetUnits + slots * bits) * batch)
        indices.withUnsafeBufferPointer { indices in
            table.forward(rows: indices.baseAddress!, slots: slots, batch: batch,
                          output: output.baseAddress + offsetUnits * batch, workers: 2)
        }
        for s in [0, 50, 143] {
            for slot in 0..<slots {
                for e in 0..<bits {
                    let theta = table.logits[Int(indices[s * slots + slot]) * bits + e]
                    #expect(abs(output[(offsetUnits + slot * bits + e) * batch + s] - 1 / (1 + exp(-theta))) < 1e-6)
                }
            }
        }
        #expect((0..<offsetUnits * batch).allSatisfy { output[$0] == 0 })   // nothing written before the offset
        var normal = TestRandom(seed: 10)
        let weights = normal.normal(slots * bits * batch)
        indices.withUnsafeBufferPointer { indices in
            weights.withUnsafeBufferPointer { weights in
                table.backward(rows: indices.baseAddress!, slots: slots, batch: batch, outputGradient: weights.baseAddress!, workers: 2)
            }
        }
        let numerical = Reference.numericalGradient(of: table.logits.array.map(Double.init)) { theta in
            Self.weightedSum(theta, rows: indices.map(Int.init), slots: slots, bits: bits, batch: batch, weights: weights)
        }
        #expect(Reference.maxRelativeError(table.logitGradient.array, numerical) < 1e-4)
        #expect(table.logitGradient[36 * bits] == 0)
    }
}
