import Foundation

/// Next-byte distributions per winner, fitted on a split of the text: for the unigram,
/// p_U(b) = (n[b] + ½)/(N + 128); for prediction label P, p_P(b) = (n_P[b] + β·p_base(b))/(n_P + β),
/// where n_P counts the fitted positions P won and base is P's declared back-off parent (else the
/// unigram). Every probability is positive, so bits/byte is finite for every program.
public struct FittedRows: Sendable {
    /// rows[k][b]: the probability of byte b when winner k won (the last row is the unigram's).
    public let rows: [[Double]]
    /// β of the Dirichlet smoothing.
    public let beta: Double

    /// Why the back-off lines do not resolve to prediction labels.
    public struct InvalidBackoff: Error, CustomStringConvertible {
        public var description: String
    }

    /// Fits on the targets `fit` of `text`, whose winners are `winners` (one per byte, `SymbolicInterpreter.winners`).
    public init(interpreter: SymbolicInterpreter, winners: [Int32], text: [UInt8], fit: some Collection<Int>) throws(InvalidBackoff) {
        precondition(winners.count == text.count, "one winner per byte")
        let p = interpreter.predictionLabels.count
        var beta = 1.0
        var parent = [Int](repeating: p, count: p)
        let index = Dictionary(interpreter.predictionLabels.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        func resolve(_ pattern: LabelPattern) -> [Int] {
            if case .label(let l) = pattern { return index[l].map { [$0] } ?? [] }
            return interpreter.universe.numbers(of: pattern).compactMap { index[interpreter.universe.labels[$0]] }
        }
        for statement in interpreter.program.unembed.compactMap(\.statement) {
            switch statement {
            case .smooth(let b): beta = b
            case .backoff(let label, let to):
                let parents = resolve(to)
                guard parents.count == 1 else { throw InvalidBackoff(description: "backoff \(label) -> \(to): the parent must be one prediction label; it names \(parents.count)") }
                for child in resolve(label) { parent[child] = parents[0] }
            case .order: break
            }
        }
        var counts = [[Double]](repeating: [Double](repeating: 0, count: 256), count: p + 1), totals = [Double](repeating: 0, count: p + 1)
        for t in fit {
            let w = Int(winners[t])
            counts[w][Int(text[t])] += 1
            counts[p][Int(text[t])] += w == p ? 0 : 1   // the unigram row counts every byte
            totals[w] += 1
            if w != p { totals[p] += 1 }
        }
        let n = Double(fit.count)
        var rows = [[Double]?](repeating: nil, count: p + 1)
        rows[p] = (0..<256).map { (counts[p][$0] + 0.5) / (n + 128) }
        func row(_ k: Int, depth: Int) -> [Double] {
            if let r = rows[k] { return r }
            let base = depth > p ? rows[p]! : row(parent[k], depth: depth + 1)
            // A label that never won keeps its base row (shared, not copied).
            let r = totals[k] == 0 ? base : (0..<256).map { (counts[k][$0] + beta * base[$0]) / (totals[k] + beta) }
            rows[k] = r
            return r
        }
        for k in 0..<p { _ = row(k, depth: 0) }
        self.rows = rows.map { $0! }
        self.beta = beta
    }

    /// Mean −log₂ p(target) over `positions`.
    public func bitsPerByte(winners: [Int32], text: [UInt8], positions: Range<Int>) -> Double {
        guard !positions.isEmpty else { return 0 }
        var sum = 0.0
        for t in positions { sum -= log2(rows[Int(winners[t])][Int(text[t])]) }
        return sum / Double(positions.count)
    }
}
