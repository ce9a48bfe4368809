import ArgumentParser
import Circuits
import CommandLineOptions
import Emitters
import LanguageModels

struct ToyCommand: NumericOptionsCommand {
    static let configuration = CommandConfiguration(
        commandName: "toy",
        abstract: "Train the smallest model on …010101 → next byte, and show its circuit.",
        discussion: """
            Trains a gate network with one embedding bit per byte, no hidden layer and one gate \
            per class on the text 0101…, then prints the learned embedding, the learned gates, \
            the compiled circuit (as DOT) and which context positions each output reads: a model \
            that solved the task reads ctx[-1] only.
            """
    )

    @Option(parsing: .unconditional, help: "W: bytes of context given to the model (it should learn to use only the last).")
    var context = 2

    @Option(parsing: .unconditional, help: "Training steps.")
    var steps = 200

    @Option(parsing: .unconditional, help: "Seed.")
    var seed: UInt64 = 1

    /// Every numeric option and its range (checked first in `validate()`).
    var numericOptions: [NumericOption] {
        [
            .integer("--context", context, 1...20),
            .integer("--steps", steps, 1...(1 << 24)),
            .integer("--seed", seed, OptionRange.seed),
        ]
    }

    func validate() throws {
        try validateNumericOptions()
    }

    func run() throws {
        let result = AlternatingBitsTask.train(contextLength: context, steps: steps, seed: seed)
        let network = result.network
        print("task: the text 0101…; the next byte is the opposite of the last one")
        print(String(format: "trained %d steps: %.4f bits/byte (soft), circuit accuracy %.1f %%",
                     steps, result.finalBitsPerByte, 100 * result.accuracy))
        print("\nlearned embedding (1 bit per byte):")
        for byte in network.classBytes {
            print("  '\(Character(UnicodeScalar(byte)))' -> \(network.embedding[Int(byte)] & 1)")
        }
        print("\nlearned gates (unit j of the input is the embedding bit of ctx[-\(context)+j]):")
        for (l, layer) in network.layers.enumerated() {
            for g in 0..<layer.gateCount {
                let f = BooleanFunction2(layer.functions[g])
                let a = unitName(Int(layer.inputA[g]), layer: l), b = unitName(Int(layer.inputB[g]), layer: l)
                let owner = l == network.layers.count - 1
                    ? "  (score of '\(Character(UnicodeScalar(network.classBytes[g / network.groupSize])))')" : ""
                print("  layer \(l) gate \(g) = \(f) with a = \(a), b = \(b)\(owner)")
            }
        }
        print("\ncompiled circuit: \(result.circuit.andCount) ANDs")
        for (o, positions) in result.positionsRead.enumerated() {
            let reads = positions.sorted().map { "ctx[-\($0)]" }.joined(separator: ", ")
            print("  output \(result.circuit.names.output(o) ?? "\(o)") reads \(reads.isEmpty ? "nothing (constant)" : reads)")
        }
        let read = result.positionsRead.reduce(Set<Int>()) { $0.union($1) }.sorted()
        print("the circuit reads \(read.map { "ctx[-\($0)]" }.joined(separator: " and ")) of the \(context) context bytes"
              + (read.count > 1 ? " (on a text of period 2, ctx[-2] predicts as well as ctx[-1])" : ""))
        print("\n" + (try DotEmitter.emit(result.circuit, name: "toy")))
    }

    private func unitName(_ unit: Int, layer: Int) -> String {
        layer == 0 ? "emb(ctx[-\(context - unit)])" : "layer \(layer - 1) gate \(unit)"
    }
}
