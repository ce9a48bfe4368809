import Foundation

/// How integer scores become probabilities: q = (1 − ε)·softmax(score / τ) + ε/256.
public struct ReadoutParameters: Sendable, Hashable {
    public var temperature: Double
    public var epsilon: Double

    public init(temperature: Double, epsilon: Double) {
        self.temperature = temperature
        self.epsilon = epsilon
    }

    static let commentPrefix = "gatelm readout: "

    /// The AIGER comment line that records these parameters.
    public var comment: String { "\(Self.commentPrefix)temperature=\(temperature) epsilon=\(epsilon)" }

    /// The parameters recorded in an AIG's comments, if any.
    public init?(comments: [String]) {
        guard let line = comments.first(where: { $0.hasPrefix(Self.commentPrefix) }) else { return nil }
        var values = [String: Double]()
        for field in line.dropFirst(Self.commentPrefix.count).split(separator: " ") {
            let parts = field.split(separator: "=")
            if parts.count == 2, let value = Double(parts[1]) { values[String(parts[0])] = value }
        }
        guard let t = values["temperature"], let e = values["epsilon"], t > 0, e >= 0, e < 1 else { return nil }
        self.init(temperature: t, epsilon: e)
    }
}
