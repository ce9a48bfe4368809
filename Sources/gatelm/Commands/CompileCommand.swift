import ArgumentParser
import Circuits
import LanguageModels

struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile a trained model into an And-Inverter Graph.",
        discussion: """
            Inputs are the W·8 context bits, ctx[-1][0] (bit 0 of the most recent byte) to \
            ctx[-W][7]; outputs are each class's score as an unsigned integer, score[0xNN][i] \
            (bit i of the score of byte 0xNN). --argmax adds argmax[i], the class index of the \
            first highest score, for greedy decoding in gates. The format follows the extension \
            (.aig, .aag, .v, .c).
            """
    )

    @Argument(help: "A model written by `gatelm train`.")
    var model: String

    @Option(name: .shortAndLong, help: "The circuit file to write.")
    var output: String

    @Flag(help: "Add an argmax circuit over the scores.")
    var argmax = false

    func run() throws {
        let format = try CircuitFormat(path: output)
        let (checkpoint, _) = try ModelFile.read(model)
        let network = checkpoint.model.discretized()
        let readout = checkpoint.model.readoutParameters
        let aig = network.circuit(argmax: argmax, readout: readout)
        let unhashed = network.circuit(argmax: argmax, readout: readout, structuralHashing: false)
        try CircuitFile.write(try CircuitFile.encode(aig, as: format, name: CircuitFile.circuitName(for: output)), to: output)
        print("\(output): inputs=\(aig.inputCount) outputs=\(aig.outputCount) ands=\(aig.andCount) levels=\(aig.depth)")
        print("\(network.gateCount) learned gates; \(unhashed.andCount) ANDs as written, \(aig.andCount) after structural hashing")
    }
}
