import Foundation
import Testing
import Text

@Suite struct BitsPerByteTests {
    @Test func meanOfMinusLog2Probabilities() {
        var bits = BitsPerByte()
        #expect(bits.mean.isNaN)
        bits.add(probability: 0.5)   // 1 bit
        bits.add(probability: 0.125) // 3 bits
        bits.add(probability: 1)     // 0 bits
        #expect(bits.count == 3)
        #expect(bits.totalBits == 4)
        #expect(abs(bits.mean - 4.0 / 3) < 1e-12)
        var other = BitsPerByte()
        other.add(bits: 8)
        bits.merge(other)
        #expect(bits.count == 4 && bits.totalBits == 12 && bits.mean == 3)
    }

    @Test func epsilonMixingAndItsCost() {
        #expect(BitsPerByte.mixed(probability: 0, epsilon: 0.5) == 0.5 / 256)
        #expect(BitsPerByte.mixed(probability: 1, epsilon: 0.5) == 0.5 + 0.5 / 256)
        #expect(BitsPerByte.mixed(probability: 0.25, epsilon: 0) == 0.25)
        #expect(BitsPerByte.mixingCost(epsilon: 0.5) == 1)
        #expect(BitsPerByte.mixingCost(epsilon: 0) == 0)
        // The cost bounds the extra bits of any byte: −log2 q ≤ −log2 p + cost.
        for p in [1.0, 0.5, 0.01] {
            let extra = -log2(BitsPerByte.mixed(probability: p, epsilon: 0.01)) + log2(p)
            #expect(extra <= BitsPerByte.mixingCost(epsilon: 0.01) + 1e-12)
        }
    }

    @Test func scoringClassScoresUsesTheSoftmaxOfScoreOverDivisor() {
        let vocabulary = ByteVocabulary(bytes: Array("abc".utf8))
        let scores: [Int32] = [2, 0, 0]
        // divisor 1 / ln 2: weights 2^2, 1, 1 → p(a) = 4/6, p(b) = 1/6.
        var bits = BitsPerByte()
        scores.withUnsafeBufferPointer { scores in
            bits.add(target: UInt8(ascii: "a"), scores: scores, divisor: 1 / M_LN2, vocabulary: vocabulary)
            bits.add(target: UInt8(ascii: "b"), scores: scores, divisor: 1 / M_LN2, vocabulary: vocabulary)
        }
        #expect(abs(bits.totalBits - (-log2(4.0 / 6) - log2(1.0 / 6))) < 1e-12)

        var mixed = BitsPerByte()
        scores.withUnsafeBufferPointer { scores in
            mixed.add(target: UInt8(ascii: "b"), scores: scores, divisor: 1 / M_LN2, vocabulary: vocabulary, epsilon: 0.1)
            mixed.add(target: UInt8(ascii: "z"), scores: scores, divisor: 1 / M_LN2, vocabulary: vocabulary, epsilon: 0.1)
        }
        let expected = -log2(0.9 / 6 + 0.1 / 256) - log2(0.1 / 256)
        #expect(abs(mixed.totalBits - expected) < 1e-12)
    }

    @Test func withoutEpsilonTinyProbabilitiesStayFinite() {
        let vocabulary = ByteVocabulary(bytes: [1, 2])
        var bits = BitsPerByte()
        [Int32(5000), 0].withUnsafeBufferPointer { scores in
            bits.add(target: 2, scores: scores, divisor: 1, vocabulary: vocabulary)
        }
        #expect(abs(bits.totalBits - 5000 / M_LN2) < 1e-6)
    }
}

@Suite struct ClassScoreExtremesTests {
    @Test func extremeScoresDoNotOverflow() {
        let vocabulary = ByteVocabulary(bytes: [1, 2])
        var bits = BitsPerByte()
        [Int32.min, Int32.max].withUnsafeBufferPointer { scores in
            bits.add(target: 2, scores: scores, divisor: 1e12, vocabulary: vocabulary)
        }
        // p(2) = 1 / (1 + e^(−(2^32 − 1)/1e12)) ≈ 1/2.
        #expect(abs(bits.totalBits - 1) < 1e-2)
        var sampler = Sampler(temperature: 0, seed: 1)
        #expect(sampler.nextByte(scores: [Int32.min, Int32.max], vocabulary: vocabulary) == 2)
    }
}
