import Testing
import Circuits

@Suite struct QueriesConeTests {
    @Test func coneOfAHandMadeCircuitStopsAtLatches() {
        var b = AIGBuilder()
        let x = b.addInput(), y = b.addInput(), z = b.addInput()
        let state = b.addLatch()
        let a = b.and(x, y)
        let c = b.and(a, !state)
        let d = b.and(z, state)
        b.setNext(of: state, to: b.and(c, z))
        b.addOutput(c)
        b.addOutput(!d)
        b.addOutput(.true)
        let aig = b.build()
        let cone = aig.transitiveFanin(of: [!c])
        #expect(Array(cone.variables) == [x.variable, y.variable, state.variable, a.variable, c.variable])
        #expect(cone.support == StructuralSupport(inputs: [0, 1], latches: [0]))
        #expect(cone.andCount == 2)
        #expect(cone.variables.count == 5 && cone.variables.contains(a.variable) && !cone.variables.contains(d.variable))
        #expect(aig.transitiveFanin(of: []).variables.isEmpty)
        #expect(aig.structuralSupport() == [
            StructuralSupport(inputs: [0, 1], latches: [0]),
            StructuralSupport(inputs: [2], latches: [0]),
            StructuralSupport(),
        ])
    }

    /// Support by the definition: the union of the fanins' supports, computed recursively.
    static func recursiveSupport(_ aig: AIG, _ v: Int, _ memo: inout [Int: Set<Int>]) -> Set<Int> {
        if let known = memo[v] { return known }
        let result: Set<Int>
        switch aig.node(ofVariable: v) {
        case .constant: result = []
        case .input(let i): result = [i]
        case .latch(let j): result = [-1 - j]
        case .and:
            let (a, b) = aig.fanins(ofVariable: v)
            result = recursiveSupport(aig, a.variable, &memo).union(recursiveSupport(aig, b.variable, &memo))
        }
        memo[v] = result
        return result
    }

    @Test(arguments: 0..<6)
    func supportMatchesRecursiveDefinitionAndConeQuery(seed: Int) {
        let aig = AIG.random(inputs: 12, ands: 150, latches: seed % 2 * 3, maxOutputs: 16, locality: 8, seed: UInt64(seed))
        var memo: [Int: Set<Int>] = [:]
        let supports = aig.structuralSupport()
        #expect(supports.count == aig.outputCount)
        for (o, output) in aig.outputs.enumerated() {
            let expected = Self.recursiveSupport(aig, output.variable, &memo)
            #expect(supports[o].inputs == expected.filter { $0 >= 0 }.sorted())
            #expect(supports[o].latches == expected.filter { $0 < 0 }.map { -1 - $0 }.sorted())
            #expect(aig.transitiveFanin(of: [output]).support == supports[o])
        }
    }

    /// On tiny circuits every input that can flip an output must be in its structural support.
    @Test(arguments: 0..<10)
    func functionalDependenceIsWithinStructuralSupport(seed: Int) {
        let aig = AIG.random(inputs: 6, ands: 25, maxOutputs: 6, seed: UInt64(seed))
        let supports = aig.structuralSupport()
        // All 64 assignments of 6 inputs at once: bit p of input i is bit i of p.
        let patterns = (0..<6).map { i in (0..<64).reduce(UInt64(0)) { $0 | (UInt64($1 >> i & 1) << UInt64($1)) } }
        let base = aig.evaluate(inputs: patterns)
        var dependsOnSome = 0
        for i in 0..<6 {
            var toggled = patterns
            toggled[i] = ~toggled[i]
            let flipped = aig.evaluate(inputs: toggled)
            for o in 0..<aig.outputCount where base[o] != flipped[o] {
                #expect(supports[o].inputs.contains(i), "output \(o) changes with input \(i)")
                dependsOnSome += 1
            }
        }
        #expect(dependsOnSome > 0)
    }
}
