import Circuits
import Solver
import Testing

@Suite struct CubeSearchTests {
    /// Brute force: whether `root` is 1 for some values of the free inputs (others as fixed).
    static func satisfiable(_ aig: AIG, _ root: Literal, values: [Bool?]) -> Bool {
        let free = values.indices.filter { values[$0] == nil }
        for n in 0..<(1 << free.count) {
            var inputs = values.map { $0 == true ? UInt64(1) : 0 }
            for (j, i) in free.enumerated() where n >> j & 1 == 1 { inputs[i] = 1 }
            if AIG.value(root, in: aig.evaluateVariables(inputs: inputs, latchValues: [])) & 1 == 1 { return true }
        }
        return false
    }

    @Test(arguments: [1, 2, 3, 4])
    func agreesWithEnumerationAndItsRefutationsCheck(seed: UInt64) throws {
        let aig = AIG.random(inputs: 13, ands: 300, latches: 0, seed: seed)
        var refuted = 0, satisfied = 0
        for (o, output) in aig.outputs.prefix(12).enumerated() {
            for fixedCount in [0, 4, 9] {
                let values: [Bool?] = (0..<aig.inputCount).map { i in i < fixedCount ? (i + o) % 3 == 0 : nil }
                // Split the free inputs last-first, so that the order is not the inputs' own.
                let order = Array((fixedCount..<aig.inputCount).reversed())
                let question = try CubeQuestion(aig: aig, root: output, values: values, order: order)
                let expected = Self.satisfiable(aig, output, values: values)
                let (outcome, stats) = cubeSearch(question, params: CubeSearchParams(recordProof: true))
                switch outcome {
                case .satisfied(let inputs):
                    #expect(expected, "output \(o): a witness for an unsatisfiable root")
                    let words = inputs.map { $0 ? UInt64(1) : 0 }
                    #expect(AIG.value(output, in: aig.evaluateVariables(inputs: words, latchValues: [])) & 1 == 1)
                    for i in 0..<fixedCount { #expect(inputs[i] == values[i]) }
                    satisfied += 1
                case .refuted(let proof):
                    #expect(!expected, "output \(o): refuted a satisfiable root")
                    let check = DRATCheck(formula: question.cnf(), proof: try #require(proof))
                    #expect(check.verified, "\(check.message)")
                    #expect(stats.refutedCubes >= 1)
                    refuted += 1
                case .unknown:
                    Issue.record("the default budget covers 2^13 cubes")
                }
            }
        }
        #expect(refuted > 0 && satisfied > 0, "both answers are exercised (refuted \(refuted), satisfied \(satisfied))")
    }

    /// Two parities of the same inputs, associated differently so that hashing cannot merge them: "they
    /// differ" is never true, but neither three-valued simulation nor unit propagation sees it before every
    /// input is assigned.
    static func differentParities(_ n: Int) -> AIG {
        var builder = AIGBuilder()
        let x = builder.addInputs(n)
        var left = x[0], right = x[n - 1]
        for i in 1..<n { left = builder.xor(left, x[i]) }                     // ((x0 ⊕ x1) ⊕ x2) ⊕ …
        for i in stride(from: n - 2, through: 0, by: -1) { right = builder.xor(x[i], right) }   // x0 ⊕ (x1 ⊕ (…))
        builder.addOutput(builder.xor(left, right))
        return builder.build()
    }

    @Test func aTamperedRefutationFailsTheChecker() throws {
        let aig = Self.differentParities(8)
        let question = try CubeQuestion(aig: aig, root: aig.outputs[0], values: Array(repeating: nil, count: 8), order: Array(0..<8))
        guard case .refuted(let proof?) = cubeSearch(question, params: CubeSearchParams(recordProof: true)).0 else {
            Issue.record("expected a refutation with its proof"); return
        }
        let formula = question.cnf()
        #expect(proof.lemmaCount == 256 + 255, "a leaf per cube and a merge per inner node of the split")
        #expect(DRATCheck(formula: formula, proof: proof).verified)
        // The empty clause alone does not follow by unit propagation.
        var emptyOnly = DRATProof()
        emptyOnly.add([])
        let check = DRATCheck(formula: formula, proof: emptyOnly)
        #expect(!check.verified)
        #expect(check.failedStep == 1)
        // Without the root's unit clause the formula is satisfiable: no proof may verify.
        var withoutRoot = CNF(variableCount: formula.variableCount)
        for clause in formula.clauses.dropLast() { withoutRoot.add(Array(clause)) }
        #expect(!DRATCheck(formula: withoutRoot, proof: proof).verified)
    }

    @Test func aBudgetOfCubesAnswersUnknown() throws {
        let aig = Self.differentParities(20)
        let question = try CubeQuestion(aig: aig, root: aig.outputs[0], values: Array(repeating: nil, count: 20), order: Array(0..<20))
        let (outcome, stats) = cubeSearch(question, params: CubeSearchParams(maxCubes: 4096))
        guard case .unknown = outcome else { Issue.record("expected unknown within 4096 cubes, got \(outcome)"); return }
        #expect(stats.cubes >= 4096 && stats.cubes < 4096 + 64)
    }

    @Test func rejectsAnOrderThatMissesAFreeInput() {
        let aig = AIG.random(inputs: 6, ands: 40, latches: 0, seed: 9)
        #expect(throws: CubeQuestion.QuestionError.self) {
            _ = try CubeQuestion(aig: aig, root: aig.outputs[0], values: Array(repeating: nil, count: 6), order: [0, 1])
        }
    }
}
