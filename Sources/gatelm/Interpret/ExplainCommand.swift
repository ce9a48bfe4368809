import ArgumentParser
import CommandLineOptions
import Foundation
import Interpret

struct ExplainCommand: NumericOptionsCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "A certified minimal set of context bits (or bytes) that alone forces the prediction.",
        discussion: """
            Finds a subset-minimal sufficient explanation (a prime implicant of the prediction): \
            context bits whose values force the model's top byte whatever every other bit holds. \
            Each member is decided by random completions, then by the cube search (three-valued \
            simulation of the circuit over cubes of the free bits, 64 per pass, at most --max-cubes: \
            exhaustive where it must be, and a DRAT proof when it refutes), then by CaDiCaL. \
            Sufficiency is certified by the cube search (certificate: cubes) or CaDiCaL's UNSAT \
            (sat), or constant when no context changes the prediction; for each member, the witness \
            context that breaks the prediction without it is kept and replayed by simulation. \
            --certificate DIR writes a proof an outsider can check: DIR/formula.cnf (the question \
            circuit's CNF, its inputs named in comments), DIR/proof.drat (a DRAT refutation: check \
            it with drat-trim or gatelm check-proof) and DIR/certificate.json; it is checked by \
            gatelm's own DRAT checker before it is written (within --time-limit; a proof that fails is \
            never written, one the limit stops is written and says so). The rendering shows the context oldest byte first: · a free byte, the \
            character when all of its bits are fixed, ? when only some are. At the time limit the \
            set is sufficient but perhaps not minimal, and says so. The prediction is the byte with \
            the highest score; equal top scores go to the lowest byte (the first score output, as \
            gatelm writes them in byte order), the rule of query, generate --greedy and view too: \
            "another byte wins" includes a lower byte tying it.

            A recurrent model is explained over its last --horizon bytes; with --state free (the \
            default) the state before them is left free, so the set forces the prediction whatever \
            the machine had read before; when even all the bytes do not, the answer says so \
            (forced false) with a counterexample state.

            JSON: prediction, fixed[] (position 1 = most recent, bit, value), positions, minimal, \
            witnesses[], rendering, certificate (cubes, sat, constant, none), sat_calls, \
            simulated_witnesses, cube_drops, cubes, cnf_variables, cnf_clauses, seconds, forced, \
            state_positions (positions holding the free state), counterexample (when not forced: \
            context hex with another state, prediction); with --certificate, proof (directory, \
            engine, variables, clauses, lemmas, verified, check_message).

            Example:
              gatelm explain model.gatelm --prompt "To be, or not to b" --granularity byte
            """
    )

    @OptionGroup var model: ModelArgument

    @Option(help: "The prompt.")
    var prompt: String

    @Option(parsing: .unconditional, help: "The prediction after this many prompt bytes (default: the whole prompt).")
    var position: Int?

    @Option(help: "What to fix: bit or byte.")
    var granularity = "bit"

    @Option(parsing: .unconditional, help: "Seconds allowed (0.01–86400).")
    var timeLimit = 60.0

    @Option(parsing: .unconditional, help: "Cubes the cube search may simulate per member (0–1073741824; 0: CaDiCaL only).")
    var maxCubes = Explanation.maxCubes

    @Option(help: "Write a checkable proof of sufficiency into this directory (formula.cnf, proof.drat, certificate.json).")
    var certificate: String?

    /// Every numeric option and its range (checked first in `validate()`).
    var numericOptions: [NumericOption] {
        model.numericOptions + [
            .integer("--position", position, 0...PromptOption.bytes(prompt).count),
            .real("--time-limit", timeLimit, OptionRange.seconds),
            .integer("--max-cubes", maxCubes, 0...(1 << 30)),
        ]
    }

    func validate() throws {
        try validateNumericOptions()
        if Explanation.Granularity(rawValue: granularity) == nil { throw ValidationError("--granularity must be bit or byte; got \(granularity)") }
    }

    func run() throws {
        let lm = try model.load()
        let bytes = PromptOption.bytes(prompt)
        if let certificate, let reason = CertificateOption.creationFailure(certificate) { throw CLIError(reason) }
        let explanation: Explanation
        let start = ContinuousClock.now
        do {
            var params = ExplanationParams(granularity: Explanation.Granularity(rawValue: granularity)!, timeLimit: timeLimit)
            params.maxCubes = maxCubes
            explanation = try explainPrediction(model: lm, prompt: bytes, position: position, params: params)
        } catch {
            throw CLIError(error.description)
        }
        var proof: CertificateOption.Written?
        if let certificate {
            guard explanation.forced else { throw CLIError("no certificate: the bytes do not force the prediction (see counterexample)") }
            let fixed = explanation.fixed.map { 8 * ($0.position - 1) + $0.bit }
            let remaining = max(1.0, timeLimit - Double((ContinuousClock.now - start).components.seconds))
            proof = try CertificateOption.write(certificate, budget: maxCubes, checkDeadline: .now + .seconds(max(1.0, timeLimit))) { budget throws(ProofCertificate.Failure) in
                try ProofCertificate.sufficiency(model: lm, context: PromptContexts(prompt: bytes, model: lm).context(at: position ?? bytes.count),
                                                 fixed: fixed, maxCubes: budget, deadline: .now + .seconds(remaining))
            }
        }
        if model.json { return try JSONOutput.print(CertifiedAnswer(answer: explanation, proof: proof)) }
        let e = explanation
        let textBytes = lm.textPositions.upperBound
        if let counterexample = e.counterexample {
            print("prediction \(e.predictionText) is not forced by the \(textBytes) bytes within the horizon: with the state before them free, "
                  + "another state makes \(printableByte(UInt8(counterexample.prediction))) win (counterexample window \(counterexample.context))")
            return
        }
        let stateNote = e.statePositions.isEmpty ? "" : ", the state before them free"
        print("prediction \(e.predictionText) is forced by \(e.fixed.count) of \(8 * textBytes) context bits (\(e.positions.count) of \(textBytes) bytes\(stateNote)):")
        print("  \(e.rendering)    (oldest … most recent; · free, ? partly fixed)")
        let byPosition = Dictionary(grouping: e.fixed, by: \.position)
        for p in e.positions {
            let bits = byPosition[p]!.map { "b\($0.bit)=\($0.value ? 1 : 0)" }
            let byte = byPosition[p]!.reduce(UInt8(0)) { $1.value ? $0 | 1 << UInt8($1.bit) : $0 }
            print("  ctx[-\(p)]: " + (bits.count == 8 ? "all 8 bits (\(printableByte(byte)))" : bits.joined(separator: " ")))
        }
        print(e.minimal ? "  minimal: each member, dropped alone, lets another byte win (\(e.witnesses.count) witnesses replayed)"
                        : "  NOT shown minimal: the time limit stopped the shrinking (the set is still sufficient)")
        if let note = PromptOption.paddingNote(position: position ?? bytes.count, contextLength: textBytes) { print(note) }
        switch e.certificate {
        case .sat: print("  sufficient: certified by CaDiCaL (another byte winning is UNSAT with the set fixed)")
        case .cubes: print("  sufficient: certified by the cube search (every completion of the free bits refuted: a DRAT proof)")
        case .constant: print("  sufficient: no context changes this prediction")
        case .none: break
        }
        print(String(format: "%d SAT calls (%d members decided by simulation), %d CNF variables, %d clauses, %.2f s", e.stats.satCalls, e.stats.simulatedWitnesses + e.stats.cubeDrops, e.stats.cnfVariables, e.stats.cnfClauses, e.stats.seconds))
        if let proof { print(proof.summary) }
    }
}
