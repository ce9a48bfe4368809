import Foundation

extension GroupSum {
    /// Integer class scores of the discretised network: the number of 1 outputs
    /// in each group. `outputWords` is `[units × wordsPerUnit]` (rows
    /// 0 ..< unitCount read, sample s in bit s % 64 of word s / 64).
    /// Returns `[sample * classCount + class]`.
    public func integerScores(outputWords: [UInt64], wordsPerUnit: Int, sampleCount: Int) -> [Int32] {
        Self.integerScores(outputWords: outputWords, wordsPerUnit: wordsPerUnit, sampleCount: sampleCount,
                           classCount: classCount, groupSize: groupSize)
    }

    /// `integerScores` for any readout shape: class c owns units c·k ..< (c+1)·k.
    public static func integerScores(
        outputWords: [UInt64], wordsPerUnit: Int, sampleCount: Int, classCount: Int, groupSize: Int
    ) -> [Int32] {
        precondition(outputWords.count >= classCount * groupSize * wordsPerUnit && sampleCount <= wordsPerUnit * 64,
                     "GroupSum.integerScores: too few output words")
        var scores = [Int32](repeating: 0, count: sampleCount * classCount)
        for c in 0..<classCount {
            for j in 0..<groupSize {
                let row = (c * groupSize + j) * wordsPerUnit
                for word in 0..<wordsPerUnit {
                    var bits = outputWords[row + word]
                    while bits != 0 {
                        let sample = word * 64 + bits.trailingZeroBitCount
                        if sample < sampleCount { scores[sample * classCount + c] += 1 }
                        bits &= bits - 1
                    }
                }
            }
        }
        return scores
    }

    /// log₂ q of every class given one sample's integer scores (`classCount` of
    /// them): q = (1 − ε)·softmax(score / τ) + ε/256, in Double. Discrete
    /// evaluation and circuit evaluation both use this, so their bits per byte agree exactly.
    public func log2Probabilities(scores: some Collection<Int32>) -> [Double] {
        precondition(scores.count == classCount, "GroupSum: expected \(classCount) scores, got \(scores.count)")
        let inverseTemperature = 1 / Double(temperature)
        let z = scores.map { Double($0) * inverseTemperature }
        let maximum = z.max()!
        let exponentials = z.map { exp($0 - maximum) }
        var total = 0.0
        for e in exponentials { total += e }
        let keep = 1 - Double(epsilon), uniform = Double(epsilon) / Double(Self.alphabetSize)
        return exponentials.map { log2(keep * ($0 / total) + uniform) }
    }

    /// log₂ q of the class `targetClass` (nil or −1: a byte that is no class) given integer scores.
    public func log2Probability(of targetClass: Int?, scores: some Collection<Int32>) -> Double {
        guard let targetClass, targetClass >= 0 else { return log2(Double(epsilon) / Double(Self.alphabetSize)) }
        return log2Probabilities(scores: scores)[targetClass]
    }
}
