import Foundation
import GateLMSupport
import LanguageModels
import Learning
import Testing
import Text
import _TestSupport

/// Folding a trained `TernaryRNN` into `DiscreteTernaryRNN`, and its checkpoint.
@Suite struct TernaryRNNFoldingTests {
    static let classBytes: [UInt8] = Array("\n abehlnorstw".utf8).sorted()

    /// A small network with biases and gains spread so that units fire on some inputs only.
    static func network(seed: UInt64, stateBits: Int = 37, codeBits: Int = 9, signed: Bool = false, activationBits: Int = 1) -> TernaryRNN {
        var c = TernaryRNNConfiguration()
        c.signedInputs = signed
        c.activationBits = activationBits
        c.stateBits = stateBits
        c.codeBits = codeBits
        c.seed = seed
        let network = TernaryRNN(configuration: c, classCount: classBytes.count,
                                 initialReadoutBias: classBytes.indices.map { Float($0 % 5) * 0.37 - 0.6 })
        var rng = SplitMix64(seed: seed)
        for i in 0..<network.bias.count {
            network.bias[i] = rng.nextNormal(deviation: 0.7)
            network.gain[i] = rng.nextNormal(deviation: 2)
        }
        network.readoutScale[0] = 0.23
        network.prepare()
        return network
    }

    /// At every step of a byte sequence, the folded machine's state equals the network's
    /// straight-through state, and its integer scores give the network's cross-entropy; for
    /// inputs seen as 0/1 (the default) and as ±1.
    @Test(arguments: [UInt64(1), 2, 3], [true, false])
    func foldedMachineEqualsTheStraightThroughForwardAtEveryStep(seed: UInt64, signed: Bool) throws {
        let network = Self.network(seed: seed, signed: signed)
        let (machine, readout) = try network.discrete(classBytes: Self.classBytes)
        let text = Array("the whale breathes; she throws the horn at the hole\nnow blow the tall horns".utf8)
        let vocabulary = ByteVocabulary(bytes: Self.classBytes)
        let workspace = TernaryRNN.Workspace(model: network, streams: 1, steps: 1)
        let kernel = machine.kernel
        var state = kernel.initialState
        var scores = [Int32](repeating: 0, count: machine.classCount)
        var changes = 0, previous = workspace.state.array
        for (t, byte) in text.dropLast().enumerated() {
            let target = Int32(vocabulary.classIndex(of: text[t + 1]) ?? 0)
            let nats = network.chunk(bytes: [byte], targets: [target], workspace: workspace, backward: false)
            kernel.step(&state, byte: byte)
            let bits = (0..<machine.stateBits).map { Float(state[$0 / 64] >> UInt64($0 % 64) & 1) }
            #expect(bits == workspace.state.array, "state after byte \(t)")
            if bits != previous { changes += 1 }
            previous = bits
            kernel.scores(state, into: &scores)
            let q = ScoreSoftmax.probabilities(scores: scores, divisor: readout.temperature, epsilon: 0)
            #expect(abs(-log(q[Int(target)]) - nats) < 1e-4 * max(1, nats), "cross-entropy after byte \(t)")
        }
        #expect(changes > text.count / 2, "the state changes on most steps (\(changes) of \(text.count - 1))")
        #expect(machine.offsets.min() == 0)
        #expect(machine.zeroFraction > 0.2)
    }

    /// With a k-bit state (k = 2, 3, 4), gains of both signs: at every step the folded machine's
    /// unit values equal the network's straight-through integer state, and its scores give the
    /// network's cross-entropy; the state uses more than two values.
    @Test(arguments: [UInt64(4), 5], [2, 3, 4])
    func foldedKBitMachineEqualsTheStraightThroughForwardAtEveryStep(seed: UInt64, activationBits k: Int) throws {
        let network = Self.network(seed: seed, activationBits: k)
        #expect((0..<network.gain.count).contains { network.gain[$0] < 0 }, "some gain is negative")
        let (machine, readout) = try network.discrete(classBytes: Self.classBytes)
        #expect(machine.activationBits == k && machine.candidate.allSatisfy { $0.thresholds.count == (1 << k) - 1 })
        let text = Array("the whale breathes; she throws the horn at the hole\nnow blow the tall horns".utf8)
        let vocabulary = ByteVocabulary(bytes: Self.classBytes)
        let workspace = TernaryRNN.Workspace(model: network, streams: 1, steps: 1)
        var values = Set<Float>(), steps = 0
        let kernel = machine.kernel
        var state = kernel.initialState, scores = [Int32](repeating: 0, count: machine.classCount)
        for (t, byte) in text.dropLast().enumerated() {
            let target = Int32(vocabulary.classIndex(of: text[t + 1]) ?? 0)
            let nats = network.chunk(bytes: [byte], targets: [target], workspace: workspace, backward: false)
            let read = Array(text[...t])
            let units = machine.unitValues(after: read)
            #expect(units.map(Float.init) == workspace.state.array, "state after byte \(t)")
            values.formUnion(workspace.state.array)
            kernel.step(&state, byte: byte)
            kernel.scores(state, into: &scores)
            let q = ScoreSoftmax.probabilities(scores: scores, divisor: readout.temperature, epsilon: 0)
            #expect(abs(-log(q[Int(target)]) - nats) < 1e-4 * max(1, nats), "cross-entropy after byte \(t)")
            steps += 1
        }
        #expect(steps == text.count - 1 && values.count > 2, "\(values)")
        #expect(machine.offsets.min() == 0)
    }

