import Testing
import Learning

@Suite struct GateLayerTests {
    @Test func residualWiringPassesUnitIAndUsesEveryInput() {
        for (inputs, gates) in [(64, 64), (50, 80), (80, 50), (1, 4)] {
            let layer = GateLayer(inputCount: inputs, gateCount: gates, seed: 11)
            let first = layer.firstInput.array, second = layer.secondInput.array
            #expect(first == (0..<gates).map { UInt32($0 % inputs) })
            #expect(Set(first + second).count == min(inputs, 2 * gates))
            if inputs > 1 { #expect(zip(first, second).allSatisfy { $0 != $1 }) }
        }
    }

    @Test func wiringAndLogitsAreReproducibleFromTheSeed() {
        let a = GateLayer(inputCount: 40, gateCount: 30, seed: 5), b = GateLayer(inputCount: 40, gateCount: 30, seed: 5)
        let c = GateLayer(inputCount: 40, gateCount: 30, seed: 6)
        #expect(a.secondInput.array == b.secondInput.array && a.logits.array == b.logits.array)
        #expect(a.secondInput.array != c.secondInput.array)
    }

    @Test func residualInitialisationPutsMostMassOnPassThrough() {
        let layer = GateLayer(inputCount: 32, gateCount: 32, seed: 1, passThroughLogit: 5)
        #expect(layer.discretized().allSatisfy { $0 == GateFunction.passThrough.rawValue })
        #expect(layer.perGate(layer.probabilities).allSatisfy { $0[3] > 0.85 })
    }

    /// Eight residual layers of equal width keep every input bit on its side of 1/2,
    /// and stay close to the inputs.
    @Test func deepResidualStackPassesItsInputThrough() {
        let width = 64, batch = 32, depth = 8
        var random = TestRandom(seed: 2)
        let input = AlignedBuffer(random.bits(width * batch))
        var current = input
        for layerIndex in 0..<depth {
            let layer = GateLayer(inputCount: width, gateCount: width, seed: UInt64(layerIndex), passThroughLogit: 5)
            let next = AlignedBuffer<Float>(count: width * batch)
            layer.forward(input: current, output: next, batch: batch)
            current = next
        }
        let output = current.array, bits = input.array
        #expect(zip(output, bits).allSatisfy { ($0 > 0.5) == ($1 > 0.5) })
        let meanDeviation = zip(output, bits).map { abs($0 - $1) }.reduce(0, +) / Float(output.count)
        #expect(meanDeviation < 0.3)
        // Without residual initialisation the signal is gone after eight layers.
        current = input
        for layerIndex in 0..<depth {
            var logitRandom = TestRandom(seed: UInt64(100 + layerIndex))
            let wired = GateLayer(inputCount: width, gateCount: width, seed: UInt64(layerIndex))
            let layer = GateLayer(inputCount: width, firstInput: wired.firstInput.array,
                                  secondInput: wired.secondInput.array,
                                  gateLogits: (0..<width).map { _ in logitRandom.normal(16) })
            let next = AlignedBuffer<Float>(count: width * batch)
            layer.forward(input: current, output: next, batch: batch)
            current = next
        }
        let plain = current.array
        #expect(zip(plain, bits).map { abs($0 - $1) }.reduce(0, +) / Float(plain.count) > meanDeviation)
    }

    @Test func discretizedIsTheArgmax() {
        var logits = [[Float]](repeating: [Float](repeating: 0, count: 16), count: 2)
        logits[0][7] = 2; logits[1][12] = 1; logits[1][2] = 1
        let layer = GateLayer(inputCount: 2, firstInput: [0, 1], secondInput: [1, 0], gateLogits: logits)
        #expect(layer.perGate(layer.logits) == logits)
        #expect(layer.logits[layer.logitIndex(gate: 1, function: 12)] == 1)
        #expect(layer.discretized() == [7, 2])
    }

    /// With (nearly) one-hot logits the soft forward on bits is the discrete forward.
    @Test func discreteForwardOnWordsEqualsThresholdedSoftForward() {
        let inputs = 20, gates = 48, batch = 128
        var random = TestRandom(seed: 3)
        let wired = GateLayer(inputCount: inputs, gateCount: gates, seed: 3)
        let functions = (0..<gates).map { UInt8($0 % 16) }
        let logits = functions.map { f in (0..<16).map { $0 == Int(f) ? Float(40) : Float(-40) } }
        let layer = GateLayer(inputCount: inputs, firstInput: wired.firstInput.array,
                              secondInput: wired.secondInput.array, gateLogits: logits)
        #expect(layer.discretized() == functions)
        let bits = random.bits(inputs * batch)
        let soft = AlignedBuffer<Float>(count: gates * batch)
        layer.forward(input: AlignedBuffer(bits), output: soft, batch: batch)

        let wordsPerUnit = batch / 64
        var words = [UInt64](repeating: 0, count: inputs * wordsPerUnit)
        for unit in 0..<inputs {
            for s in 0..<batch where bits[unit * batch + s] == 1 { words[unit * wordsPerUnit + s / 64] |= 1 << UInt64(s % 64) }
        }
        let output = layer.discreteForward(functions: functions, input: words, wordsPerUnit: wordsPerUnit)
        for gate in 0..<gates {
            for s in 0..<batch {
                let bit = output[gate * wordsPerUnit + s / 64] >> UInt64(s % 64) & 1 == 1
                #expect(bit == (soft[gate * batch + s] > 0.5))
            }
        }
    }
}
