import Circuits
import Learning
import Testing

/// Circuits (`BooleanFunction2`, used to compile) and Learning (`GateFunction`,
/// used to train and run the discrete model) number the 16 functions alike.
@Suite struct GateFunctionNumberingTests {
    @Test(arguments: 0..<16)
    func bothTablesAgree(_ index: Int) {
        let compiled = BooleanFunction2(UInt8(index)), trained = GateFunction(rawValue: UInt8(index))!
        for a in [false, true] { for b in [false, true] { #expect(compiled.value(a, b) == trained(a, b)) } }
    }
}
