import ArgumentParser
import Circuits
import CommandLineOptions
import Emitters
import Foundation
import GateLMSupport

struct DemoCommand: NumericOptionsCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a few circuits, simulate them, emit C, compile it with cc and check it.",
        discussion: """
            For each circuit of the arithmetic library (adder, popcount, comparator, ternary \
            neuron, argmax, a sequential counter): write it as AIGER and read it back, simulate \
            random patterns with the bit-parallel simulator and check every output against \
            integer arithmetic, then emit C with a main(), compile it with cc and check that it \
            prints exactly what the simulator prints. Files are left in --out.
            """
    )

    @Option(help: "Directory for the generated .aig, .c and .v files.")
    var out = "demo-out"

    @Option(parsing: .unconditional, help: "Random patterns to simulate and check per circuit.")
    var patterns = 1 << 16

    @Option(parsing: .unconditional, help: "Seed of the random patterns.")
    var seed: UInt64 = 1

    @Option(help: "C compiler for the emitted code (default cc; when it is not installed the C is written but not compiled).")
    var cc: String?

    /// Every numeric option and its range (checked first in `validate()`).
    var numericOptions: [NumericOption] {
        [
            .integer("--patterns", patterns, 1...(1 << 30)),
            .integer("--seed", seed, OptionRange.seed),
        ]
    }

    func validate() throws {
        try validateNumericOptions()
    }

    func run() throws {
        let cc = self.cc ?? "cc"
        let hasCompiler = ExternalCommand.find(cc) != nil
        if !hasCompiler && self.cc != nil { throw CLIError("--cc \(cc): no such program") }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        if !hasCompiler { print("note: \(cc) not found, the emitted C is written but not compiled") }
        print("circuit      inputs outputs latches  ands levels  checked   simulate  C program  what")
        var failures = 0
        for circuit in DemoCircuit.all() {
            let row = try check(circuit, compile: hasCompiler)
            failures += row.failed ? 1 : 0
            print(row.text)
        }
        guard failures == 0 else { throw CLIError("\(failures) circuit(s) failed their checks") }
        print("all circuits agree with integer arithmetic; files in \(out)/")
    }

    private struct Row { var text: String; var failed: Bool }

    private func check(_ circuit: DemoCircuit, compile: Bool) throws -> Row {
        let aig = circuit.aig
        let base = "\(out)/\(circuit.name)"
        // 1. AIGER round trip.
        try AtomicFile.write(AIGERWriter.write(aig, format: .binary), to: base + ".aig")
        let reread = try AIGERReader.read(path: base + ".aig")
        var problems = reread == aig ? [] : ["AIGER round trip changed the circuit"]
        try AtomicFile.write(VerilogEmitter.emit(aig, name: circuit.name), to: base + ".v")

        // 2. Bit-parallel simulation against the specification.
        let count = aig.isSequential ? min(patterns, 4096) : patterns
        let inputs = PatternSet.random(signalCount: aig.inputCount, patternCount: count, seed: seed)
        let simulator = Simulator(aig)
        let start = DispatchTime.now().uptimeNanoseconds
        let outputs = aig.isSequential ? simulator.simulateTrace(inputs) : simulator.simulate(inputs)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var wrong = 0
        for p in 0..<count {
            let bits = (0..<aig.inputCount).map { inputs[$0, p] }
            let got = (0..<aig.outputCount).map { outputs[$0, p] }
            if got != circuit.expected(bits, p) { wrong += 1 }
        }
        if wrong > 0 { problems.append("\(wrong) of \(count) patterns differ from the specification") }

        // 3. Emitted C program against the simulator.
        var cStatus = "not built"
        if compile {
            var options = CEmitter.Options()
            options.main = .patterns
            try AtomicFile.write(CEmitter.emit(aig, name: circuit.name, options: options), to: base + ".c")
            try ExternalCommand.check(self.cc ?? "cc", ["-O2", "-Wall", "-Wextra", "-Werror", base + ".c", "-o", base])
            let sample = min(count, 2000)
            let text = Self.prefixLines(inputs.formatted(), sample)
            let program = try ExternalCommand.check(base, [], input: Data(text.utf8))
            let agrees = program.stdout == Self.prefixLines(outputs.formatted(), sample)
            cStatus = agrees ? "agrees" : "DIFFERS"
            if !agrees { problems.append("the compiled C prints other outputs than the simulator") }
        }
        let rate = Double(aig.andCount) * Double(count) / max(seconds, 1e-9)
        let cells: [String] = [
            circuit.name.padding(toLength: 12, withPad: " ", startingAt: 0),
            String(aig.inputCount).leftPadded(6), String(aig.outputCount).leftPadded(7),
            String(aig.latchCount).leftPadded(7), String(aig.andCount).leftPadded(5),
            String(aig.depth).leftPadded(6), String(count).leftPadded(8),
            String(format: "%.1e g·p/s", rate).leftPadded(14), cStatus.leftPadded(9),
            problems.isEmpty ? circuit.summary : "FAILED: " + problems.joined(separator: "; "),
        ]
        return Row(text: cells.joined(separator: " "), failed: !problems.isEmpty)
    }

    /// The first `count` lines of `text`, each with its newline.
    private static func prefixLines(_ text: String, _ count: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).prefix(count).map { $0 + "\n" }.joined()
    }
}

