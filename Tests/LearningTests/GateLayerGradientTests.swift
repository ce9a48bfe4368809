import Testing
import Learning

/// Gradients of gate layers against central finite differences of the
/// Double reference forward (which mixes all 16 functions, not the 4 coefficients).
@Suite struct GateLayerGradientTests {
    /// 144 samples: two slices (128 + 16), so the per-slice reduction is exercised.
    static let batch = 144

    static func randomLayer(inputs: Int, gates: Int, seed: UInt64) -> GateLayer {
        var random = TestRandom(seed: seed)
        let wired = GateLayer(inputCount: inputs, gateCount: gates, seed: seed)
        return GateLayer(inputCount: inputs, firstInput: wired.firstInput.array, secondInput: wired.secondInput.array,
                         gateLogits: (0..<gates).map { _ in random.normal(16, deviation: 1.5) })
    }

    /// A per-gate tensor as `[gate * 16 + function]` Doubles, the reference's layout.
    static func flat(_ layer: GateLayer, _ tensor: AlignedBuffer<Float>) -> [Double] {
        layer.perGate(tensor).flatMap { $0.map(Double.init) }
    }

    @Test func forwardMatchesTheReference() {
        let layer = Self.randomLayer(inputs: 8, gates: 12, seed: 1)
        var random = TestRandom(seed: 2)
        let input = AlignedBuffer(random.uniform(8 * Self.batch))
        let output = AlignedBuffer<Float>(count: 12 * Self.batch)
        layer.forward(input: input, output: output, batch: Self.batch)
        let expected = Reference.gateForward(logits: Self.flat(layer, layer.logits), first: layer.firstInput.array,
                                             second: layer.secondInput.array, input: input.array.map(Double.init),
                                             batch: Self.batch)
        #expect(Reference.maxRelativeError(output.array, expected) < 1e-5)
    }

    @Test func logitAndInputGradientsMatchFiniteDifferences() {
        let batch = Self.batch
        let layer = Self.randomLayer(inputs: 8, gates: 12, seed: 5)
        var random = TestRandom(seed: 6)
        let input = AlignedBuffer(random.uniform(8 * batch))
        let weights = random.normal(12 * batch)
        let output = AlignedBuffer<Float>(count: 12 * batch), inputGradient = AlignedBuffer<Float>(count: 8 * batch)
        layer.forward(input: input, output: output, batch: batch)
        layer.backward(input: input, outputGradient: AlignedBuffer(weights), inputGradient: inputGradient, batch: batch)

        let first = layer.firstInput.array, second = layer.secondInput.array
        let logits = Self.flat(layer, layer.logits), x = input.array.map(Double.init), w = weights.map(Double.init)
        let dLogits = Reference.numericalGradient(of: logits) {
            Reference.dot(w, Reference.gateForward(logits: $0, first: first, second: second, input: x, batch: batch))
        }
        let checked = Reference.sampledIndices(x.count)
        let dInput = Reference.numericalGradient(of: x, at: checked) {
            Reference.dot(w, Reference.gateForward(logits: logits, first: first, second: second, input: $0, batch: batch))
        }
        #expect(Reference.maxRelativeError(Self.flat(layer, layer.logitGradient).map(Float.init), dLogits) < 1e-4)
        #expect(Reference.maxRelativeError(inputGradient.array, dInput, at: checked) < 1e-4)
    }

