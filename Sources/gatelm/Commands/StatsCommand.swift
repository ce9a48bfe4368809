import ArgumentParser
import Circuits

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print the size of a circuit.",
        discussion: """
            Prints one line: inputs=I latches=L outputs=O ands=A levels=D, then the AIGER 1.9 \
            property counts when present. `levels` is the depth in AND nodes of the deepest \
            output or latch input, as ABC's print_stats reports it.
            """
    )

    @Argument(help: "An AIGER file (.aag or .aig).")
    var file: String

    func run() throws {
        let aig = try CircuitFile.read(file)
        var fields = [
            "inputs=\(aig.inputCount)", "latches=\(aig.latchCount)", "outputs=\(aig.outputCount)",
            "ands=\(aig.andCount)", "levels=\(aig.depth)",
        ]
        if !aig.bad.isEmpty { fields.append("bad=\(aig.bad.count)") }
        if !aig.constraints.isEmpty { fields.append("constraints=\(aig.constraints.count)") }
        if !aig.justice.isEmpty { fields.append("justice=\(aig.justice.count)") }
        if !aig.fairness.isEmpty { fields.append("fairness=\(aig.fairness.count)") }
        print(fields.joined(separator: " "))
    }
}
