import Foundation
import GateLMSupport
import Testing
@testable import Text

@Suite struct SoftmaxWeightTableTests {
    @Test(arguments: [0.3, 1, 5.656_854_249_492_381, 11.3, 1e-3])
    func lookedUpWeightsAreTheComputedOnesBitForBit(divisor: Double) {
        let table = SoftmaxWeightTable(divisor: divisor)
        let scores: [Int32] = Array(0...1500).map { Int32($0) }
        scores.withUnsafeBufferPointer { buffer in
            let direct = ClassScores(buffer, divisor: divisor)  // maximum 1500
            for (index, score) in scores.enumerated() {
                let lookedUp = table.weight(difference: 1500 - Int(score))
                #expect(lookedUp.bitPattern == direct.weight(ofClass: index).bitPattern, "difference \(1500 - score)")
            }
        }
    }
}

/// The sampler as it was before the weight table: `exp` per class through
/// `ClassScores`. The table-based sampler must draw the same bytes.
struct ExpSampler {
    let divisor: Double, epsilon: Double
    var generator: SplitMix64

    mutating func nextByte(_ scores: [Int32], _ vocabulary: ByteVocabulary) -> UInt8 {
        if epsilon > 0 && generator.nextUnitInterval() < epsilon { return UInt8(generator.nextIndex(below: 256)) }
        return scores.withUnsafeBufferPointer { buffer in
            let distribution = ClassScores(buffer, divisor: divisor)
            var remaining = generator.nextUnitInterval() * distribution.normalizer
            var lastWithWeight = distribution.firstBestClass
            for index in 0..<buffer.count {
                let weight = distribution.weight(ofClass: index)
                if weight > 0 { lastWithWeight = index }
                remaining -= weight
                if remaining < 0 { return vocabulary.byte(ofClass: index) }
            }
            return vocabulary.byte(ofClass: lastWithWeight)
        }
    }
}

@Suite struct SamplerWeightTableTests {
    @Test(arguments: [(1.0, 5.66, 0.0), (0.8, 11.3, 0.01), (1e-4, 4, 0), (3, 1, 0.5)])
    func drawsTheSameBytesAsExpPerClass(temperature: Double, divisor: Double, epsilon: Double) {
        let vocabulary = ByteVocabulary(bytes: Array(32...96))
        var sampler = Sampler(temperature: temperature, scoreDivisor: divisor, epsilon: epsilon, seed: 17)
        var reference = ExpSampler(divisor: divisor * temperature, epsilon: epsilon, generator: SplitMix64(seed: 17))
        var scoreSource = SplitMix64(seed: 99)
        for round in 0..<400 {
            let top = Int32(round % 3 == 0 ? 2000 : 129)   // past the table, too
            let scores = (0..<vocabulary.count).map { _ in Int32(scoreSource.nextIndex(below: Int(top))) }
            let byte = sampler.nextByte(scores: scores, vocabulary: vocabulary)
            #expect(byte == reference.nextByte(scores, vocabulary), "round \(round)")
        }
    }

    @Test func reseededSamplersAreIndependentStreamsOfTheSameDistribution() {
        let vocabulary = ByteVocabulary(bytes: Array("abcd".utf8))
        let base = Sampler(temperature: 0.9, scoreDivisor: 3, seed: 1)
        var copy = base.reseeded(5)
        var fresh = Sampler(temperature: 0.9, scoreDivisor: 3, seed: 5)
        let scores: [Int32] = [3, 9, 4, 8]
        let a = (0..<100).map { _ in copy.nextByte(scores: scores, vocabulary: vocabulary) }
        let b = (0..<100).map { _ in fresh.nextByte(scores: scores, vocabulary: vocabulary) }
        #expect(a == b)
    }

    @Test func changingTheTemperatureChangesTheWeights() {
        let vocabulary = ByteVocabulary(bytes: Array("ab".utf8))
        var sampler = Sampler(temperature: 1, scoreDivisor: 1, seed: 3)
        sampler.temperature = 1e-3
        // At T = 0.001, a score 1 lower has weight e^-1000 = 0: always "b".
        #expect((0..<200).allSatisfy { _ in sampler.nextByte(scores: [4, 5], vocabulary: vocabulary) == UInt8(ascii: "b") })
    }
}