    @Test func twoLayerStackGradientsMatchFiniteDifferences() {
        let batch = Self.batch
        let lower = Self.randomLayer(inputs: 6, gates: 10, seed: 7)
        let upper = Self.randomLayer(inputs: 10, gates: 8, seed: 8)
        var random = TestRandom(seed: 9)
        let input = AlignedBuffer(random.uniform(6 * batch))
        let weights = random.normal(8 * batch)
        let hidden = AlignedBuffer<Float>(count: 10 * batch), output = AlignedBuffer<Float>(count: 8 * batch)
        let hiddenGradient = AlignedBuffer<Float>(count: 10 * batch), inputGradient = AlignedBuffer<Float>(count: 6 * batch)
        lower.forward(input: input, output: hidden, batch: batch)
        upper.forward(input: hidden, output: output, batch: batch)
        upper.backward(input: hidden, outputGradient: AlignedBuffer(weights), inputGradient: hiddenGradient, batch: batch)
        lower.backward(input: input, outputGradient: hiddenGradient,
                       inputGradient: inputGradient, batch: batch)

        let w = weights.map(Double.init), x = input.array.map(Double.init)
        let lowerLogits = Self.flat(lower, lower.logits), upperLogits = Self.flat(upper, upper.logits)
        func loss(_ lowerLogits: [Double], _ upperLogits: [Double], _ x: [Double]) -> Double {
            let h = Reference.gateForward(logits: lowerLogits, first: lower.firstInput.array,
                                          second: lower.secondInput.array, input: x, batch: batch)
            return Reference.dot(w, Reference.gateForward(logits: upperLogits, first: upper.firstInput.array,
                                                          second: upper.secondInput.array, input: h, batch: batch))
        }
        let dLower = Reference.numericalGradient(of: lowerLogits) { loss($0, upperLogits, x) }
        let dUpper = Reference.numericalGradient(of: upperLogits) { loss(lowerLogits, $0, x) }
        let checked = Reference.sampledIndices(x.count)
        let dInput = Reference.numericalGradient(of: x, at: checked) { loss(lowerLogits, upperLogits, $0) }
        #expect(Reference.maxRelativeError(Self.flat(lower, lower.logitGradient).map(Float.init), dLower) < 1e-4)
        #expect(Reference.maxRelativeError(Self.flat(upper, upper.logitGradient).map(Float.init), dUpper) < 1e-4)
        #expect(Reference.maxRelativeError(inputGradient.array, dInput, at: checked) < 1e-4)
    }

    /// The input gradient is overwritten: rows no gate reads become 0, the others
    /// do not depend on what the buffer held before.
    @Test func inputGradientIsOverwrittenIncludingUnreadRows() {
        let batch = 32
        let layer = GateLayer(inputCount: 40, gateCount: 12, seed: 3, passThroughLogit: 1, logitDeviation: 1)
        var random = TestRandom(seed: 4)
        let input = AlignedBuffer(random.uniform(40 * batch)), outputGradient = AlignedBuffer(random.normal(12 * batch))
        let clean = AlignedBuffer<Float>(count: 40 * batch)
        let dirty = AlignedBuffer<Float>([Float](repeating: .nan, count: 40 * batch))
        layer.backward(input: input, outputGradient: outputGradient, inputGradient: clean, batch: batch)
        layer.backward(input: input, outputGradient: outputGradient, inputGradient: dirty, batch: batch)
        #expect(clean.array == dirty.array)
        let read = Set(layer.firstInput.array + layer.secondInput.array)
        #expect(read.count == 24)
        for unit in 0..<40 where !read.contains(UInt32(unit)) {
            #expect(dirty.array[unit * batch ..< (unit + 1) * batch].allSatisfy { $0 == 0 })
        }
    }

    @Test func aGateReadingOneUnitTwiceGetsBothInputGradients() {
        let batch = 16
        let layer = GateLayer(inputCount: 1, firstInput: [0], secondInput: [0],
                              gateLogits: [(0..<16).map { $0 == Int(GateFunction.and.rawValue) ? 40 : -40 }])
        let input = AlignedBuffer<Float>([Float](repeating: 0.5, count: batch))
        let gradient = AlignedBuffer<Float>(count: batch)
        layer.backward(input: input, outputGradient: AlignedBuffer([Float](repeating: 1, count: batch)),
                       inputGradient: gradient, batch: batch)
        // d(a·a)/da = 2a = 1.
        #expect(gradient.array.allSatisfy { abs($0 - 1) < 1e-5 })
    }
}
