/// Sampling eight streams at once: the same draws and the same arithmetic
/// per stream as `nextByte(scores:vocabulary:)`, but the streams' sums run
/// side by side in SIMD lanes, so their long chains of dependent additions
/// overlap instead of running one after another.
extension Sampler {
    /// One byte for each of `count` (≤ 8) samplers, byte l from sampler l and
    /// lane l of the class-major `scores` (`scores[c]` holds class c's score
    /// for the eight lanes). Each byte is the one `samplers[l].nextByte`
    /// would draw from lane l's scores, and each sampler advances the same way.
    public static func nextBytes(
        _ samplers: UnsafeMutablePointer<Sampler>, count: Int,
        classMajorScores scores: UnsafeBufferPointer<SIMD8<Int32>>, vocabulary: ByteVocabulary,
        into bytes: UnsafeMutablePointer<UInt8>
    ) {
        precondition((1...8).contains(count), "one to eight lanes")
        precondition(scores.count == vocabulary.count, "one score vector per vocabulary class")
        let first = samplers[0]
        let sameSettings = (1..<count).allSatisfy {
            samplers[$0].weights?.divisor == first.weights?.divisor && samplers[$0].epsilon == first.epsilon
        }
        guard sameSettings else {
            // Mixed settings: one stream at a time.
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: scores.count) { row in
                for lane in 0..<count {
                    for c in scores.indices { row[c] = scores[c][lane] }
                    bytes[lane] = samplers[lane].nextByte(scores: UnsafeBufferPointer(row), vocabulary: vocabulary)
                }
            }
            return
        }
        guard let table = first.weights else {
            // Greedy: the first class with the largest score, no draws.
            var maximum = scores[0]
            for c in 1..<scores.count { maximum = pointwiseMax(maximum, scores[c]) }
            var best = SIMD8<Int32>(repeating: -1)
            for c in scores.indices.reversed() { best.replace(with: Int32(c), where: scores[c] .== maximum) }
            for lane in 0..<count { bytes[lane] = vocabulary.byte(ofClass: Int(best[lane])) }
            return
        }
        var maximum = scores[0], minimum = scores[0]
        for c in 1..<scores.count {
            maximum = pointwiseMax(maximum, scores[c])
            minimum = pointwiseMin(minimum, scores[c])
        }
        if Int((maximum &- minimum).max()) <= table.largestTabulatedDifference {
            table.withEntries { entries in
                sample(samplers, count: count, scores: scores, maximum: maximum, vocabulary: vocabulary, into: bytes) {
                    SoftmaxWeightTable.entries(entries, differences: $0)
                }
            }
        } else {
            sample(samplers, count: count, scores: scores, maximum: maximum, vocabulary: vocabulary, into: bytes) {
                table.weights(differences: $0)
            }
        }
    }

    /// The draws of `nextBytes`, with `weights` mapping eight score
    /// differences from the maximum to their softmax weights.
    @inline(__always)
    private static func sample(
        _ samplers: UnsafeMutablePointer<Sampler>, count: Int, scores: UnsafeBufferPointer<SIMD8<Int32>>,
        maximum: SIMD8<Int32>, vocabulary: ByteVocabulary, into bytes: UnsafeMutablePointer<UInt8>,
        weights: (SIMD8<Int32>) -> SIMD8<Double>
    ) {
        let epsilon = samplers[0].epsilon
        var normalizer = SIMD8<Double>()
        for c in scores.indices { normalizer += weights(maximum &- scores[c]) }
        // Draws in the order `nextByte` makes them; lanes that took ε's uniform byte are done.
        var remaining = SIMD8<Double>(repeating: .infinity)
        var open = SIMDMask<SIMD8<Int64>>()
        for lane in 0..<count {
            if epsilon > 0 && samplers[lane].generator.nextUnitInterval() < epsilon {
                bytes[lane] = UInt8(samplers[lane].generator.nextIndex(below: 256))
            } else {
                remaining[lane] = samplers[lane].generator.nextUnitInterval() * normalizer[lane]
                open[lane] = true
            }
        }
        // Inverse CDF in lockstep; a lane keeps the first class that takes it below 0,
        // or (rounding) the last class with weight.
        var chosen = SIMD8<Int64>(repeating: -1), lastWithWeight = SIMD8<Int64>()
        for c in scores.indices {
            if c & 7 == 0 && !any(open) { break }
            let weight = weights(maximum &- scores[c])
            remaining -= weight
            let index = SIMD8<Int64>(repeating: Int64(c))
            lastWithWeight.replace(with: index, where: weight .> 0)
            let taken = open .& (remaining .< 0)
            chosen.replace(with: index, where: taken)
            open = open .& .!taken
        }
        for lane in 0..<count where chosen[lane] >= 0 || open[lane] {
            bytes[lane] = vocabulary.byte(ofClass: Int(chosen[lane] >= 0 ? chosen[lane] : lastWithWeight[lane]))
        }
    }
}