    /// A checkpoint round trip keeps every parameter, the optimiser moments and the folded machine.
    @Test func checkpointRoundTripKeepsTheModel() throws {
        let dir = try TemporaryDirectory()
        let network = Self.network(seed: 5)
        var record = TrainingRecord()
        record.step = 7
        let checkpoint = TernaryRNNCheckpoint(network: network, vocabulary: ByteVocabulary(bytes: Self.classBytes), training: record)
        let adam = Adam(parameters: network.parameters, learningRate: 0.01)
        adam.firstMoments[1][3] = 0.25
        try checkpoint.write(to: dir.file("m.gatelm"), optimizer: adam)
        let (loaded, file) = try TernaryRNNCheckpoint.read(from: dir.file("m.gatelm"))
        for (a, b) in zip(loaded.network.parameters, network.parameters) { #expect(a.value.array == b.value.array) }
        #expect(try loaded.discrete().model == checkpoint.discrete().model)
        #expect(loaded.training.step == 7 && loaded.training.hasOptimizerState)
        let restored = try TernaryRNNCheckpoint.optimizer(for: loaded, file: file)
        #expect(restored.firstMoments[1][3] == 0.25 && restored.stepCount == 7)
    }

    /// A checkpoint written before `signedInputs` existed (no such key) was trained on 0/1 inputs
    /// and reads back as such; the key round-trips either way.
    @Test func checkpointsWithoutTheInputEncodingReadAsUnsigned() throws {
        let dir = try TemporaryDirectory()
        let network = Self.network(seed: 7, stateBits: 4, codeBits: 2, signed: true)
        try TernaryRNNCheckpoint(network: network, vocabulary: ByteVocabulary(bytes: Self.classBytes), training: .init())
            .write(to: dir.file("m.gatelm"), optimizer: nil)
        var file = try Checkpoint.read(from: dir.file("m.gatelm"))
        #expect(try TernaryRNNCheckpoint(file: file, source: "m").network.configuration.signedInputs)
        #expect(file.metadata.contains("\"signedInputs\":true"))
        file.metadata = file.metadata.replacingOccurrences(of: ",\"signedInputs\":true", with: "")
        #expect(!file.metadata.contains("signedInputs"))
        #expect(try !TernaryRNNCheckpoint(file: file, source: "m").network.configuration.signedInputs)
    }

    /// Each bad field is refused, naming it.
    @Test func badFieldsAreRefusedByName() throws {
        let network = Self.network(seed: 6, stateBits: 4, codeBits: 2)
        let checkpoint = TernaryRNNCheckpoint(network: network, vocabulary: ByteVocabulary(bytes: Self.classBytes), training: .init())
        let dir = try TemporaryDirectory()
        try checkpoint.write(to: dir.file("m.gatelm"), optimizer: nil)
        let good = try Checkpoint.read(from: dir.file("m.gatelm"))
        func refusal(_ edit: (inout Checkpoint) -> Void) -> String {
            var file = good
            edit(&file)
            do { _ = try TernaryRNNCheckpoint(file: file, source: "m.gatelm"); return "accepted" } catch { return "\(error)" }
        }
        #expect(refusal { $0["weights"] = .float32([1, 2]) }.contains("tensor 'weights' has 2 elements"))
        #expect(refusal { $0["gain"] = nil }.contains("no tensor named 'gain'"))
        #expect(refusal { $0["readout.scale"] = .float32([-1]) }.contains("readout scale must be positive"))
        #expect(refusal { $0["bias"] = .float32([0, .nan, 0, 0, 0, 0, 0, 0]) }.contains("tensor 'bias' element 1 is nan"))
        #expect(refusal { $0["extra"] = .float32([0]) }.contains("unexpected tensor 'extra'"))
        #expect(refusal { $0.metadata = $0.metadata.replacingOccurrences(of: "\"stateBits\":4", with: "\"stateBits\":0") }
            .contains("configuration.stateBits: must be in 1...4096; got 0"))
        #expect(refusal { $0.metadata = $0.metadata.replacingOccurrences(of: "gatelm.ternary-rnn", with: "gatelm.other") }
            .contains("a gatelm.other checkpoint, not a ternary recurrent model"))
        #expect(refusal { _ in } == "accepted")
    }
}
