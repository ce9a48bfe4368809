import GateLMSupport
import Foundation

/// The integer scores a compiled program outputs: for each winner, one score per class byte,
/// `score = round(scale · log₂ p) − (the row's smallest)`, so that the readout of every GateLM
/// circuit, q = (1 − ε)·softmax(score / τ) + ε/256 with τ = scale / ln 2, gives back the fitted
/// row up to rounding. The classes are the bytes the fit split contains; ε gives every other byte
/// the rows' average share. This is the ROM from the winner to per-byte scores.
public struct ScoreTable: Sendable, Hashable {
    /// The class bytes, ascending.
    public let classBytes: [UInt8]
    /// Score units per bit of log-probability.
    public let scale: Int
    public let epsilon: Double
    /// scores[winner][class].
    public let scores: [[Int32]]

    /// The scales tried, smallest first: the first whose cost on the fit split is at most
    /// `targetCost` is kept.
    public static let scales = [4, 8, 16, 32, 64, 128]
    public static let targetCost = 0.002

    /// Quantises `rows` for the classes `classBytes`, with ε for the other bytes.
    public init(rows: FittedRows, classBytes: [UInt8], epsilon: Double, scale: Int) {
        self.classBytes = classBytes
        self.scale = scale
        self.epsilon = epsilon
        scores = rows.rows.map { row in
            let raw = classBytes.map { (Double(scale) * log2(max(row[Int($0)], 1e-300))).rounded() }
            let low = raw.min() ?? 0
            return raw.map { Int32($0 - low) }
        }
    }

    /// The table for the fit split: its classes are the bytes that occur there; the scale is the
    /// smallest whose quantisation costs at most `targetCost` bits/byte on that split (measured
    /// from the fit counts), else the largest.
    public init(rows: FittedRows, winners: [Int32], text: [UInt8], fit: some Collection<Int>) {
        var seen = [Bool](repeating: false, count: 256)
        for t in fit { seen[Int(text[t])] = true }
        let classBytes = (0..<256).filter { seen[$0] }.map(UInt8.init)
        let n = Double(max(fit.count, 1))
        var byWinner = [Int: [Int: Int]]()
        for t in fit { byWinner[Int(winners[t]), default: [:]][Int(text[t]), default: 0] += 1 }
        // In a fixed order: the sums below are of doubles, and a dictionary's order changes from
        // one process to the next, which made ε and the chosen scale differ in their last bits.
        let counts = byWinner.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value.sorted { $0.key < $1.key }) }
        // ε: the rows' mass on the bytes outside the classes, averaged over the fit split's winners
        // (each such byte then gets ε/256, as the unigram's add-½ gives it on average).
        var epsilon = 0.0
        if classBytes.count < 256 {
            var unseen = 0.0
            for (w, row) in counts {
                let mass = (0..<256).reduce(0.0) { seen[$1] ? $0 : $0 + rows.rows[w][$1] }
                unseen += Double(row.reduce(0) { $0 + $1.value }) * mass
            }
            epsilon = min(0.5, unseen / n * 256 / Double(256 - classBytes.count))
        }
        var chosen: ScoreTable?
        for scale in Self.scales {
            let table = ScoreTable(rows: rows, classBytes: classBytes, epsilon: epsilon, scale: scale)
            chosen = table
            var cost = 0.0
            for (w, row) in counts {
                let q = table.distribution(ofRow: w)
                for (b, c) in row { cost += Double(c) * (log2(rows.rows[w][b]) - log2(q[b])) }
            }
            if cost / n <= Self.targetCost { break }
        }
        self = chosen!
    }

    /// τ: softmax(score / τ) = 2^(score / scale), normalised.
    public var temperature: Double { Double(scale) / M_LN2 }

    /// Bits of the widest score.
    public var bits: Int {
        let top = scores.lazy.flatMap { $0 }.max() ?? 0
        return max(1, Int.bitWidth - Int(top).leadingZeroBitCount)
    }

    /// q(b) of the row, as the circuit's readout gives it, for all 256 bytes.
    public func distribution(ofRow row: Int) -> [Double] {
        var q = [Double](repeating: ReadoutMixture.probability(0, epsilon: epsilon), count: 256)
        let s = scores[row], top = s.max() ?? 0
        let weights = s.map { exp2(Double($0 - top) / Double(scale)) }
        let total = weights.reduce(0, +)
        for (c, b) in classBytes.enumerated() { q[Int(b)] = ReadoutMixture.probability(weights[c] / total, epsilon: epsilon) }
        return q
    }

    /// Mean −log₂ q(target) over `positions` (winners per byte of the text).
    public func bitsPerByte(winners: [Int32], text: [UInt8], positions: Range<Int>) -> Double {
        guard !positions.isEmpty else { return 0 }
        var rows = [Int: [Double]]()
        var sum = 0.0
        for t in positions {
            let w = Int(winners[t])
            if rows[w] == nil { rows[w] = distribution(ofRow: w) }
            sum -= log2(rows[w]![Int(text[t])])
        }
        return sum / Double(positions.count)
    }
}
