import ArgumentParser
import CommandLineOptions
import Foundation
import Interpret

struct QueryCommand: NumericOptionsCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Is there a context with these properties on which the prediction does this? (SAT)",
        discussion: """
            Decides over all 2^(8W) contexts at once: random contexts under the constraints first, \
            then the cube search (three-valued simulation over cubes of the inputs, the constrained \
            bytes split first; at most --max-cubes cubes and half the time), then CaDiCaL. Constraints, per position: \
            ctx[-1]='q', ctx[-2] in [a-z], ctx[-3] not in printable, ctx[-1] != 0x20, ctx[-1][5]=1; \
            sets: a byte ('c', 0xNN, 0-255), a class ([a-z0-9_], [^…], escapes \\n \\t \\xNN), or \
            printable, letter, upper, lower, digit, space, punct, any, pad; join with ',' or give \
            --where again. Goals (all must hold): --top BYTE, --not-top BYTE, --score 'BYTE>=N' \
            (also <=, >, <, ==, !=), --node 'NAME=1' (a named node's value: for a recurrent model \
            unrolled over --horizon N, h@-p[i] is state bit i after reading ctx[-p]). A sat answer's witness is replayed by simulation before it \
            is printed. A --top goal's comparisons with the other classes are given to the solver \
            only as candidate witnesses show them needed (counterexample-guided), so an unsat \
            answer often rests on a few of them. The prediction (--top, --not-top, \
            witness_prediction) is the byte with the highest score; equal top scores go to the \
            lowest byte (the first score output, as gatelm writes them in byte order), the rule of \
            explain, generate --greedy and view too. --certificate DIR writes, for an unsat answer, a \
            proof an outsider can check (DIR/formula.cnf, DIR/proof.drat: drat-trim or gatelm \
            check-proof; DIR/certificate.json), found by the cube search and checked before it is \
            written. Exit status: 0 sat, 1 unsat, 3 unknown (time limit), 2 error.

            JSON: result (sat, unsat or unknown), witness (hex, oldest byte first, W bytes), \
            witness_text, witness_prediction, constraints[], goals[], found_by_simulation, \
            asserted_comparisons, engine (simulation, cubes, cadical, hashing), cubes, sat_calls, \
            cnf_variables, cnf_clauses, seconds; with --certificate and unsat, proof (directory, \
            engine, variables, clauses, lemmas, verified, check_message).

            Examples:
              gatelm query model.gatelm --where "ctx[-1]='q'" --not-top u
              gatelm query rnn.gatelm --horizon 8 --where "ctx[-8]='q'" --node "h@-1[17]=1"
            """
    )

    @OptionGroup var model: ModelArgument

    @Option(name: .customLong("where"), help: "Context constraints (repeatable).")
    var constraints: [String] = []

    @Option(help: "This byte must be the prediction (repeatable).")
    var top: [String] = []

    @Option(help: "This byte must not be the prediction (repeatable).")
    var notTop: [String] = []

    @Option(help: "A score condition, BYTE>=N (repeatable).")
    var score: [String] = []

    @Option(help: "A named node's value, NAME=0 or NAME=1, e.g. a recurrent model's state bit h@-1[17] (repeatable).")
    var node: [String] = []

    @Option(parsing: .unconditional, help: "Seconds allowed (0.01–86400).")
    var timeLimit = 60.0

    @Option(parsing: .unconditional, help: "Cubes the cube search may simulate (0–1073741824; 0: CaDiCaL only).")
    var maxCubes = Query.maxCubes

    @Option(help: "For an unsat answer, write a checkable proof into this directory (formula.cnf, proof.drat, certificate.json).")
    var certificate: String?

    /// Every failure exits 2 (1 means unsat), so the checks are here rather than in `validate()`.
    /// Every numeric option and its range (checked first in `validate()`).
    var numericOptions: [NumericOption] {
        model.numericOptions + [
            .real("--time-limit", timeLimit, OptionRange.seconds),
            .integer("--max-cubes", maxCubes, 0...(1 << 30)),
        ]
    }

    func validate() throws { try validateNumericOptions() }

    func run() throws {
        let query: Query
        var proof: CertificateOption.Written?
        do {
            if let certificate, let reason = CertificateOption.creationFailure(certificate) { throw ValidationError(reason) }
            if top.isEmpty && notTop.isEmpty && score.isEmpty && node.isEmpty { throw ValidationError("give at least one goal: --top, --not-top, --score or --node") }
            if !(timeLimit.isFinite && timeLimit >= 0.01 && timeLimit <= 86_400) {
                throw ValidationError("--time-limit must be in 0.01...86400 seconds; got \(timeLimit)")
            }
            let lm = try model.load()
            let parsed = try constraints.flatMap { try ContextConstraint.parse($0, contextLength: lm.contextLength) }
            var goals = try top.map { Query.Goal.top(try parseByteOption($0, option: "--top")) }
            goals += try notTop.map { Query.Goal.notTop(try parseByteOption($0, option: "--not-top")) }
            goals += try score.map { try Query.Goal.parseScore($0) }
            goals += try node.map { try Query.Goal.parseNode($0) }
            let start = ContinuousClock.now
            query = try Query(model: lm, constraints: parsed, goals: goals, timeLimit: timeLimit, maxCubes: maxCubes)
            if let certificate, query.result == .unsat {
                let remaining = max(1.0, timeLimit - Double((ContinuousClock.now - start).components.seconds))
                proof = try CertificateOption.write(certificate, budget: maxCubes, checkDeadline: .now + .seconds(max(1.0, timeLimit))) { budget throws(ProofCertificate.Failure) in
                    try ProofCertificate.unsat(model: lm, constraints: parsed, goals: goals, maxCubes: budget, deadline: .now + .seconds(remaining))
                }
            }
        } catch let error as ValidationError {
            printError("error: \(error.message)")
            throw ExitCode(2)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        if model.json {
            try JSONOutput.print(CertifiedAnswer(answer: query, proof: proof))
        } else {
            switch query.result {
            case .sat:
                print("sat: context \(query.witnessText!) (hex \(query.witness!), oldest first) predicts \(printableByte(UInt8(query.witnessPrediction!))); replayed by simulation")
            case .unsat: print("unsat: no context meets the constraints and the goals")
            case .unknown: print("unknown: the time limit came first")
            }
            if query.engine == .simulation {
                print(String(format: "found among random contexts under the constraints before any SAT call, %.2f s", query.seconds))
            } else if query.engine == .search {
                print(String(format: "found by the witness search (a beam over contexts toward the goals) before any SAT call, %.2f s", query.seconds))
            } else if query.engine == .cubes {
                print(String(format: "decided by the cube search (%d cubes), %.2f s", query.cubes, query.seconds))
            } else {
                print(String(format: "%d SAT calls, %d comparisons asserted, %d CNF variables, %d clauses, %.2f s", query.satCalls,
                             query.assertedComparisons, query.cnfVariables, query.cnfClauses, query.seconds))
            }
            if let proof { print(proof.summary) }
        }
        switch query.result {
        case .sat: return
        case .unsat: throw ExitCode(1)
        case .unknown: throw ExitCode(3)
        }
    }
}
