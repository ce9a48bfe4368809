import Testing
import Text

@Suite struct SamplerTests {
    let vocabulary = ByteVocabulary(bytes: Array("abcd".utf8))

    func draw(_ sampler: inout Sampler, scores: [Int32], count: Int) -> [UInt8] {
        (0..<count).map { _ in sampler.nextByte(scores: scores, vocabulary: vocabulary) }
    }

    @Test func sameSeedSameBytes() {
        var first = Sampler(temperature: 1, scoreDivisor: 2, seed: 42)
        var second = Sampler(temperature: 1, scoreDivisor: 2, seed: 42)
        var other = Sampler(temperature: 1, scoreDivisor: 2, seed: 43)
        let a = draw(&first, scores: [1, 2, 3, 2], count: 200)
        #expect(a == draw(&second, scores: [1, 2, 3, 2], count: 200))
        #expect(a != draw(&other, scores: [1, 2, 3, 2], count: 200))
    }

    @Test func greedyPicksTheFirstLargestScore() {
        var sampler = Sampler(temperature: 0, epsilon: 0.5, seed: 1)
        #expect(draw(&sampler, scores: [1, 7, 3, 7], count: 50).allSatisfy { $0 == UInt8(ascii: "b") })
        #expect(sampler.nextByte(scores: [9, 9, 9, 9], vocabulary: vocabulary) == UInt8(ascii: "a"))
    }

    @Test func temperatureTowardsZeroBehavesLikeGreedy() {
        var sampler = Sampler(temperature: 1e-6, scoreDivisor: 4, seed: 5)
        #expect(draw(&sampler, scores: [1, 2, 6, 5], count: 200).allSatisfy { $0 == UInt8(ascii: "c") })
    }

    @Test func samplesFollowTheSoftmaxOfTheScores() {
        // divisor 1 / ln 2 → weights 2^score: 1, 2, 4, 1 over a, b, c, d.
        var sampler = Sampler(temperature: 1, scoreDivisor: 1 / 0.693_147_180_559_945_3, seed: 9)
        let bytes = draw(&sampler, scores: [0, 1, 2, 0], count: 16_000)
        let expected = [2000, 4000, 8000, 2000]
        for (index, byte) in vocabulary.bytes.enumerated() {
            let count = bytes.filter { $0 == byte }.count
            #expect(abs(count - expected[index]) < 300, "byte \(byte): \(count)")
        }
    }

    @Test func epsilonDrawsBytesOutsideTheVocabulary() {
        var sampler = Sampler(temperature: 1, epsilon: 0.5, seed: 11)
        let bytes = draw(&sampler, scores: [0, 0, 0, 100], count: 2000)
        let outside = bytes.filter { !vocabulary.contains($0) }.count
        // P(outside) = ε · 252/256 ≈ 0.49.
        #expect((880...1090).contains(outside), "\(outside)")
        #expect(bytes.contains(UInt8(ascii: "d")))
    }
}
