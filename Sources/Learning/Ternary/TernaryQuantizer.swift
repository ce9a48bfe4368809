/// Ternarisation of float shadow weights, row by row (TWN, Li et al. 2016): a weight becomes
/// sign(w) when |w| > Δ and 0 otherwise, with Δ = `deltaFactor`·mean|w| over its row.
/// `deltaFactor` is the sparsity knob: 0.7 is TWN's choice; larger values give more zeros.
public struct TernaryQuantizer: Sendable, Hashable {
    public var deltaFactor: Float

    public init(deltaFactor: Float = 0.7) {
        precondition(deltaFactor.isFinite && deltaFactor >= 0, "Δ factor must be finite and ≥ 0")
        self.deltaFactor = deltaFactor
    }

    /// The ternary values of `rows` rows of `columns` floats each, row-major; returns the count
    /// of non-zero weights in each row.
    @discardableResult
    public func quantize(_ weights: UnsafePointer<Float>, rows: Int, columns: Int,
                         into ternary: UnsafeMutablePointer<Int8>) -> [Int] {
        var nonzero = [Int](repeating: 0, count: rows)
        for r in 0..<rows {
            let row = weights + r * columns, out = ternary + r * columns
            var sum: Float = 0
            for j in 0..<columns { sum += abs(row[j]) }
            let delta = deltaFactor * sum / Float(max(columns, 1))
            var count = 0
            for j in 0..<columns {
                let w = row[j]
                let t: Int8 = w > delta ? 1 : (w < -delta ? -1 : 0)
                out[j] = t
                count += t == 0 ? 0 : 1
            }
            nonzero[r] = count
        }
        return nonzero
    }

    /// The ternary values of one row.
    public func quantize(row: [Float]) -> [Int8] {
        var out = [Int8](repeating: 0, count: row.count)
        row.withUnsafeBufferPointer { w in
            out.withUnsafeMutableBufferPointer { quantize(w.baseAddress!, rows: 1, columns: row.count, into: $0.baseAddress!) }
        }
        return out
    }
}
