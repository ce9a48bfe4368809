import Circuits
import LanguageModels
import Testing
import Text

/// The generator against the straightforward path it replaced: contexts cut
/// from each stream's text, `CircuitLanguageModel.scores(contexts:count:)`,
/// one `Sampler` per stream.
@Suite struct CircuitTextGeneratorStepTests {
    static func straightforwardStreams(model: CircuitLanguageModel, prompt: [UInt8], streams count: Int,
                                       temperature: Double, seed: UInt64, steps: Int) -> [[UInt8]] {
        let readout = model.readout ?? ReadoutParameters(temperature: 1, epsilon: 0)
        var samplers = (0..<count).map {
            Sampler(temperature: temperature, scoreDivisor: readout.temperature, epsilon: readout.epsilon,
                    seed: seed &+ UInt64($0) &* 0x9E37_79B9_7F4A_7C15)
        }
        let vocabulary = ByteVocabulary(bytes: model.classBytes)
        let classOrder = vocabulary.bytes.map { model.classBytes.firstIndex(of: $0)! }
        let window = ContextWindow(width: model.contextLength)
        var streams = Array(repeating: prompt, count: count)
        for _ in 0..<steps {
            let contexts = streams.flatMap { window.context(at: $0.count, in: $0) }
            let scores = model.scores(contexts: contexts, count: count, threads: 1)
            for s in 0..<count {
                let ordered = classOrder.map { scores[s * model.classCount + $0] }
                streams[s].append(samplers[s].nextByte(scores: ordered, vocabulary: vocabulary))
            }
        }
        return streams
    }

    @Test(arguments: [(1, 1), (3, 2), (64, 1), (130, 2), (300, 1), (300, 2)])
    func generatesTheTextOfTheStraightforwardPath(streams: Int, threads: Int) throws {
        let network = DiscreteGateNetworkTests.randomNetwork(seed: 5)
        let model = try CircuitLanguageModel(network.circuit())
        for (prompt, temperature) in [("", 1.0), ("ab cab", 0.7), ("dd", 0)] {
            var generator = CircuitTextGenerator(model: model, prompt: Array(prompt.utf8), streams: streams,
                                                 temperature: temperature, seed: 9, threads: threads)
            for _ in 0..<12 { generator.step(threads: threads) }
            let expected = Self.straightforwardStreams(model: model, prompt: Array(prompt.utf8), streams: streams,
                                                       temperature: temperature, seed: 9, steps: 12)
            #expect(generator.streams == expected, "prompt \"\(prompt)\", T = \(temperature)")
        }
    }

    @Test func scoresWiderThanEightBitsDecodeExactly() throws {
        // 300 gates per class: scores up to 300 need 9 bits.
        let network = DiscreteGateNetworkTests.randomNetwork(seed: 6, widths: [40, 2100])
        let model = try CircuitLanguageModel(network.circuit())
        var generator = CircuitTextGenerator(model: model, prompt: Array("fa".utf8), streams: 70,
                                             temperature: 1, seed: 4, threads: 1)
        for _ in 0..<6 { generator.step() }
        #expect(generator.streams == Self.straightforwardStreams(
            model: model, prompt: Array("fa".utf8), streams: 70, temperature: 1, seed: 4, steps: 6))
        var rng = SplitMix64(seed: 1)
        let contexts = (0..<99 * model.contextLength).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let scores = model.scores(contexts: contexts, count: 99)
        #expect(scores == network.scores(contexts: contexts, count: 99))
    }
}

/// Generation from a recurrent circuit: each stream's state is carried by the stepping
/// simulator, and the text equals the discrete state machine's own, stream by stream.
@Suite struct RecurrentGenerationTests {
    @Test(arguments: [(1, 1), (70, 1), (300, 2)])
    func generatesTheDiscreteMachinesText(streams: Int, threads: Int) throws {
        let classes = Array("\n abcdeh".utf8).sorted()
        let machine = DiscreteTernaryRNN.random(seed: 8, stateBits: 30, codeBits: 6, classes: classes)
        let readout = ReadoutParameters(temperature: 1.5, epsilon: 0.01)
        let model = try CircuitLanguageModel(machine.circuit(readout: readout))
        let vocabulary = ByteVocabulary(bytes: classes)
        let kernel = machine.kernel
        for (prompt, temperature) in [("", 1.0), ("ab cab", 0.7), ("dd", 0)] {
            var generator = CircuitTextGenerator(model: model, prompt: Array(prompt.utf8), streams: streams,
                                                 temperature: temperature, seed: 9, threads: threads)
            for _ in 0..<15 { generator.step(threads: threads) }
            for s in [0, streams / 2, streams - 1] {
                var sampler = Sampler(temperature: temperature, scoreDivisor: readout.temperature, epsilon: readout.epsilon,
                                      seed: 9 &+ UInt64(s) &* 0x9E37_79B9_7F4A_7C15)
                var state = kernel.initialState, text = Array(prompt.utf8)
                var scores = [Int32](repeating: 0, count: machine.classCount)
                for byte in [0] + text { kernel.step(&state, byte: byte) }
                for _ in 0..<15 {
                    kernel.scores(state, into: &scores)
                    let byte = sampler.nextByte(scores: scores, vocabulary: vocabulary)
                    text.append(byte)
                    kernel.step(&state, byte: byte)
                }
                #expect(generator.streams[s] == text, "stream \(s), prompt \"\(prompt)\", T = \(temperature)")
            }
            #expect(Set(generator.streams).count > min(streams, 3) / 2 || temperature == 0)
        }
    }
}
