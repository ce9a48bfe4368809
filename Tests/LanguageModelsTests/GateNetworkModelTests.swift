import Circuits
import Learning
import LanguageModels
import Testing
import Text

@Suite struct GateNetworkModelTests {
    /// A tiny model trained on a periodic text.
    /// A tiny network for tests: W = `contextLength`, E = 4, one hidden layer of 48 gates, k = 8,
    /// hashed tables of 2⁶ rows for `hashedOrders`, seed 3.
    static func tinyConfiguration(contextLength: Int, hashedOrders: [Int]) -> GateNetworkConfiguration {
        var configuration = GateNetworkConfiguration()
        configuration.contextLength = contextLength
        configuration.embeddingBits = 4
        configuration.hiddenWidths = [48]
        configuration.groupSize = 8
        configuration.temperature = GateNetworkConfiguration.recommendedTemperature(groupSize: 8)
        configuration.seed = 3
        configuration.hashedOrders = hashedOrders
        configuration.hashedRowBits = 6
        return configuration
    }

    static func trainedOnPeriodicText(steps: Int, hashedOrders: [Int] = []) -> (GateNetworkModel, [UInt8], first: Double, last: Double) {
        let text = Array(String(repeating: "abcd", count: 400).utf8)
        let configuration = tinyConfiguration(contextLength: 2, hashedOrders: hashedOrders)
        let model = GateNetworkModel(configuration: configuration, vocabulary: ByteVocabulary(of: text))
        let (first, last) = train(model, on: text, positions: 2..<text.count, steps: steps)
        return (model, text, first, last)
    }

    /// `steps` Adam steps (lr 0.05) on minibatches of 64 random contexts of `positions`; the first and last losses.
    static func train(_ model: GateNetworkModel, on text: [UInt8], positions: Range<Int>, steps: Int) -> (first: Double, last: Double) {
        let w = model.configuration.contextLength
        let workspace = GateNetworkWorkspace(model: model, batch: 64)
        let adam = Adam(parameters: model.parameters, learningRate: 0.05)
        var sampler = BatchSampler(window: ContextWindow(width: w), positions: positions, seed: 1)
        var batch = Minibatch(size: 64, width: w)
        var first = 0.0, last = 0.0
        for step in 0..<steps {
            sampler.fill(&batch, from: text)
            let loss = batch.contexts.withUnsafeBufferPointer { contexts in
                batch.targets.withUnsafeBufferPointer { targets in
                    model.trainStep(contexts: contexts.baseAddress!, targetBytes: targets.baseAddress!,
                                    workspace: workspace, optimizer: adam, workers: 2)
                }
            }
            if step == 0 { first = loss.meanBits }
            last = loss.meanBits
        }
        return (first, last)
    }

    @Test func learnsAPeriodicTextAndItsCircuitPredictsIt() throws {
        let (model, text, first, last) = Self.trainedOnPeriodicText(steps: 300)
        #expect(first > 1.5)   // four equally likely classes at the start: about 2 bits
        #expect(last < 0.5, "soft loss after training: \(last) bits/byte")
        let network = model.discretized()
        #expect(network.gateCount == model.gateCount)
        // The compiled circuit predicts every next byte of the text greedily.
        let circuit = try CircuitLanguageModel(network.circuit())
        let window = ContextWindow(width: 2)
        let positions = 2..<200
        let contexts = positions.flatMap { window.context(at: $0, in: text) }
        let scores = circuit.scores(contexts: contexts, count: positions.count)
        #expect(scores == network.scores(contexts: contexts, count: positions.count))
        var correct = 0
        for (i, position) in positions.enumerated() {
            let row = Array(scores[i * circuit.classCount ..< (i + 1) * circuit.classCount])
            if circuit.classBytes[row.firstIndex(of: row.max()!)!] == text[position] { correct += 1 }
        }
        #expect(correct == positions.count, "\(correct) of \(positions.count) predicted")
    }
}

@Suite struct CircuitTextGeneratorTests {
    @Test func greedyGenerationFromTheCircuitContinuesThePeriod() throws {
        let (model, _, _, _) = GateNetworkModelTests.trainedOnPeriodicText(steps: 300)
        let circuit = try CircuitLanguageModel(model.circuit())
        #expect(circuit.readout == model.readoutParameters)
        var generator = CircuitTextGenerator(model: circuit, prompt: Array("ab".utf8), streams: 3, temperature: 0, seed: 1)
        for _ in 0..<18 { generator.step() }
        for stream in generator.streams { #expect(String(decoding: stream, as: UTF8.self) == "abcdabcdabcdabcdabcd") }
    }

    @Test func samplingIsReproducibleForASeed() throws {
        let (model, _, _, _) = GateNetworkModelTests.trainedOnPeriodicText(steps: 5)
        let circuit = try CircuitLanguageModel(model.circuit())
        func sample(_ seed: UInt64) -> [[UInt8]] {
            var generator = CircuitTextGenerator(model: circuit, prompt: [], streams: 2, temperature: 1, seed: seed)
            for _ in 0..<40 { generator.step() }
            return generator.streams
        }
        #expect(sample(7) == sample(7))
        #expect(sample(7) != sample(8))
    }
}

@Suite struct GateNetworkSharpeningTests {
    @Test func sharpeningBringsTheSoftModelToItsDiscretisation() {
        let (model, text, _, _) = GateNetworkModelTests.trainedOnPeriodicText(steps: 60)
        let positions = 2..<514
        let before = model.evaluate(on: text, positions: positions)
        let discrete = before.discreteBitsPerByte
        model.sharpen(by: 200)
        let after = model.evaluate(on: text, positions: positions)
        #expect(after.discreteBitsPerByte == discrete)   // argmaxes and signs do not move
        #expect(abs(after.softBitsPerByte - discrete) < 0.01, "soft \(after.softBitsPerByte), discrete \(discrete)")
    }
}

@Suite struct GateNetworkStraightThroughTests {
    @Test func straightThroughForwardIsTheDiscreteModel() {
        let (model, text, _, _) = GateNetworkModelTests.trainedOnPeriodicText(steps: 30)
        let positions = 2..<514
        model.straightThrough = true
        let result = model.evaluate(on: text, positions: positions)
        #expect(abs(result.softBitsPerByte - result.discreteBitsPerByte) < 1e-4,
                "straight-through soft \(result.softBitsPerByte), discrete \(result.discreteBitsPerByte)")
    }
}
