import Testing
import Circuits

@Suite struct ArithmeticPriorityEncoderTests {
    /// Every input pattern for n = 1 … 12: prefix ORs, and the first true line plus `none`.
    @Test(arguments: 1...12)
    func prefixOrAndFirstTrueOnEveryPattern(_ n: Int) {
        var b = AIGBuilder()
        let x = b.addInputs(n)
        let prefix = b.prefixOr(x)
        let (lines, none) = b.firstTrue(x)
        for literal in prefix + lines + [none] { b.addOutput(literal) }
        let mismatch = ExhaustiveCheck.firstMismatch(b.build()) { pattern in
            var want: UInt64 = 0
            for k in 0..<n where pattern & ((2 << UInt64(k)) - 1) != 0 { want |= 1 << UInt64(k) }   // prefix
            if pattern != 0 { want |= 1 << UInt64(n + pattern.trailingZeroBitCount) }                 // first line
            else { want |= 1 << UInt64(2 * n) }                                                       // none
            return want
        }
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    /// Logarithmic depth and linear size where a chain is n deep.
    @Test(arguments: [2, 3, 100, 1000, 33_537])
    func depthIsLogarithmicAndSizeLinear(_ n: Int) {
        var b = AIGBuilder()
        let x = b.addInputs(n)
        let (lines, none) = b.firstTrue(x)
        for literal in lines + [none] { b.addOutput(literal) }
        let aig = b.build()
        let log = Int.bitWidth - (n - 1).leadingZeroBitCount    // ⌈log₂ n⌉
        #expect(aig.depth <= 2 * log + 1, "depth \(aig.depth) for n = \(n)")
        #expect(aig.andCount < 3 * n, "\(aig.andCount) ANDs for n = \(n)")
    }
}
