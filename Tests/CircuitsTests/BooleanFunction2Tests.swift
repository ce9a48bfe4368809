import Circuits
import Testing

@Suite struct BooleanFunction2Tests {
    @Test(arguments: 0..<16)
    func builtGateAndTruthTableAgree(_ index: Int) {
        let f = BooleanFunction2(UInt8(index))
        var b = AIGBuilder()
        let x = b.addInput(), y = b.addInput()
        b.addOutput(b.gate(f, x, y))
        let aig = b.build()
        #expect(aig.andCount <= 3)
        for (a, bb) in [(false, false), (false, true), (true, false), (true, true)] {
            #expect(aig.evaluate([a, bb]) == [f.value(a, bb)])
        }
    }

    @Test func namedFunctionsHaveTheirDifflogicIndices() {
        #expect(BooleanFunction2(1).value(true, true) && !BooleanFunction2(1).value(true, false))  // a∧b
        #expect(BooleanFunction2(3).value(true, false) && !BooleanFunction2(3).value(false, true)) // a
        #expect(BooleanFunction2(6).value(true, false) && !BooleanFunction2(6).value(true, true))  // xor
        #expect(BooleanFunction2(14).value(false, false) && !BooleanFunction2(14).value(true, true)) // nand
        #expect(BooleanFunction2(3).description == "a")
    }
}
