import ArgumentParser
import GateLMSupport
import Interpret
import Solver

struct CheckProofCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-proof",
        abstract: "Check a DRAT refutation of a DIMACS CNF (a certificate written by explain or query --certificate).",
        discussion: """
            Checks forward, independently of the search that wrote the proof: each lemma must be \
            RUP (unit propagation refutes its negation) or RAT on its first literal, and the proof \
            must derive the empty clause. Deletions are ignored (sound; stricter for RAT). Text \
            DRAT only. drat-trim checks the same files: drat-trim FORMULA PROOF. Exit status 0 \
            when verified, 1 when not.

            JSON: verified, variables, clauses, lemmas, rat_lemmas, deletions_ignored, failed_step \
            (1-based; 0: no empty clause; absent when verified), stopped (always false here: no \
            time limit), message.

            Example:
              gatelm explain model.gatelm --prompt "To be, or not to b" --certificate proof
              gatelm check-proof proof/formula.cnf proof/proof.drat
            """
    )

    @Argument(help: "The formula (DIMACS CNF).")
    var formula: String

    @Argument(help: "The proof (textual DRAT).")
    var proof: String

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let check: DRATCheck
        do {
            let cnf = try DIMACSParser.cnf(try InputFile.read(formula))
            let drat = try DIMACSParser.drat(try InputFile.read(proof), variableCount: cnf.variableCount)
            check = DRATCheck(formula: cnf, proof: drat)
        } catch let error as DIMACSParser.ParseError {
            throw CLIError("cannot read the formula or the proof: \(error.description)")
        } catch let error as InputFile.Failure {
            throw CLIError(error.description)
        }
        if json { try JSONOutput.print(check) } else { print(check.verified ? "s VERIFIED: \(check.message)" : "s NOT VERIFIED: \(check.message)") }
        if !check.verified { throw ExitCode(1) }
    }
}
