import Testing
import Circuits

@Suite struct AIGBuilderTests {
    @Test func trivialRulesCreateNoNodes() {
        var b = AIGBuilder()
        let x = b.addInput()
        #expect(b.and(x, x) == x)
        #expect(b.and(x, !x) == .false)
        #expect(b.and(x, .false) == .false)
        #expect(b.and(.true, x) == x)
        #expect(b.andCount == 0)
    }

    @Test func structuralHashingSharesEqualPairs() {
        var b = AIGBuilder()
        let x = b.addInput(), y = b.addInput()
        let a = b.and(x, y)
        #expect(b.and(y, x) == a)
        #expect(b.andCount == 1)
        let p = b.xor(x, y)
        #expect(b.xor(y, x) == p)
        #expect(b.xor(!x, y) == !p)
        #expect(b.andCount == 3) // x∧y is reused inside the xor
    }

    @Test func withoutStructuralHashingEveryAndIsANewNodeOfTheSameFunction() throws {
        var b = AIGBuilder(structuralHashing: false)
        let x = b.addInput(), y = b.addInput()
        let a = b.and(x, y)
        #expect(b.and(y, x) != a)
        #expect(b.lookupAnd(x, y) == nil)
        #expect(b.and(x, .true) == x) // the trivial rules still apply
        #expect(b.and(x, !x) == .false)
        let p = b.xor(x, y)
        b.addOutput(a)
        b.addOutput(p)
        #expect(b.andCount == 5) // 2 for x∧y, 3 for the xor with its own x∧y
        let aig = b.build()
        for pattern in 0..<4 {
            let values = aig.evaluate([pattern & 1 == 1, pattern & 2 == 2])
            #expect(values == [pattern == 3, pattern == 1 || pattern == 2])
        }
    }

    @Test func gatesComputeTheirTruthTables() {
        var b = AIGBuilder()
        let x = b.addInput(), y = b.addInput(), s = b.addInput()
        b.addOutput(b.or(x, y)); b.addOutput(b.xor(x, y)); b.addOutput(b.xnor(x, y)); b.addOutput(b.mux(s, x, y))
        let aig = b.build()
        for m in 0..<8 {
            let (vx, vy, vs) = (m & 1 != 0, m & 2 != 0, m & 4 != 0)
            #expect(aig.evaluate([vx, vy, vs]) == [vx || vy, vx != vy, vx == vy, vs ? vx : vy])
        }
    }

    @Test func buildRenumbersLateInputsIntoAIGEROrder() throws {
        var b = AIGBuilder()
        let x = b.addInput(name: "x")
        let l = b.addLatch(reset: .one, name: "state")
        let a = b.and(x, l)
        let y = b.addInput(name: "y")   // created after an AND
        let o = b.and(a, !y)
        b.setNext(of: l, to: o)
        b.addOutput(o, name: "out")
        let (aig, map) = b.buildWithMap()
        try aig.validate()
        #expect(aig.inputCount == 2 && aig.latchCount == 1 && aig.andCount == 2)
        #expect(map[y.variable] == 2 && map[l.variable] == 3)
        #expect(aig.names.inputs == ["x", "y"] && aig.names.outputs == ["out"] && aig.names.latches == ["state"])
        #expect(aig.latches[0].reset == .one)
        // state=1 at reset: out = x ∧ 1 ∧ ¬y
        #expect(aig.evaluate([true, false]) == [true])
        #expect(aig.evaluate([true, true]) == [false])
    }

    @Test func partlyNamedInterfacesArePaddedAndUnnamedOnesEmpty() throws {
        var b = AIGBuilder()
        let x = b.addInput(name: "x")
        _ = b.addInput()
        b.addOutput(x)
        b.addOutput(!x, name: "not_x")
        b.addOutput(x)
        let aig = b.build()
        try aig.validate()
        #expect(aig.names.inputs == ["x", nil])
        #expect(aig.names.outputs == [nil, "not_x", nil])
        #expect(aig.names.latches.isEmpty)
    }

    @Test func validateRejectsForwardReferences() {
        #expect(throws: AIGError.self) {
            _ = try AIG(inputCount: 1, fanin0: [Literal(variable: 3)], fanin1: [Literal(variable: 1)], outputs: [])
        }
        #expect(throws: AIGError.self) {
            _ = try AIG(inputCount: 1, fanin0: [], fanin1: [], outputs: [Literal(variable: 5)])
        }
    }
}
