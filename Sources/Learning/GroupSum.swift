import Foundation

/// The GroupSum readout with softmax cross-entropy.
///
/// The last layer's first `classCount · groupSize` units form one group of
/// `groupSize` gates per class (class c = units c·k ..< (c+1)·k). A class's
/// score is the sum of its group's outputs; p = softmax(score / τ) over the
/// classes; the model's probability of a byte mixes in ε of uniform
/// probability over all 256 byte values: q = (1 − ε)·p + ε/256, so a byte
/// that is no class (never seen in training) gets ε/256.
public final class GroupSum {
    /// The number of byte values the ε-uniform share is spread over.
    public static let alphabetSize = 256

    public let classCount: Int
    public let groupSize: Int
    /// τ: scores are divided by it before the softmax.
    public let temperature: Float
    /// ε: the share of uniform probability over all 256 byte values.
    public let epsilon: Float
    /// Per-sample scratch `[class * batch + sample]`, grown on demand.
    var scratch = AlignedBuffer<Float>(count: 0)
    /// Per-slice summed losses, reduced in slice order.
    var sliceLosses = AlignedBuffer<Double>(count: 0)

    /// A readout of `classCount` groups of `groupSize` gates; τ defaults to √groupSize.
    public init(classCount: Int, groupSize: Int, temperature: Float? = nil, epsilon: Float = 1e-3) {
        precondition(classCount > 0 && classCount <= Self.alphabetSize && groupSize > 0,
                     "GroupSum: need 1…256 classes and a positive group size")
        precondition(epsilon >= 0 && epsilon < 1, "GroupSum: ε must be in [0, 1)")
        self.classCount = classCount
        self.groupSize = groupSize
        self.temperature = temperature ?? Float(groupSize).squareRoot()
        self.epsilon = epsilon
        precondition(self.temperature > 0, "GroupSum: τ must be positive")
    }

    /// The number of last-layer units the readout reads: classCount · groupSize.
    public var unitCount: Int { classCount * groupSize }

    /// ln q of a byte that is no class: ln(ε / 256).
    public var unseenLogProbability: Double { log(Double(epsilon) / Double(Self.alphabetSize)) }
}

/// A summed cross-entropy over a number of predictions.
public struct CrossEntropy: Sendable, Equatable {
    /// Σ −ln q(target), in nats.
    public var nats: Double
    public var count: Int

    public init(nats: Double = 0, count: Int = 0) {
        self.nats = nats
        self.count = count
    }

    /// Σ −log₂ q(target).
    public var bits: Double { nats / log(2) }
    /// Mean nats per prediction.
    public var meanNats: Double { count == 0 ? 0 : nats / Double(count) }
    /// Mean bits per prediction (bits per byte).
    public var meanBits: Double { count == 0 ? 0 : bits / Double(count) }

    public static func + (lhs: CrossEntropy, rhs: CrossEntropy) -> CrossEntropy {
        CrossEntropy(nats: lhs.nats + rhs.nats, count: lhs.count + rhs.count)
    }
}
