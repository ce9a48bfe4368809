import Circuits
import Testing

@Suite struct ArithmeticSortingNetworkTests {
    @Test(arguments: [1, 2, 3, 5, 8, 11])
    func sortsEveryInput(n: Int) {
        var builder = AIGBuilder()
        let x = builder.addInputs(n)
        for o in builder.sortingNetwork(x) { builder.addOutput(o) }
        let aig = builder.build()
        for pattern in 0 ..< (1 << n) {
            let inputs = (0..<n).map { UInt64(pattern >> $0 & 1) }
            let values = aig.evaluateVariables(inputs: inputs, latchValues: [])
            let ones = pattern.nonzeroBitCount
            for (j, output) in aig.outputs.enumerated() {
                #expect(AIG.value(output, in: values) & 1 == (j < ones ? 1 : 0), "pattern \(pattern) output \(j)")
            }
        }
    }

    @Test(arguments: [0, 1, 2])
    func comparesUnaryCounts(margin: Int) {
        var builder = AIGBuilder()
        let a = builder.addInputs(4), b = builder.addInputs(3)
        let sa = builder.sortingNetwork(a), sb = builder.sortingNetwork(b)
        builder.addOutput(builder.unaryGreaterOrEqual(sa, sb, margin: margin))
        builder.addOutput(AIGBuilder.unaryAtLeast(sa, 3))
        let aig = builder.build()
        for pattern in 0 ..< (1 << 7) {
            let inputs = (0..<7).map { UInt64(pattern >> $0 & 1) }
            let values = aig.evaluateVariables(inputs: inputs, latchValues: [])
            let ca = (pattern & 0xF).nonzeroBitCount, cb = (pattern >> 4).nonzeroBitCount
            #expect(AIG.value(aig.outputs[0], in: values) & 1 == (ca >= cb + margin ? 1 : 0))
            #expect(AIG.value(aig.outputs[1], in: values) & 1 == (ca >= 3 ? 1 : 0))
        }
    }

    @Test func twoHundredFiftySixInputsTake3839Comparators() {
        var builder = AIGBuilder(structuralHashing: false)
        let x = builder.addInputs(256)
        _ = builder.sortingNetwork(x)
        #expect(builder.build().andCount == 2 * 3839)   // (p² − p + 4)·2^(p−2) − 1 for n = 2^p; an OR is an AND with inverted fanins
    }
}
