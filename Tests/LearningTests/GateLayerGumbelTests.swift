import Foundation
import Testing
@testable import Learning

/// Gumbel noise on the gate choice: fresh noise at each update, the straight-through forward is
/// the argmax of the noisy logits, and a clear winner survives the noise.
@Suite struct GateLayerGumbelTests {
    static func layer(passThrough: Float) -> GateLayer {
        GateLayer(inputCount: 8, gateCount: 40, seed: 5, passThroughLogit: passThrough, logitDeviation: 0.1)
    }

    @Test func quantilesAreThoseOfGumbel() {
        let q = GateLayer.gumbelQuantiles
        let mean = q.reduce(0.0) { $0 + Double($1) } / Double(q.count)
        #expect(abs(mean - 0.5772) < 0.01, "mean \(mean) (Euler–Mascheroni)")
        #expect(zip(q, q.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func noiseChangesTheRelaxationAtEveryUpdateAndOffRestoresIt() {
        let layer = Self.layer(passThrough: 0.5)
        let clean = layer.probabilities.array
        layer.gumbelScale = 1
        layer.seedGumbelNoise(1)
        layer.updateCoefficients()
        let first = layer.probabilities.array
        layer.updateCoefficients()
        let second = layer.probabilities.array
        #expect(first != clean && second != first)
        // Each gate's probabilities still sum to 1.
        for gate in 0..<layer.gateCount {
            let sum = (0..<16).reduce(Float(0)) { $0 + second[$1 * layer.gateStride + gate] }
            #expect(abs(sum - 1) < 1e-5)
        }
        layer.seedGumbelNoise(1)
        layer.updateCoefficients()
        #expect(layer.probabilities.array == first, "the same seed draws the same noise")
        layer.gumbelScale = 0
        layer.updateCoefficients()
        #expect(layer.probabilities.array == clean)
    }

    @Test func straightThroughPicksTheArgmaxOfTheNoisyLogits() {
        let close = Self.layer(passThrough: 0.2)
        close.straightThrough = true
        close.gumbelScale = 1
        var flipped = false
        for _ in 0..<10 {
            close.updateCoefficients()
            let noisy = close.noisyLogits!
            let chosen = GateLayer.argmaxFunctions(noisy, gateCount: close.gateCount, gateStride: close.gateStride)
            for (gate, function) in chosen.enumerated() {
                let row = GateFunction.coefficientTable[Int(function)]
                #expect((0..<4).allSatisfy { close.coefficients[$0 * close.gateStride + gate] == row[$0] })
            }
            flipped = flipped || chosen != close.discretized()
        }
        #expect(flipped, "with close logits the noise changes some gate choices")
        // A margin of 40 nats is never overturned by noise of scale 1 (the quantiles stay below 12).
        let clear = Self.layer(passThrough: 40)
        clear.straightThrough = true
        clear.gumbelScale = 1
        for _ in 0..<10 {
            clear.updateCoefficients()
            #expect(GateLayer.argmaxFunctions(clear.noisyLogits!, gateCount: clear.gateCount, gateStride: clear.gateStride) == clear.discretized())
        }
    }
}
