import Foundation
import Testing
import Learning

@Suite struct GroupSumTests {
    static let batch = 144

    /// −Σ_s ln q(target_s) in Double, written plainly.
    static func referenceLoss(_ outputs: [Double], targets: [Int32], classes: Int, k: Int, tau: Double, epsilon: Double) -> Double {
        var loss = 0.0
        for s in 0..<batch {
            let z = (0..<classes).map { c in (0..<k).reduce(0.0) { $0 + outputs[(c * k + $1) * batch + s] } / tau }
            let m = z.max()!
            let total = z.reduce(0.0) { $0 + exp($1 - m) }
            let t = Int(targets[s])
            let p = t >= 0 ? exp(z[t] - m) / total : 0
            loss -= log((1 - epsilon) * p + epsilon / 256)
        }
        return loss
    }

    @Test func lossAndGradientMatchTheReference() {
        let classes = 5, k = 3
        let readout = GroupSum(classCount: classes, groupSize: k, temperature: 0.7, epsilon: 0.05)
        var random = TestRandom(seed: 1)
        let outputs = random.uniform(classes * k * Self.batch)
        let targets = (0..<Self.batch).map { Int32($0 % 7 == 6 ? -1 : $0 % classes) }
        let gradient = AlignedBuffer<Float>(count: outputs.count)
        let loss = readout.lossAndGradient(outputs: AlignedBuffer(outputs), targets: targets, batch: Self.batch,
                                           outputGradient: gradient, gradientScale: 1)
        let x = outputs.map(Double.init)
        let expected = Self.referenceLoss(x, targets: targets, classes: classes, k: k, tau: 0.7, epsilon: 0.05)
        #expect(abs(loss.nats - expected) < 1e-4 * expected)
        #expect(abs(loss.bits - expected / log(2)) < 1e-4 * expected)
        #expect(loss.count == Self.batch)
        let checked = Reference.sampledIndices(x.count, stride: 5)
        let numerical = Reference.numericalGradient(of: x, at: checked) {
            Self.referenceLoss($0, targets: targets, classes: classes, k: k, tau: 0.7, epsilon: 0.05)
        }
        #expect(Reference.maxRelativeError(gradient.array, numerical, at: checked) < 1e-4)
    }

    /// Score offsets (a count ROM's votes) add to the class sums; their gradient against finite differences.
    @Test func scoreOffsetsAddToTheScoresAndGetTheirGradient() {
        let classes = 4, k = 2
        let readout = GroupSum(classCount: classes, groupSize: k, temperature: 1.3, epsilon: 0.01)
        var random = TestRandom(seed: 7)
        let outputs = random.uniform(classes * k * Self.batch)
        let offsets = random.uniform(classes * Self.batch).map { $0 * 3 }
        let targets = (0..<Self.batch).map { Int32($0 % 9 == 8 ? -1 : $0 % classes) }
        // The reference: each offset as a third unit of its class's group.
        func loss(_ offsets: [Double]) -> Double {
            var extended = [Double]()
            for c in 0..<classes {
                for j in 0..<k { extended += (0..<Self.batch).map { Double(outputs[(c * k + j) * Self.batch + $0]) } }
                extended += (0..<Self.batch).map { offsets[c * Self.batch + $0] }
            }
            return Self.referenceLoss(extended, targets: targets, classes: classes, k: k + 1, tau: 1.3, epsilon: 0.01)
        }
        let offsetGradient = AlignedBuffer<Float>(count: offsets.count)
        let offsetBuffer = AlignedBuffer(offsets)
        let total = readout.lossAndGradient(outputs: AlignedBuffer(outputs), targets: targets, batch: Self.batch, outputGradient: nil,
                                            gradientScale: 1, scoreOffsets: UnsafePointer(offsetBuffer.baseAddress),
                                            offsetGradient: offsetGradient.baseAddress)
        let x = offsets.map(Double.init)
        #expect(abs(total.nats - loss(x)) < 1e-4 * loss(x))
        let checked = Reference.sampledIndices(x.count, stride: 3)
        let numerical = Reference.numericalGradient(of: x, at: checked, loss)
        #expect(Reference.maxRelativeError(offsetGradient.array, numerical, at: checked) < 1e-4)
    }

