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

@Suite struct SamplerLanesTests {
    /// `nextBytes` against `nextByte` per stream, over many rounds (so the
    /// samplers' states must stay in step too).
    @Test(arguments: [(1.0, 5.66, 0.0, 8), (0.8, 11.3, 0.2, 5), (1e-4, 4, 0, 8), (0, 1, 0.5, 3), (1, 2, 0, 1)])
    func drawsWhatEachSamplerWouldDrawAlone(temperature: Double, divisor: Double, epsilon: Double, lanes: Int) {
        let vocabulary = ByteVocabulary(bytes: Array(32...96))
        let base = Sampler(temperature: temperature, scoreDivisor: divisor, epsilon: epsilon, seed: 0)
        var batched = (0..<lanes).map { base.reseeded(UInt64($0) * 31 + 7) }
        var alone = batched
        var scoreSource = SplitMix64(seed: 12)
        for round in 0..<300 {
            let top = round % 3 == 0 ? 2000 : 129   // past the table, too
            let columns = (0..<vocabulary.count).map { _ in
                SIMD8<Int32>((0..<8).map { _ in Int32(scoreSource.nextIndex(below: top)) })
            }
            var bytes = [UInt8](repeating: 0, count: lanes)
            batched.withUnsafeMutableBufferPointer { samplers in
                columns.withUnsafeBufferPointer { scores in
                    Sampler.nextBytes(samplers.baseAddress!, count: lanes, classMajorScores: scores,
                                      vocabulary: vocabulary, into: &bytes)
                }
            }
            for lane in 0..<lanes {
                let expected = alone[lane].nextByte(scores: columns.map { $0[lane] }, vocabulary: vocabulary)
                #expect(bytes[lane] == expected, "round \(round), lane \(lane)")
            }
        }
    }

    @Test func samplersWithDifferentSettingsAreSampledOneByOne() {
        let vocabulary = ByteVocabulary(bytes: Array("abcd".utf8))
        var samplers = [Sampler(temperature: 1, seed: 1), Sampler(temperature: 0, seed: 2), Sampler(temperature: 2, seed: 3)]
        var alone = samplers
        let columns: [SIMD8<Int32>] = [.init(repeating: 1), .init(repeating: 4), .init(repeating: 3), .init(repeating: 4)]
        var bytes = [UInt8](repeating: 0, count: 3)
        for _ in 0..<50 {
            samplers.withUnsafeMutableBufferPointer { samplers in
                columns.withUnsafeBufferPointer {
                    Sampler.nextBytes(samplers.baseAddress!, count: 3, classMajorScores: $0, vocabulary: vocabulary, into: &bytes)
                }
            }
            #expect(bytes == (0..<3).map { alone[$0].nextByte(scores: [1, 4, 3, 4], vocabulary: vocabulary) })
            #expect(bytes[1] == UInt8(ascii: "b"))
        }
    }
}
