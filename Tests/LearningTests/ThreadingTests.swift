import GateLMSupport
import Testing
import Learning

/// One and two workers give bit-identical results (slices fix the summation order).
@Suite struct ThreadingTests {
    static let batch = 512

    @Test func gateLayerForwardAndBackwardAreIdenticalOnOneAndTwoThreads() {
        var random = TestRandom(seed: 1)
        let input = AlignedBuffer(random.uniform(96 * Self.batch))
        let outputGradient = AlignedBuffer(random.normal(80 * Self.batch))
        var results: [[[Float]]] = []
        for workers in [1, 2] {
            let layer = GateLayer(inputCount: 96, gateCount: 80, seed: 4, passThroughLogit: 2, logitDeviation: 1)
            let output = AlignedBuffer<Float>(count: 80 * Self.batch), inputGradient = AlignedBuffer<Float>(count: 96 * Self.batch)
            layer.updateCoefficients(workers: workers)
            layer.forward(input: input, output: output, batch: Self.batch, workers: workers)
            layer.backward(input: input, outputGradient: outputGradient, inputGradient: inputGradient,
                           batch: Self.batch, workers: workers)
            results.append([output.array, inputGradient.array, layer.logitGradient.array])
        }
        #expect(results[0] == results[1])
        #expect(results[0][2].contains { $0 != 0 })
    }

    /// The split backward (prepare, per-slice kernels in any order, finish) equals the one-call form.
    @Test func sliceBySliceBackwardEqualsTheOneCallForm() {
        var random = TestRandom(seed: 6)
        let input = AlignedBuffer(random.uniform(48 * Self.batch))
        let outputGradient = AlignedBuffer(random.normal(40 * Self.batch))
        let layer = GateLayer(inputCount: 48, gateCount: 40, seed: 7, passThroughLogit: 2, logitDeviation: 1)
        let whole = AlignedBuffer<Float>(count: 48 * Self.batch), split = AlignedBuffer<Float>(count: 48 * Self.batch)
        layer.backward(input: input, outputGradient: outputGradient, inputGradient: whole, batch: Self.batch)
        let expected = layer.logitGradient.array
        layer.logitGradient.zero()
        layer.prepareBackward(batch: Self.batch)
        for slice in (0..<BatchSlices(batch: Self.batch).count).reversed() {
            layer.backward(input: input.baseAddress, outputGradient: outputGradient.baseAddress,
                           inputGradient: split.baseAddress, batch: Self.batch, slices: slice..<slice + 1)
        }
        layer.finishBackward()
        #expect(layer.logitGradient.array == expected)
        #expect(split.array == whole.array)
    }

    @Test func embeddingAndReadoutAreIdenticalOnOneAndTwoThreads() {
        var random = SplitMix64(seed: 2)
        let contexts = (0..<Self.batch * 4).map { _ in UInt8(random.next() % 256) }
        let targets = (0..<Self.batch).map { _ in Int32(random.next() % 10) }
        var test = TestRandom(seed: 3)
        let outputs = AlignedBuffer(test.uniform(40 * Self.batch))
        let embeddingGradient = AlignedBuffer(test.normal(32 * Self.batch))
        var results: [[Float]] = [], losses: [Double] = []
        for workers in [1, 2] {
            let embedding = Embedding(bitsPerByte: 8, seed: 5)
            let embedded = AlignedBuffer<Float>(count: 32 * Self.batch)
            embedding.forward(contexts: contexts, contextLength: 4, batch: Self.batch, output: embedded, workers: workers)
            embedding.backward(contexts: contexts, contextLength: 4, batch: Self.batch,
                               outputGradient: embeddingGradient, workers: workers)
            let readout = GroupSum(classCount: 10, groupSize: 4)
            let gradient = AlignedBuffer<Float>(count: 40 * Self.batch)
            let loss = readout.lossAndGradient(outputs: outputs, targets: targets, batch: Self.batch,
                                               outputGradient: gradient, workers: workers)
            results.append(embedded.array + embedding.logitGradient.array + gradient.array)
            losses.append(loss.nats)
        }
        #expect(results[0] == results[1])
        #expect(losses[0] == losses[1])
    }
}
