import GateLMSupport
import Foundation
import Learning

/// Plain Double-precision references the kernels are checked against.
enum Reference {
    /// softmax of one gate's 16 logits.
    static func softmax(_ logits: ArraySlice<Double>) -> [Double] {
        let m = logits.max()!
        let e = logits.map { exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    /// The relaxed value of function `f` written out from its truth table
    /// (probabilistic semantics), independent of the coefficient table.
    static func relaxed(_ f: Int, _ a: Double, _ b: Double) -> Double {
        var value = 0.0
        for (x, y) in [(0, 0), (1, 0), (0, 1), (1, 1)] where GateFunction(rawValue: UInt8(f))!(x == 1, y == 1) {
            value += (x == 1 ? a : 1 - a) * (y == 1 ? b : 1 - b)
        }
        return value
    }

    /// f(x, y) of every function on the four corners (x, y) ∈ {0,1}², from the boolean functions.
    static let truthTables: [[Double]] = (0..<16).map { f in
        [(false, false), (true, false), (false, true), (true, true)].map {
            GateFunction(rawValue: UInt8(f))!($0.0, $0.1) ? 1.0 : 0.0
        }
    }

    /// A gate layer's forward pass: Σ_f softmax(logits)_f · f(a, b), unit-major, where
    /// f(a, b) = Σ over corners of f(corner) · P(corner) (probabilistic logic).
    static func gateForward(
        logits: [Double], first: [UInt32], second: [UInt32], input: [Double], batch: Int
    ) -> [Double] {
        let gates = first.count
        var output = [Double](repeating: 0, count: gates * batch)
        for g in 0..<gates {
            let p = softmax(logits[g * 16 ..< g * 16 + 16])
            let corner = (0..<4).map { c in (0..<16).reduce(0.0) { $0 + p[$1] * truthTables[$1][c] } }
            for s in 0..<batch {
                let a = input[Int(first[g]) * batch + s], b = input[Int(second[g]) * batch + s]
                output[g * batch + s] = corner[0] * (1 - a) * (1 - b) + corner[1] * a * (1 - b)
                    + corner[2] * (1 - a) * b + corner[3] * a * b
            }
        }
        return output
    }

    /// ∂L/∂x_i by central differences, for a scalar function of a vector.
    /// Only the coordinates in `indices` (default: all) are computed; the others are 0.
    static func numericalGradient(
        of x: [Double], step: Double = 1e-5, at indices: [Int]? = nil, _ f: ([Double]) -> Double
    ) -> [Double] {
        var gradient = [Double](repeating: 0, count: x.count)
        for i in indices ?? Array(x.indices) {
            var plus = x, minus = x
            plus[i] += step
            minus[i] -= step
            gradient[i] = (f(plus) - f(minus)) / (2 * step)
        }
        return gradient
    }

    /// Σ weights · values.
    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    /// The largest |a − b| relative to the largest |b| (or absolute when b is tiny).
    /// With `indices`, only those coordinates are compared.
    static func maxRelativeError(_ a: [Float], _ b: [Double], at indices: [Int]? = nil) -> Double {
        let indices = indices ?? Array(b.indices)
        let scale = max(indices.map { abs(b[$0]) }.max() ?? 0, 1e-3)
        return indices.map { abs(Double(a[$0]) - b[$0]) }.max()! / scale
    }

    /// Every `stride`-th index below `count`, starting at `offset`: a sample of coordinates to check.
    static func sampledIndices(_ count: Int, stride step: Int = 7, offset: Int = 3) -> [Int] {
        Array(Swift.stride(from: offset % step, to: count, by: step))
    }
}

/// Small seeded random tensors for tests.
struct TestRandom {
    var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    /// Uniform values in [low, high).
    mutating func uniform(_ count: Int, _ low: Float = 0, _ high: Float = 1) -> [Float] {
        (0..<count).map { _ in low + (high - low) * Float(generator.next() >> 40) * 0x1p-24 }
    }

    mutating func normal(_ count: Int, deviation: Float = 1) -> [Float] {
        (0..<count).map { _ in generator.nextNormal(deviation: deviation) }
    }

    mutating func bits(_ count: Int) -> [Float] { (0..<count).map { _ in Float(generator.next() & 1) } }
}
