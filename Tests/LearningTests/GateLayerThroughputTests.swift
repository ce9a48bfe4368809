import Testing
import Learning

/// The throughput harness itself, on tiny shapes (the measurement proper is
/// LearningThroughputTests, off by default).
@Suite struct GateLayerThroughputTests {
    @Test(arguments: [(fused: true, optimizer: true), (fused: false, optimizer: true), (fused: true, optimizer: false)])
    func reportsWhatItTimed(fused: Bool, optimizer: Bool) {
        let result = GateLayer.measureTrainingThroughput(
            layers: 2, gates: 48, batch: 32, workers: 2, fused: fused, optimizer: optimizer, minimumSeconds: 0)
        #expect(result.fused == fused && result.optimizer == optimizer)
        #expect(result.layers == 2 && result.gatesPerLayer == 48 && result.batch == 32 && result.workers == 2)
        #expect(result.steps >= 1)
        #expect(result.secondsPerStep > 0)
        #expect(abs(result.gateSamplesPerSecond - Double(2 * 48 * 32) / result.secondsPerStep) <= result.gateSamplesPerSecond * 1e-12)
        #expect(result.description.contains("Adam") == optimizer)
    }
}
