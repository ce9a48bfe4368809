import Circuits
import GateLMSupport
import Synthesis
import Testing

@Suite("Equivalence checking")
struct EquivalenceCheckerTests {
    let checker = EquivalenceChecker()

    @Test(arguments: [UInt64(1), 2, 3])
    func aCircuitEqualsItsRewrittenAndSweptCopies(seed: UInt64) throws {
        let aig = AIG.random(inputs: 14, ands: 500, maxOutputs: 12, seed: seed)
        let doubled = SATSweepTests.withRewrittenCopy(aig)
        var copy = doubled
        copy.outputs = Array(doubled.outputs.suffix(aig.outputCount))  // only the rewritten copy
        #expect(try checker.check(aig, copy.structurallyHashed()) == .equivalent)
        #expect(try checker.check(aig, aig.structurallyHashed()) == .equivalent)
        #expect(try checker.check(copy, SATSweeper().run(copy)) == .equivalent)
    }

    @Test(arguments: [UInt64(4), 5, 6])
    func aComplementedFaninGivesACounterexampleThatReplays(seed: UInt64) throws {
        let aig = AIG.random(inputs: 14, ands: 500, maxOutputs: 12, seed: seed)
        // Complementing a fanin of the AND that drives an output always changes that output.
        let driver = aig.outputs[Int(seed) % aig.outputCount].variable - aig.firstAndVariable
        let mutant = aig.withComplementedFanin(ofAnd: driver)
        guard case .notEquivalent(let cex) = try checker.check(aig, mutant) else {
            Issue.record("expected a counterexample")
            return
        }
        #expect(cex.inputs.count == 1 && cex.step == 0)
        let words = cex.inputs[0].map { $0 ? UInt64(1) : 0 }
        let (outA, outB) = (aig.evaluate(inputs: words), mutant.evaluate(inputs: words))
        #expect(outA[cex.output] & 1 != outB[cex.output] & 1)
        #expect((outA[cex.output] & 1 != 0) == cex.valueInFirst)
    }

