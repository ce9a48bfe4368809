import Circuits
import Synthesis
import Testing

@Suite("Structural hashing pass")
struct StrashTests {
    /// A circuit written without hashing: the same AND twice, a constant
    /// fold, and a node no output reads.
    static func redundantCircuit() -> AIG {
        var b = AIGBuilder(structuralHashing: false)
        let x = b.addInputs(3, prefix: "x")
        let p = b.and(x[0], x[1])
        let q = b.and(x[1], x[0])          // duplicate of p
        _ = b.and(x[2], !x[0])             // dangling
        let r = b.and(p, !q)               // p ∧ ¬p once hashed: constant 0
        let s = b.and(q, x[2])
        b.addOutput(b.or(r, s), name: "y")
        b.addOutput(p, name: "p")
        return b.build()
    }

    @Test func mergesDuplicatesFoldsConstantsAndDropsDanglingNodes() {
        let aig = Self.redundantCircuit()
        let hashed = aig.structurallyHashed()
        #expect(aig.andCount == 6)
        // p, s and the OR (¬(¬r ∧ ¬s) with r = 0 folds to s): p and s remain.
        #expect(hashed.andCount == 2)
        #expect(SimulationEquivalence.firstDifference(aig, hashed) == nil)
        #expect(hashed.names.outputs == ["y", "p"])
        #expect(hashed.names.inputs == ["x[0]", "x[1]", "x[2]"])
    }

    @Test func keepsLatchesAndPropertiesOfSequentialCircuits() throws {
        var aig = AIG.random(inputs: 6, ands: 300, latches: 5, seed: 7)
        aig.bad = [aig.latchLiteral(0)]
        aig.constraints = [!aig.andLiteral(aig.andCount - 1)]
        let hashed = aig.structurallyHashed()
        try hashed.validate()
        #expect(hashed.latches.map(\.reset) == aig.latches.map(\.reset))
        #expect(hashed.bad.count == 1 && hashed.constraints.count == 1)
        #expect(hashed.andCount <= aig.andCount)
        #expect(SimulationEquivalence.firstDifference(aig, hashed, steps: 6) == nil)
    }

    @Test func isIdempotent() {
        let aig = AIG.random(inputs: 16, ands: 2000, seed: 3).structurallyHashed()
        #expect(aig.structurallyHashed() == aig)
    }
}
