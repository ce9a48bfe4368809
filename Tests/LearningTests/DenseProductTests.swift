import GateLMSupport
import Learning
import Testing

@Suite struct DenseProductTests {
    static func naive(_ a: [Float], _ ta: Bool, _ b: [Float], _ tb: Bool, m: Int, n: Int, k: Int) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = 0
                for l in 0..<k { sum += (ta ? a[l * m + i] : a[i * k + l]) * (tb ? b[j * k + l] : b[l * n + j]) }
                c[i * n + j] = sum
            }
        }
        return c
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func matchesTheNaiveProduct(transposeA: Bool, transposeB: Bool) {
        var rng = SplitMix64(seed: 3)
        func random(_ count: Int) -> [Float] { (0..<count).map { _ in Float(Int(rng.next() % 2001) - 1000) / 1000 } }
        let m = 7, n = 5, k = 11
        let a = random(m * k), b = random(k * n), previous = random(m * n)
        var c = previous
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer {
                    DenseProduct.multiply(a.baseAddress!, transposeA: transposeA, b.baseAddress!, transposeB: transposeB,
                                          into: $0.baseAddress!, m: m, n: n, k: k, alpha: 2, beta: 0.5)
                }
            }
        }
        let expected = zip(Self.naive(a, transposeA, b, transposeB, m: m, n: n, k: k), previous).map { 2 * $0 + 0.5 * $1 }
        for (x, y) in zip(c, expected) { #expect(abs(x - y) < 1e-4) }
    }
}
