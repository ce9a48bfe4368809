import ArgumentParser
import Circuits

struct EmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emit",
        abstract: "Emit a circuit as C, Verilog or DOT.",
        subcommands: [EmitC.self, EmitVerilog.self, EmitDot.self]
    )
}

/// Options every `emit` subcommand shares.
struct EmitOptions: ParsableArguments {
    @Argument(help: "The circuit (.aag or .aig).")
    var file: String

    @Option(name: .shortAndLong, help: "The output file ('-' for standard output).")
    var output: String

    @Option(help: "Name of the emitted C function / Verilog module (default: the input's base name).")
    var name: String?

    func emit(_ format: CircuitFormat, cMain: Bool = false) throws {
        let aig = try CircuitFile.read(file)
        let bytes = try CircuitFile.encode(
            aig, as: format, name: name ?? CircuitFile.circuitName(for: file), cMain: cMain)
        try CircuitFile.write(bytes, to: output)
    }
}

struct EmitC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "c",
        abstract: "Emit C99 over uint64_t words: 64 patterns per call, one line per AND.",
        discussion: """
            Combinational circuits get NAME_eval(in, out); sequential ones NAME_reset(state) and \
            NAME_step(in, state, out). With --main the file is a program that reads a pattern \
            file on stdin (one line of 0/1 input bits per pattern, or per time step for \
            sequential circuits) and prints exactly what `gatelm simulate --patterns` prints. \
            Compiles warning-free with cc -O2 -Wall -Wextra.
            """
    )

    @OptionGroup var options: EmitOptions

    @Flag(help: "Add a main() that reads patterns on stdin and prints outputs.")
    var main = false

    func run() throws { try options.emit(.c, cMain: main) }
}

struct EmitVerilog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verilog",
        abstract: "Emit structural Verilog: one assign per AND, latches as registers with clk and rst."
    )

    @OptionGroup var options: EmitOptions

    func run() throws { try options.emit(.verilog) }
}

struct EmitDot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dot",
        abstract: "Emit a Graphviz drawing (small circuits only; larger ones are refused)."
    )

    @OptionGroup var options: EmitOptions

    func run() throws { try options.emit(.dot) }
}
