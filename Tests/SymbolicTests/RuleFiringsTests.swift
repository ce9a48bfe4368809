@testable import Symbolic
import _TestSupport
import Testing

/// Which rules fired where, from the fast interpreter's fire planes, against the reference
/// interpreter run on the same program with a fresh label added by each rule (a label nothing
/// reads or removes, so it is stored exactly where its rule fired).
@Suite struct RuleFiringsTests {
    static func probed(_ program: SymbolicProgram) -> SymbolicProgram {
        var probed = program
        var k = 0
        for l in probed.layers.indices {
            for i in probed.layers[l].items.indices {
                guard case .statement(.rule(var rule), let comment) = probed.layers[l].items[i] else { continue }
                rule.adds.append(.named("fired_probe\(k)"))
                probed.layers[l].items[i] = .statement(.rule(rule), comment: comment)
                k += 1
            }
        }
        return probed
    }

    @Test(arguments: 0..<40)
    func firingsAgreeWithTheReference(seed: Int) throws {
        var random = RandomPrograms(seed: UInt64(3000 + seed))
        let program = random.program(span: 1 + random.next(5))
        let text = random.text(count: 200 + random.next(150))
        let interpreter = try SymbolicInterpreter(program)
        let probe = try SymbolicInterpreter(Self.probed(program))
        let trace = probe.run(text)
        let names = interpreter.ruleNames
        #expect(names.count == program.counts.rules)
        // Over the whole text: target t is predicted at t − 1 (t = 0 at padding, where nothing fires).
        let firings = interpreter.ruleFirings(predictingRuns: [0..<text.count], in: text)
        #expect(firings.count == names.count)
        for (k, targets) in firings.enumerated() {
            let label = probe.universe.number(of: .named("fired_probe\(k)"))!
            let expected = (1..<text.count).filter { t in trace.labelNumbers(at: t - 1, afterLayer: program.layerCount).contains(label) }
            #expect(targets == expected, "seed \(seed) rule \(names[k])\n\(program.text)")
        }
        // Runs: indices into the runs' targets, concatenated.
        let runs = [5..<30, 31..<32, 100..<180]
        let whole = firings.map(Set.init)
        let offsets = runs.flatMap { Array($0) }
        for (k, targets) in interpreter.ruleFirings(predictingRuns: runs, in: text).enumerated() {
            #expect(targets == offsets.indices.filter { whole[k].contains(offsets[$0]) })
        }
    }

    /// The random programs make rules fire somewhere and not everywhere.
    @Test func theGeneratedRulesFireSometimes() throws {
        var some = 0, all = 0
        for seed in 0..<40 {
            var random = RandomPrograms(seed: UInt64(3000 + seed))
            let interpreter = try SymbolicInterpreter(random.program(span: 1 + random.next(5)))
            let text = random.text(count: 200 + random.next(150))
            for targets in interpreter.ruleFirings(predictingRuns: [0..<text.count], in: text) {
                if !targets.isEmpty { some += 1 }
                if targets.count == text.count - 1 { all += 1 }
            }
        }
        #expect(some > 100 && some > all)
    }
}
