import Foundation
import LanguageModels
import Learning
import Testing
import Text
import _TestSupport

/// Every field of a checkpoint that `train --resume` reads is checked before training starts:
/// a crafted value is refused with the field and its range named, never a trap.
@Suite struct ResumeValidationTests {
    typealias Gate = GateNetworkCheckpointValidationTests

    @Test(arguments: [
        (["training", "batch"], "7", "training.batch: must be a multiple of 16 in 16...1048576; got 7"),
        (["training", "batch"], "8", "training.batch: must be a multiple of 16 in 16...1048576; got 8"),
        (["training", "batch"], "1048592", "training.batch: must be a multiple of 16 in 16...1048576; got 1048592"),
        (["training", "step"], "9223372036854775807", "training.step: must be in 0...1099511627776; got 9223372036854775807"),
        (["training", "step"], "1099511627777", "training.step: must be in 0...1099511627776"),
        (["training", "learningRate"], "0", "training.learningRate: must be a finite number in (0, 100]"),
        (["training", "learningRate"], "1000", "training.learningRate: must be a finite number in (0, 100]"),
        (["training", "seconds"], "1e300", "training.seconds: must be a finite number in 0...1e12; got 1e+300"),
        (["training", "trainingCurve"], #"[{"step": -1, "bitsPerByte": 1}]"#, "training.trainingCurve[0]"),
    ] as [([String], String, String)])
    func gateNetworkTrainingFieldsAreRefusedByName(path: [String], json: String, message: String) throws {
        let value = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)
        let edited = try Gate.editingMetadata(try Gate.container(), path, value)
        let failure = try #require(Gate.failure(edited), "\(path) = \(json) was accepted")
        #expect(failure.contains(message), "\(failure)")
    }

    /// A checkpoint made in memory (not read from a file) with batch 7: the trainer throws, naming it.
    @Test func theGateTrainerRefusesABatchThatIsNotAMultipleOf16() throws {
        let (model, text, _, _) = GateNetworkModelTests.trainedOnPeriodicText(steps: 1)
        var record = TrainingRecord()
        record.batch = 7
        var options = GateNetworkTrainer.Options()
        options.steps = 2
        options.calibrationSamples = 0
        let trainer = GateNetworkTrainer(checkpoint: GateNetworkCheckpoint(model: model, training: record),
                                         optimizer: Adam(parameters: model.parameters, learningRate: 0.05),
                                         text: text, split: CorpusSplit(byteCount: text.count), options: options)
        #expect { _ = try trainer.run { _ in } } throws: { "\($0)".contains("batch: must be a multiple of 16 in 16...1048576; got 7") }
    }

    /// A ternary checkpoint with a step count past the range: refused on reading and by the trainer.
    @Test func ternaryStepCountsAreBounded() throws {
        let (good, network) = try Self.ternaryContainer()
        var file = good
        file.metadata = file.metadata.replacingOccurrences(of: "\"step\":0", with: "\"step\":9223372036854775807")
        #expect(file.metadata != good.metadata)
        #expect(Self.ternaryRefusal(file).contains("training.step: must be in 0...1099511627776"))

        var record = TrainingRecord()
        record.step = .max
        let text = Array(String(repeating: "the best of the rest was set wrong, then we saw ", count: 40).utf8)
        var options = TernaryRNNTrainer.Options()
        options.steps = 3
        let checkpoint = TernaryRNNCheckpoint(network: network, vocabulary: ByteVocabulary(bytes: TernaryRNNFoldingTests.classBytes), training: record)
        let trainer = TernaryRNNTrainer(checkpoint: checkpoint, optimizer: Adam(parameters: network.parameters, learningRate: 0.01),
                                        text: text, split: CorpusSplit(byteCount: text.count), options: options)
        #expect { _ = try trainer.run { _ in } } throws: { "\($0)".contains("step: must be in 0...1099511627776") }
    }

    /// A gain so large that the folded threshold overflows: refused on reading, naming the unit
    /// and the tensor, instead of trapping when the state machine is folded.
    @Test func ternaryGainsThatOverflowWhenFoldedAreRefused() throws {
        // Signed inputs double the gain, and a row without weights keeps a scale of 1.
        let (good, network) = try Self.ternaryContainer(signed: true)
        var file = good
        var gains = network.gain.array, weights = network.weights.array
        gains[1] = 3e38
        let inputs = weights.count / gains.count
        for j in inputs..<(2 * inputs) { weights[j] = 0 }
        file["gain"] = .float32(gains)
        file["weights"] = .float32(weights)
        let refusal = Self.ternaryRefusal(file)
        #expect(refusal.contains("unit 1") && refusal.contains("'gain'") && refusal.contains("not finite"), "\(refusal)")
    }

    /// A small saved ternary model (no optimiser state) and its network.
    static func ternaryContainer(signed: Bool = false) throws -> (Checkpoint, TernaryRNN) {
        let network = TernaryRNNFoldingTests.network(seed: 6, stateBits: 4, codeBits: 2, signed: signed)
        let checkpoint = TernaryRNNCheckpoint(network: network, vocabulary: ByteVocabulary(bytes: TernaryRNNFoldingTests.classBytes), training: .init())
        let dir = try TemporaryDirectory()
        try checkpoint.write(to: dir.file("m.gatelm"), optimizer: nil)
        return (try Checkpoint.read(from: dir.file("m.gatelm")), network)
    }

    static func ternaryRefusal(_ file: Checkpoint) -> String {
        do { _ = try TernaryRNNCheckpoint(file: file, source: "m.gatelm"); return "accepted" } catch { return "\(error)" }
    }
}
