import GateLMSupport
import Foundation
import Dispatch

extension GateLayer {
    /// The result of `measureTrainingThroughput`.
    public struct TrainingThroughput: Sendable, CustomStringConvertible {
        public var layers: Int, gatesPerLayer: Int, batch: Int, workers: Int, steps: Int
        /// Whether each thread ran all layers on its samples in one fork-join per step.
        public var fused: Bool
        /// Whether every step ended with an Adam update of all layers' logits.
        public var optimizer: Bool
        public var secondsPerStep: Double
        /// Gates × samples trained (forward + backward) per second.
        public var gateSamplesPerSecond: Double { Double(layers * gatesPerLayer * batch) / secondsPerStep }

        public var description: String {
            let rate = gateSamplesPerSecond / 1e9
            return "\(layers) layers × \(gatesPerLayer) gates, batch \(batch), \(workers) thread(s)\(fused ? ", fused" : "")\(optimizer ? ", Adam" : ""): "
                + "\(String(format: "%.2f", secondsPerStep * 1e3)) ms/step, \(String(format: "%.2f", rate)) G gate·samples/s"
        }
    }

    /// Times training steps of a stack of `layers` square layers of `gates`
    /// gates: per layer `updateCoefficients`, forward, and backward with the
    /// input gradient (the logit gradients included), and with `optimizer` an
    /// Adam step over every layer's logits (`Adam.step(workers:)`).
    /// Runs one warm-up step, then steps until `minimumSeconds` have passed.
    ///
    /// `fused`: each thread runs every layer's forward and backward kernels on
    /// its own slices of the batch, with one fork-join per step (then the
    /// per-layer reductions); otherwise every layer call forks and joins.
    public static func measureTrainingThroughput(
        layers: Int = 4, gates: Int = 16_384, batch: Int = 512, workers: Int = ParallelFor.defaultWorkerCount,
        fused: Bool = true, optimizer: Bool = false, minimumSeconds: Double = 1
    ) -> TrainingThroughput {
        var random = SplitMix64(seed: 1)
        let stack = (0..<layers).map { GateLayer(inputCount: gates, gateCount: gates, seed: UInt64($0)) }
        let activations = (0...layers).map { _ in AlignedBuffer<Float>(count: gates * batch) }
        let gradients = (0...layers).map { _ in AlignedBuffer<Float>(count: gates * batch) }
        for i in 0..<gates * batch {
            activations[0][i] = Float(random.next() >> 40) * 0x1p-24
            gradients[layers][i] = Float(Int64(random.next() >> 40) - (1 << 23)) * 0x1p-30
        }
        let adam = optimizer
            ? Adam(parameters: stack.map { Adam.Parameter(value: $0.logits, gradient: $0.logitGradient) }, learningRate: 1e-3)
            : nil
        let shared = SharedWithWorkers((stack, activations, gradients))
        func fusedStep() {
            for layer in stack {
                layer.updateCoefficients(workers: workers)
                layer.prepareBackward(batch: batch)
            }
            BatchSlices(batch: batch).forEachWorker(workers: workers) { slices, samples in
                let (stack, activations, gradients) = shared.value
                for (index, layer) in stack.enumerated() {
                    layer.forward(input: activations[index].baseAddress, output: activations[index + 1].baseAddress,
                                  batch: batch, samples: samples)
                }
                for (index, layer) in stack.enumerated().reversed() {
                    layer.backward(input: activations[index].baseAddress, outputGradient: gradients[index + 1].baseAddress,
                                   inputGradient: gradients[index].baseAddress, batch: batch, slices: slices)
                }
            }
            for layer in stack { layer.finishBackward(workers: workers) }
        }
        func step() {
            layerStep()
            adam?.step(workers: workers)
        }
        func layerStep() {
            if fused { return fusedStep() }
            for (index, layer) in stack.enumerated() {
                layer.updateCoefficients(workers: workers)
                layer.forward(input: activations[index], output: activations[index + 1], batch: batch, workers: workers)
            }
            for (index, layer) in stack.enumerated().reversed() {
                layer.backward(input: activations[index], outputGradient: gradients[index + 1],
                               inputGradient: gradients[index], batch: batch, workers: workers)
            }
        }
        step()
        var steps = 0
        let start = DispatchTime.now().uptimeNanoseconds
        var elapsed = 0.0
        repeat {
            step()
            steps += 1
            elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        } while elapsed < minimumSeconds
        return TrainingThroughput(layers: layers, gatesPerLayer: gates, batch: batch, workers: workers,
                                  steps: steps, fused: fused, optimizer: optimizer, secondsPerStep: elapsed / Double(steps))
    }
}