    @Test func aDifferenceOnOnePatternIsFoundBySAT() throws {
        // Random simulation almost never sets all 24 inputs: only SAT finds the difference.
        var b = AIGBuilder()
        let x = b.addInputs(24, prefix: "x")
        let all = b.and(x)
        b.addOutput(b.xor(all, x[0]), name: "y")
        let a = b.build()
        var c = AIGBuilder()
        let z = c.addInputs(24, prefix: "x")
        c.addOutput(z[0], name: "y")  // differs from a only where all inputs are 1
        let result = try checker.check(a, c.build())
        #expect(result == .notEquivalent(Counterexample(
            inputs: [Array(repeating: true, count: 24)], output: 0, outputName: "y", step: 0, valueInFirst: false)))
    }

    @Test func matchesInputsAndOutputsByName() throws {
        var b = AIGBuilder()
        let p = b.addInput(name: "p"), q = b.addInput(name: "q")
        b.addOutput(b.and(p, !q), name: "p_and_not_q")
        b.addOutput(b.or(p, q), name: "p_or_q")
        let a = b.build()
        var c = AIGBuilder()
        let q2 = c.addInput(name: "q"), p2 = c.addInput(name: "p")
        c.addOutput(c.or(q2, p2), name: "p_or_q")
        c.addOutput(c.and(!q2, p2), name: "p_and_not_q")
        #expect(try checker.check(a, c.build()) == .equivalent)
        // The same circuit without names is matched by position, and differs.
        var unnamed = c.build()
        unnamed.names = SymbolTable()
        #expect(try { if case .notEquivalent = try checker.check(a, unnamed) { true } else { false } }())
    }

    @Test func mismatchedInterfacesAreErrorsThatSayWhy() {
        let a = AIG.random(inputs: 6, ands: 50, seed: 1)
        let b = AIG.random(inputs: 7, ands: 50, seed: 1)
        #expect { try checker.check(a, b) } throws: { "\($0)".contains("6 inputs") && "\($0)".contains("7") }
        var named = a, renamed = a
        named.names.inputs = (0..<6).map { "x\($0)" }
        renamed.names.inputs = (0..<6).map { "y\($0)" }
        #expect { try checker.check(named, renamed) } throws: { "\($0)".contains("\"y0\"") }
    }

    @Test func sequentialCircuitsWithCorrespondingLatches() throws {
        let aig = AIG.random(inputs: 6, ands: 400, latches: 5, maxOutputs: 8, seed: 21)
        #expect(try checker.check(aig, aig.structurallyHashed()) == .equivalent)
        #expect(try checker.check(aig, SATSweeper().run(aig)) == .equivalent)
        // A difference on an output shows at step 0 and replays from reset.
        var mutant = aig
        mutant.outputs[0] = !mutant.outputs[0]
        guard case .notEquivalent(let cex) = try checker.check(aig, mutant) else {
            Issue.record("expected a counterexample")
            return
        }
        #expect(cex.output == 0 && cex.step == 0 && cex.inputs.count == 1)
    }

    @Test func aDifferenceThatNeedsClockStepsIsFoundByUnrolling() throws {
        // A 3-bit shift register: the output is the input three steps ago.
        let a = Self.shiftRegister(length: 3)
        let b = Self.shiftRegister(length: 4)  // other latch count: bounded check only
        guard case .notEquivalent(let cex) = try checker.check(a, b) else {
            Issue.record("expected a counterexample")
            return
        }
        #expect(cex.step == 3)
        #expect(cex.inputs.count == 4 && cex.inputs[0] == [true])
        // Equal behaviour without corresponding latches cannot be proven, only bounded.
        let c = Self.shiftRegister(length: 3, duplicateFirstLatch: true)
        guard case .undecided(let reason) = try checker.check(a, c) else {
            Issue.record("expected undecided")
            return
        }
        #expect(reason.contains("16 steps"))
    }

    /// `out = in` delayed by `length` steps; optionally with the first latch duplicated.
    static func shiftRegister(length: Int, duplicateFirstLatch: Bool = false) -> AIG {
        var b = AIGBuilder()
        let input = b.addInput()
        let latches = (0..<length).map { _ in b.addLatch() }
        var previous = input
        for latch in latches {
            b.setNext(of: latch, to: previous)
            previous = latch
        }
        if duplicateFirstLatch {
            let twin = b.addLatch()
            b.setNext(of: twin, to: input)
            b.setNext(of: latches[1], to: twin)
        }
        b.addOutput(previous)
        return b.build()
    }

    @Test func timeAndConflictLimitsGiveUndecided() throws {
        var options = EquivalenceChecker.Options()
        options.timeLimit = .zero
        let aig = AIG.random(inputs: 10, ands: 200, seed: 3)
        let result = try EquivalenceChecker(options: options).check(aig, SATSweepTests.withRewrittenCopy(aig).structurallyHashed().firstHalfOfOutputs)
        #expect(result == .undecided(reason: "time limit reached"))
    }
}

extension AIG {
    /// The circuit with only the first half of its outputs (names dropped).
    var firstHalfOfOutputs: AIG {
        var copy = self
        copy.outputs = Array(outputs.prefix(outputCount / 2))
        copy.names = SymbolTable()
        return copy
    }
}

extension AIG {
    /// A copy with fanin `fanin` (0 or 1) of AND `index` complemented: usually a different function.
    func withComplementedFanin(ofAnd index: Int, fanin: Int = 0) -> AIG {
        var b = AIGBuilder()
        var image = [Literal](repeating: .false, count: variableCount)
        for i in 0..<inputCount { image[1 + i] = b.addInput(name: names.input(i)) }
        for j in 0..<latchCount { image[firstLatchVariable + j] = b.addLatch(reset: latches[j].reset, name: names.latch(j)) }
        func map(_ l: Literal) -> Literal { image[l.variable].complemented(if: l.isComplemented) }
        for k in 0..<andCount {
            var x = map(fanin0[k]), y = map(fanin1[k])
            if k == index { if fanin == 0 { x = !x } else { y = !y } }
            image[firstAndVariable + k] = b.and(x, y)
        }
        for (o, literal) in outputs.enumerated() { b.addOutput(map(literal), name: names.output(o)) }
        for j in 0..<latchCount { b.setNext(of: image[firstLatchVariable + j], to: map(latches[j].next)) }
        return b.build()
    }
}
