import ArgumentParser
import Circuits

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a circuit between formats, chosen by the file extensions.",
        discussion: """
            IN must be AIGER (.aag or .aig). OUT may be .aag (ASCII AIGER), .aig (binary AIGER), \
            .v (structural Verilog), .c (C over uint64_t words, 64 patterns per call) or .dot \
            (Graphviz, small circuits only). The output is written atomically: on any error no \
            file is left behind.
            """
    )

    @Argument(help: "The input circuit (.aag or .aig).")
    var input: String

    @Argument(help: "The output file; its extension picks the format.")
    var output: String

    func run() throws {
        let format = try CircuitFormat(path: output)
        let aig = try CircuitFile.read(input)
        let bytes = try CircuitFile.encode(aig, as: format, name: CircuitFile.circuitName(for: output))
        try CircuitFile.write(bytes, to: output)
    }
}
