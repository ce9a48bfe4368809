import Text

/// What a model predicts from one context's class scores.
public struct Prediction: Sendable, Hashable {
    /// Integer score of each class, in class order.
    public var scores: [Int32]
    /// q of each class: (1 − ε)·softmax(score / τ) + ε/256.
    public var probabilities: [Double]
    /// The predicted class: the first with the highest score (greedy decoding).
    public var topClass: Int

    /// `scores[topClass]` minus the best other score (0 on a tie the
    /// first-best rule breaks; negative never).
    public var margin: Int32 {
        let best = scores[topClass]
        let other = scores.enumerated().filter { $0.offset != topClass }.map(\.element).max() ?? best
        return best - other
    }

    /// The target's score minus the best score of any other class:
    /// positive exactly when the target wins outright.
    public func margin(ofClass target: Int) -> Int32 {
        let other = scores.enumerated().filter { $0.offset != target }.map(\.element).max() ?? scores[target]
        return scores[target] - other
    }

    /// The prediction among `scores` (one per class, in class order): the first with the
    /// highest score, greedy decoding's rule.
    public static func topClass<S: Collection<Int32>>(of scores: S) -> Int {
        let best = scores.max()!
        return scores.distance(from: scores.startIndex, to: scores.firstIndex(of: best)!)
    }

    /// Whether class `c` wins against class `other` under that rule: a higher score than an
    /// earlier class's, at least a later class's. (`PredictionCircuit.beats` builds it as gates.)
    public static func beats(_ c: Int, _ other: Int, scores: [Int32]) -> Bool {
        other < c ? scores[c] > scores[other] : scores[c] >= scores[other]
    }

    /// Classes by decreasing score (ties in class order), at most `count`.
    public func ranked(_ count: Int) -> [Int] {
        Array(scores.indices.sorted { (scores[$0], -$0) > (scores[$1], -$1) }.prefix(count))
    }
}

extension CircuitLanguageModel {
    /// The readout used to turn scores into probabilities: the recorded one,
    /// or τ = 1, ε = 0 when the circuit records none.
    public var effectiveReadout: ReadoutParameters { readout ?? ReadoutParameters(temperature: 1, epsilon: 0) }

    /// The prediction for one context's class scores.
    public func prediction(scores: [Int32]) -> Prediction {
        precondition(scores.count == classCount, "one score per class")
        return Prediction(scores: scores,
                          probabilities: ScoreSoftmax.probabilities(scores: scores, divisor: effectiveReadout.temperature,
                                                                    epsilon: effectiveReadout.epsilon),
                          topClass: Prediction.topClass(of: scores))
    }

    /// The predictions for `count` contexts (W bytes each, oldest first).
    public func predictions(contexts: [UInt8], count: Int) -> [Prediction] {
        let all = scores(contexts: contexts, count: count, threads: 1)
        return (0..<count).map { i in prediction(scores: Array(all[i * classCount ..< (i + 1) * classCount])) }
    }

    /// The class of `byte`, if the model has one.
    public func classIndex(of byte: UInt8) -> Int? { classBytes.firstIndex(of: byte) }
}
