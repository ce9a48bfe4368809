import Circuits
import Synthesis
import Testing

@Suite("Optimisation scripts")
struct OptimizationScriptTests {
    @Test func parsesCommandsAliasesAndSeparators() throws {
        let script = try OptimizationScript(parsing: "st; b\nfraig ;; balance; fraig -C 20")
        #expect(script.steps == [.strash, .balance, .fraig(), .balance, .fraig(conflictLimit: 20)])
        #expect(script.description == "strash; balance; fraig; balance; fraig -C 20")
        #expect(try OptimizationScript(parsing: script.description) == script)
    }

    @Test func rejectsUnknownCommandsFlagsAndEmptyScripts() {
        #expect(throws: ScriptError.unknownCommand("dc2", known: OptimizationStep.commandNames)) {
            try OptimizationScript(parsing: "strash; dc2")
        }
        #expect(throws: ScriptError.self) { try OptimizationScript(parsing: "balance -x") }
        #expect(throws: ScriptError.badValue(flag: "-C", command: "fraig")) { try OptimizationScript(parsing: "fraig -C") }
        #expect(throws: ScriptError.badValue(flag: "-C", command: "fraig")) { try OptimizationScript(parsing: "fraig -C 0") }
        #expect(throws: ScriptError.self) { try OptimizationScript(parsing: "rewrite -C 5") }
        #expect(throws: ScriptError.empty) { try OptimizationScript(parsing: " ; ") }
    }

    @Test func runsEveryStepAndReportsEach() throws {
        let aig = AIG.random(inputs: 16, ands: 1500, seed: 21)
        var reported: [OptimizationStep] = []
        let result = OptimizationScript.standard.run(aig) { reported.append($0.step) }
        #expect(reported == OptimizationScript.standard.steps)
        #expect(result.andCount <= aig.andCount)
        #expect(SimulationEquivalence.firstDifference(aig, result) == nil)
    }
}
