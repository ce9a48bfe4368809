import Circuits
import Foundation
@testable import LanguageModels
import Learning
import Testing
import Text
import _TestSupport

/// Calibrating the circuit's readout: it never makes the circuit worse on its samples, it
/// undoes a badly set τ, a hybrid's weights stay integers in range, and the circuit, the
/// discrete evaluation and the checkpoint all carry the fitted values.
@Suite struct ReadoutCalibrationTests {
    @Test func aBadTemperatureIsUndoneAndTheCircuitCarriesTheFit() throws {
        let (model, text, _, _) = GateNetworkModelTests.trainedOnPeriodicText(steps: 120, hashedOrders: [2])
        model.circuitTemperature = model.readout.temperature * 6
        let positions = ReadoutCalibration.positions(count: 1000, in: 2..<text.count)
        #expect(positions.count == 1000 && Set(positions).count == 1000 && positions.allSatisfy((2..<text.count).contains))
        let before = model.evaluate(on: text, positions: 2..<text.count).discreteBitsPerByte
        let result = ReadoutCalibration.fit(model, text: text, positions: positions)
        #expect(result.bitsAfter < result.bitsBefore - 0.05, "\(result)")
        #expect(result.temperatureAfter < result.temperatureBefore && !result.refittedCountWeights)
        let after = model.evaluate(on: text, positions: 2..<text.count).discreteBitsPerByte
        #expect(after < before, "discrete bits/byte \(before) → \(after)")
        // The circuit records the fitted τ, so evaluating the circuit file gives the same bits.
        let aig = model.circuit()
        #expect(ReadoutParameters(comments: aig.comments)?.temperature == Double(model.circuitTemperature!))
        let dir = try TemporaryDirectory()
        try GateNetworkCheckpoint(model: model, training: .init()).write(to: dir.file("m.gatelm"), optimizer: nil)
        #expect(try GateNetworkCheckpoint.read(from: dir.file("m.gatelm")).checkpoint.model.circuitTemperature == model.circuitTemperature)
    }

    @Test func aHybridsWeightsAreRefittedAsIntegersInRange() {
        let (model, _, _) = HybridModelTests.trained(steps: 60)
        let result = ReadoutCalibration.fit(model, text: HybridModelTests.text, positions: Array(HybridModelTests.training))
        #expect(result.bitsAfter <= result.bitsBefore)
        let rom = model.discretized().countROM!
        #expect(rom.weights.allSatisfy { Int($0) < 1 << rom.weightBits })
        let mixer = model.countMixer!
        for i in 0..<mixer.weights.count {
            let scaled = mixer.weights[i] * mixer.temperature
            #expect(abs(scaled - scaled.rounded()) < 1e-3, "weight \(i) is the integer it votes")
        }
    }
}
