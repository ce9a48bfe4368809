import ArgumentParser
import Circuits
import CommandLineOptions
import Foundation
import Synthesis

struct CecCommand: NumericOptionsCommand {
    static let configuration = CommandConfiguration(
        commandName: "cec",
        abstract: "Check whether two circuits are equivalent (as ABC's cec).",
        discussion: """
            Builds a miter of A and B, simulates it, merges its equal internal nodes by SAT \
            sweeping and proves each remaining output with SAT. Inputs and outputs are matched by \
            name when both files name all of them, else by position. Sequential circuits whose \
            latches correspond (count, names or order, reset values) are compared with latches as \
            shared inputs; otherwise, or to confirm a difference, both are unrolled --steps clock \
            steps from reset. Uninitialised latches start at 0, as in `gatelm simulate`.

            Prints `equivalent`, or `not equivalent` with the differing output and the input \
            pattern (one 0/1 string per step, in A's input order), or `undecided` with the reason. \
            Exit status: 0 equivalent, 1 not equivalent, 2 error (unreadable file, interfaces that \
            do not match), 3 undecided (a limit was reached, or a bounded check found no difference \
            but cannot prove equivalence).

            Examples:
              gatelm cec design.aig optimised.aig
              gatelm cec counter.aig counter-retimed.aig --steps 32 --time-limit 60
            """
    )

    @Argument(help: "The first circuit (.aag or .aig).")
    var first: String

    @Argument(help: "The second circuit (.aag or .aig).")
    var second: String

    @Option(parsing: .unconditional, help: "Clock steps from reset for the bounded sequential check.")
    var steps = EquivalenceChecker.Options().steps

    @Option(parsing: .unconditional, help: "Conflicts allowed for the final SAT query on each output (default: no limit).")
    var conflictLimit: Int?

    @Option(parsing: .unconditional, help: "Give up (undecided) after this many seconds.")
    var timeLimit: Double?

    @Flag(help: "Print one JSON object.")
    var json = false

    /// Every numeric option and its range (checked first in `validate()`).
    var numericOptions: [NumericOption] {
        [
            .integer("--steps", steps, 1...(1 << 30)),
            .integer("--conflict-limit", conflictLimit, 0...(1 << 40)),
            .real("--time-limit", timeLimit, OptionRange.seconds),
        ]
    }

    func validate() throws {
        try validateNumericOptions()
    }

    func run() throws {
        let result: EquivalenceResult
        let a: AIG
        do {
            a = try CircuitFile.read(first)
            let b = try CircuitFile.read(second)
            var options = EquivalenceChecker.Options()
            options.steps = steps
            options.conflictLimit = conflictLimit
            options.timeLimit = timeLimit.map { .milliseconds(Int64(($0 * 1000).rounded(.up))) }
            result = try EquivalenceChecker(options: options).check(a, b)
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        if json { try printJSON(result, a) } else { printText(result, a) }
        switch result {
        case .equivalent: return
        case .notEquivalent: throw ExitCode(1)
        case .undecided: throw ExitCode(3)
        }
    }

    private func printText(_ result: EquivalenceResult, _ a: AIG) {
        switch result {
        case .equivalent:
            print("equivalent")
        case .notEquivalent(let counterexample):
            let name = counterexample.outputName.map { " (\($0))" } ?? ""
            let at = counterexample.inputs.count > 1 || a.isSequential ? " at step \(counterexample.step)" : ""
            print("not equivalent: output \(counterexample.output)\(name) differs\(at): "
                  + "\(counterexample.valueInFirst ? 1 : 0) in \(first), \(counterexample.valueInFirst ? 0 : 1) in \(second)")
            for (step, values) in counterexample.inputs.enumerated() {
                let label = counterexample.inputs.count > 1 ? "inputs at step \(step)" : "inputs"
                print("\(label): \(Self.bits(values))")
                if a.names.inputs.contains(where: { $0 != nil }) {
                    print(values.indices.map { "\(a.names.input($0) ?? "input\($0)")=\(values[$0] ? 1 : 0)" }.joined(separator: " "))
                }
            }
        case .undecided(let reason):
            print("undecided: \(reason)")
        }
    }

    private func printJSON(_ result: EquivalenceResult, _ a: AIG) throws {
        var object: [String: Any]
        switch result {
        case .equivalent:
            object = ["result": "equivalent"]
        case .notEquivalent(let counterexample):
            object = ["result": "not equivalent", "output": counterexample.output, "step": counterexample.step,
                      "value_in_first": counterexample.valueInFirst, "inputs": counterexample.inputs.map(Self.bits)]
            if let name = counterexample.outputName { object["output_name"] = name }
            if a.names.inputs.contains(where: { $0 != nil }) {
                object["input_names"] = (0..<a.inputCount).map { a.names.input($0) ?? "" }
            }
        case .undecided(let reason):
            object = ["result": "undecided", "reason": reason]
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    private static func bits(_ values: [Bool]) -> String {
        String(values.map { $0 ? "1" : "0" })
    }
}
