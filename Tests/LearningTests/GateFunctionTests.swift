import Testing
import Learning

@Suite struct GateFunctionTests {
    @Test(arguments: GateFunction.allCases)
    func coefficientsAgreeWithTheTruthTable(_ f: GateFunction) {
        for a in [false, true] {
            for b in [false, true] {
                #expect(f.relaxed(a ? 1 : 0, b ? 1 : 0) == (f(a, b) ? 1 : 0))
                #expect(Double(f.relaxed(a ? 1 : 0, b ? 1 : 0)) == Reference.relaxed(Int(f.rawValue), a ? 1 : 0, b ? 1 : 0))
            }
        }
    }

    @Test func relaxationsMatchProbabilisticLogicInside() {
        for f in GateFunction.allCases {
            for (a, b) in [(0.25, 0.5), (0.9, 0.1), (0.3, 0.7)] {
                #expect(abs(Double(f.relaxed(Float(a), Float(b))) - Reference.relaxed(Int(f.rawValue), a, b)) < 1e-6)
            }
        }
    }

    @Test func numberingFollowsDifflogic() {
        #expect(GateFunction.and(true, true) && !GateFunction.and(true, false))
        #expect(GateFunction.a(true, false) && !GateFunction.a(false, true))
        #expect(GateFunction.xor(true, false) && !GateFunction.xor(true, true))
        #expect(GateFunction.nand(false, false) && !GateFunction.nand(true, true))
        #expect(GateFunction.passThrough.rawValue == 3)
    }

    @Test(arguments: GateFunction.allCases)
    func wordFormAppliesTheFunctionToEveryBit(_ f: GateFunction) {
        let a: UInt64 = 0xF0F0_CCCC_AAAA_1234, b: UInt64 = 0xFF00_F0F0_CCCC_8421
        let word = f.apply(a, b)
        for bit in 0..<64 {
            #expect((word >> UInt64(bit) & 1 == 1) == f(a >> UInt64(bit) & 1 == 1, b >> UInt64(bit) & 1 == 1))
        }
    }
}