    @Test func defaultScaleGivesTheGradientOfTheMean() {
        let readout = GroupSum(classCount: 3, groupSize: 2)
        #expect(readout.temperature == Float(2).squareRoot())
        var random = TestRandom(seed: 2)
        let outputs = AlignedBuffer(random.uniform(6 * 32))
        let targets = (0..<32).map { Int32($0 % 3) }
        let summed = AlignedBuffer<Float>(count: 6 * 32), mean = AlignedBuffer<Float>(count: 6 * 32)
        _ = readout.lossAndGradient(outputs: outputs, targets: targets, batch: 32, outputGradient: summed, gradientScale: 1)
        _ = readout.lossAndGradient(outputs: outputs, targets: targets, batch: 32, outputGradient: mean)
        #expect(zip(summed.array, mean.array).allSatisfy { abs($0 / 32 - $1) < 1e-7 })
    }

    @Test func unseenTargetCostsEpsilonOver256() {
        let readout = GroupSum(classCount: 2, groupSize: 1, epsilon: 0.01)
        let outputs = AlignedBuffer<Float>([Float](repeating: 0.5, count: 2 * 16))
        let gradient = AlignedBuffer<Float>(count: 2 * 16)
        let loss = readout.lossAndGradient(outputs: outputs, targets: [Int32](repeating: -1, count: 16), batch: 16,
                                           outputGradient: gradient)
        #expect(abs(loss.meanNats + log(0.01 / 256)) < 1e-6)
        #expect(gradient.array.allSatisfy { $0 == 0 })
        #expect(readout.log2Probability(of: nil, scores: [Int32](repeating: 0, count: 2)) == log2(Double(Float(0.01)) / 256))
    }

    @Test func integerScoresCountTheOnesOfEachGroup() {
        let readout = GroupSum(classCount: 2, groupSize: 3)
        // 70 samples over two words per unit; unit u has bit s set when (s + u) % 3 == 0.
        let wordsPerUnit = 2
        var words = [UInt64](repeating: 0, count: 6 * wordsPerUnit)
        for unit in 0..<6 {
            for s in 0..<70 where (s + unit) % 3 == 0 { words[unit * wordsPerUnit + s / 64] |= 1 << UInt64(s % 64) }
        }
        let scores = readout.integerScores(outputWords: words, wordsPerUnit: wordsPerUnit, sampleCount: 70)
        // Each group of 3 consecutive units has exactly one unit with (s + u) % 3 == 0.
        #expect(scores == [Int32](repeating: 1, count: 140))
    }

    /// On 0/1 outputs the soft loss and the integer-score log₂ probabilities agree.
    @Test func discreteLog2ProbabilitiesMatchTheSoftLossOnBits() {
        let classes = 4, k = 8, batch = 64
        let readout = GroupSum(classCount: classes, groupSize: k)
        var random = TestRandom(seed: 3)
        let bits = random.bits(classes * k * batch)
        let targets = (0..<batch).map { Int32($0 % classes) }
        let soft = readout.lossAndGradient(outputs: AlignedBuffer(bits), targets: targets, batch: batch, outputGradient: nil)
        var words = [UInt64](repeating: 0, count: classes * k)
        for unit in 0..<classes * k {
            for s in 0..<batch where bits[unit * batch + s] == 1 { words[unit] |= 1 << UInt64(s) }
        }
        let scores = readout.integerScores(outputWords: words, wordsPerUnit: 1, sampleCount: batch)
        var bitsTotal = 0.0
        for s in 0..<batch {
            let sampleScores = scores[s * classes ..< (s + 1) * classes]
            let all = readout.log2Probabilities(scores: sampleScores)
            #expect(abs(all.map { exp2($0) }.reduce(0, +) - (1 - 0.001 + 0.001 * Double(classes) / 256)) < 1e-6)
            bitsTotal -= readout.log2Probability(of: Int(targets[s]), scores: sampleScores)
        }
        #expect(abs(bitsTotal - soft.bits) < 1e-4 * bitsTotal)
    }
}
