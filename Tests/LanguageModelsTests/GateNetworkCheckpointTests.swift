import Foundation
import LanguageModels
import Learning
import Testing
import Text
import _TestSupport

@Suite struct GateNetworkCheckpointTests {
    @Test func roundTripKeepsTheModelAndTheOptimizer() throws {
        let (model, _, _, _) = GateNetworkModelTests.trainedOnPeriodicText(steps: 20)
        let adam = Adam(parameters: model.parameters, learningRate: 0.05)
        adam.firstMoments[1][3] = 0.25
        adam.stepCount = 20
        var record = TrainingRecord()
        record.step = 20
        record.learningRate = 0.05
        record.trainingCurve = [.init(step: 10, bitsPerByte: 1.5)]
        let dir = try TemporaryDirectory()
        try GateNetworkCheckpoint(model: model, training: record).write(to: dir.file("m.gatelm"), optimizer: adam)
        let (loaded, file) = try GateNetworkCheckpoint.read(from: dir.file("m.gatelm"))
        #expect(loaded.model.discretized() == model.discretized())
        #expect(loaded.model.configuration == model.configuration && loaded.model.vocabulary == model.vocabulary)
        #expect(loaded.training.step == 20 && loaded.training.trainingCurve == record.trainingCurve)
        #expect(loaded.model.embedding.logits.array == model.embedding.logits.array)
        let restored = try GateNetworkCheckpoint.optimizer(for: loaded, file: file)
        #expect(restored.firstMoments[1][3] == 0.25 && restored.stepCount == 20 && restored.learningRate == 0.05)
    }

    @Test func truncatedAndForeignFilesAreRefused() throws {
        let (model, _, _, _) = GateNetworkModelTests.trainedOnPeriodicText(steps: 1)
        let dir = try TemporaryDirectory()
        try GateNetworkCheckpoint(model: model, training: .init()).write(to: dir.file("m.gatelm"), optimizer: nil)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir.file("m.gatelm")))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: dir.file("half.gatelm")))
        #expect(throws: CheckpointError.self) { try GateNetworkCheckpoint.read(from: dir.file("half.gatelm")) }
        try Checkpoint(metadata: "{\"kind\": \"something else\"}").write(to: dir.file("other.ckpt"))
        #expect(throws: CheckpointFormatError.self) { try GateNetworkCheckpoint.read(from: dir.file("other.ckpt")) }
    }
}
