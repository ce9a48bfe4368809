import Foundation
import LanguageModels
import Learning
import Testing
import Text

/// A loss that stops being finite stops training at once with a clear message, and the
/// checkpoint on disk stays the last good one (here: the one written before).
@Suite struct GateNetworkTrainerDivergenceTests {
    @Test func aNaNParameterStopsTrainingAndKeepsTheLastCheckpoint() throws {
        let (model, text, _, _) = GateNetworkModelTests.trainedOnPeriodicText(steps: 2)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gatelm-diverge-\(UUID().uuidString).gatelm").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var record = TrainingRecord()
        record.batch = 64
        try GateNetworkCheckpoint(model: model, training: record).write(to: path, optimizer: nil)
        let good = try Data(contentsOf: URL(fileURLWithPath: path))

        // Poison the soft embedding so that the first forward pass computes NaN.
        model.embedding.straightThrough = false
        for i in 0..<model.embedding.logits.count { model.embedding.logits[i] = .nan }
        model.parametersChanged()
        var options = GateNetworkTrainer.Options()
        options.steps = 50
        options.workers = 1
        options.checkpointPath = path
        options.checkpointInterval = 0
        options.embeddingStraightThrough = false
        let trainer = GateNetworkTrainer(checkpoint: GateNetworkCheckpoint(model: model, training: record),
                                         optimizer: Adam(parameters: model.parameters, learningRate: 0.05),
                                         text: text, split: CorpusSplit(byteCount: text.count), options: options)
        #expect { _ = try trainer.run { _ in } } throws: { error in
            "\(error)".contains("not a finite number") && error is GateNetworkTrainer.Diverged
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == good)
        #expect(try GateNetworkCheckpoint.read(from: path).checkpoint.training.step == 0)
    }
}
