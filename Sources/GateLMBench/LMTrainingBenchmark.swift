import ArgumentParser
import Foundation
import GateLMSupport
import Learning

/// `gatelm-bench lm-training`: training throughput of the gate-layer kernels
/// (`GateLayer.measureTrainingThroughput`), in the shapes of the PyTorch
/// baseline `bench/torch/difflogic_layer.py --throughput`.
struct LMTrainingBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lm-training",
        abstract: "Training throughput of the gate-layer kernels, in gate·samples per second.",
        discussion: """
            Times training steps of a stack of square gate layers on random activations: per \
            layer the coefficient update, forward, backward (input and logit gradients) and, \
            unless --no-optimizer, an Adam step over all logits. gate·samples/s = layers × gates \
            × batch / seconds per step. One line per thread count; --json prints JSON lines.
            """
    )

    @Option(help: "Gate layers in the stack.")
    var layers = 4

    @Option(help: "Gates per layer (and inputs per layer).")
    var gates = 16_384

    @Option(help: "Samples per step.")
    var batch = 512

    @Option(help: "Thread counts to measure, comma-separated.")
    var threads = "1,2"

    @Flag(inversion: .prefixedNo, help: "Include the Adam step in every timed step.")
    var optimizer = true

    @Flag(help: "Fork and join per layer call instead of once per step.")
    var unfused = false

    @Option(help: "Minimum timed seconds per measurement (after one warm-up step).")
    var seconds = 2.0

    @Flag(help: "Print one JSON object per measurement instead of a table.")
    var json = false

    func validate() throws {
        if layers < 1 || gates < 1 || batch < 1 { throw ValidationError("--layers, --gates and --batch must be positive") }
        if threadCounts == nil { throw ValidationError("--threads must be positive integers, comma-separated") }
    }

    var threadCounts: [Int]? {
        let counts = threads.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !counts.isEmpty, counts.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        return counts.compactMap { $0 }
    }

    func run() throws {
        var table = MarkdownTable(["layers × gates", "batch", "threads", "fused", "Adam", "ms/step", "gate·samples/s"])
        for workers in threadCounts ?? [] {
            benchLog("training \(layers) × \(gates) gates, batch \(batch), \(workers) thread(s)")
            let result = GateLayer.measureTrainingThroughput(
                layers: layers, gates: gates, batch: batch, workers: workers, fused: !unfused,
                optimizer: optimizer, minimumSeconds: seconds)
            if json {
                print(try Self.jsonLine(result))
            } else {
                table.append([
                    "\(layers) × \(gates)", String(batch), String(workers), result.fused ? "yes" : "no",
                    result.optimizer ? "yes" : "no", String(format: "%.2f", result.secondsPerStep * 1e3),
                    Format.rate(result.gateSamplesPerSecond),
                ])
            }
        }
        if !json { print(table.text, terminator: "") }
    }

    /// One measurement as a single-line JSON object with sorted keys.
    static func jsonLine(_ result: GateLayer.TrainingThroughput) throws -> String {
        let object: [String: Any] = [
            "gate_samples_per_second": result.gateSamplesPerSecond, "seconds_per_step": result.secondsPerStep,
            "steps": result.steps, "layers": result.layers, "gates": result.gatesPerLayer, "batch": result.batch,
            "threads": result.workers, "fused": result.fused, "optimizer": result.optimizer,
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
