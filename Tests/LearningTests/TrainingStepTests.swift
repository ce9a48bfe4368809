import GateLMSupport
import Testing
import Learning

/// All the pieces together: embedding → two gate layers → GroupSum, trained by Adam.
@Suite struct TrainingStepTests {
    /// The next byte is a function of the previous one; the loss must fall well below chance.
    @Test func aSmallNetworkLearnsADeterministicSequence() {
        let batch = 64, contextLength = 2, bits = 8, classes = 4, groupSize = 16
        let embedding = Embedding(bitsPerByte: bits, seed: 1)
        let layers = [GateLayer(inputCount: contextLength * bits, gateCount: 64, seed: 2),
                      GateLayer(inputCount: 64, gateCount: classes * groupSize, seed: 3)]
        let readout = GroupSum(classCount: classes, groupSize: groupSize, temperature: 2)
        let parameters = [Adam.Parameter(value: embedding.logits, gradient: embedding.logitGradient)]
            + layers.map { Adam.Parameter(value: $0.logits, gradient: $0.logitGradient) }
        let optimiser = Adam(parameters: parameters, learningRate: 0.05)
        let activations = [AlignedBuffer<Float>(count: contextLength * bits * batch),
                           AlignedBuffer<Float>(count: 64 * batch), AlignedBuffer<Float>(count: 64 * batch)]
        let gradients = activations.map { AlignedBuffer<Float>(count: $0.count) }
        var random = SplitMix64(seed: 4)
        var losses: [Double] = []
        for _ in 0..<150 {
            // Context (x, y) with y = class of the previous byte; target = (y + 1) % 4.
            var contexts = [UInt8](), targets = [Int32]()
            for _ in 0..<batch {
                let previous = Int(random.next() % 4)
                contexts += [UInt8(random.next() % 256), UInt8(previous * 40)]
                targets.append(Int32((previous + 1) % classes))
            }
            embedding.forward(contexts: contexts, contextLength: contextLength, batch: batch, output: activations[0])
            for (index, layer) in layers.enumerated() {
                layer.forward(input: activations[index], output: activations[index + 1], batch: batch)
            }
            let loss = readout.lossAndGradient(outputs: activations[2], targets: targets, batch: batch,
                                               outputGradient: gradients[2])
            losses.append(loss.meanBits)
            for (index, layer) in layers.enumerated().reversed() {
                layer.backward(input: activations[index], outputGradient: gradients[index + 1],
                               inputGradient: gradients[index], batch: batch)
            }
            embedding.backward(contexts: contexts, contextLength: contextLength, batch: batch, outputGradient: gradients[0])
            optimiser.step()
            embedding.updateValues()
            for layer in layers { layer.updateCoefficients() }
        }
        let first = losses.prefix(10).reduce(0, +) / 10, last = losses.suffix(10).reduce(0, +) / 10
        #expect(first > 1.5)  // about log2(4) = 2 bits at the start
        #expect(last < 0.5 * first)
        // Padding gates of the stride stay untouched by the optimiser.
        let top = layers[0]
        #expect((top.gateCount..<top.gateStride).allSatisfy { top.logits[$0] == 0 })
    }
}
