import Circuits
import Learning
import Text

/// The smallest language-modelling task: the text `0101…`, where the next
/// byte is always the opposite of the last one. A model that solved it must
/// read the previous byte and nothing older; the compiled circuit shows
/// whether it does, exactly.

public enum AlternatingBitsTask {
    /// What training the smallest model on the task produced.
    public struct Result {
        public var model: GateNetworkModel
        public var network: DiscreteGateNetwork
        public var circuit: AIG
        /// Fraction of the text's positions (after the first W) whose next byte the circuit predicts greedily.
        public var accuracy: Double
        /// For each output of the circuit, the context positions it reads (1 = `ctx[-1]`).
        public var positionsRead: [Set<Int>]
        public var finalBitsPerByte: Double
    }

    /// The task's text: `length` bytes alternating '0' and '1'.
    public static func text(length: Int = 4096) -> [UInt8] {
        (0..<length).map { $0 % 2 == 0 ? UInt8(ascii: "0") : UInt8(ascii: "1") }
    }

    /// Trains the smallest model the code allows: W context bytes, one
    /// embedding bit, no hidden layer, one gate per class.
    public static func train(contextLength: Int = 2, steps: Int = 200, seed: UInt64 = 1) -> Result {
        let text = text()
        var configuration = GateNetworkConfiguration()
        configuration.contextLength = contextLength
        configuration.embeddingBits = 1
        configuration.hiddenWidths = []
        configuration.groupSize = 1
        configuration.hashedOrders = []
        configuration.temperature = 0.25
        configuration.seed = seed
        let model = GateNetworkModel(configuration: configuration, vocabulary: ByteVocabulary(of: text))
        let workspace = GateNetworkWorkspace(model: model, batch: 32)
        let adam = Adam(parameters: model.parameters, learningRate: 0.1)
        var sampler = BatchSampler(window: ContextWindow(width: contextLength), positions: contextLength..<text.count, seed: seed)
        var batch = Minibatch(size: 32, width: contextLength)
        var last = 0.0
        for _ in 0..<steps {
            sampler.fill(&batch, from: text)
            last = batch.contexts.withUnsafeBufferPointer { c in
                batch.targets.withUnsafeBufferPointer { t in
                    model.trainStep(contexts: c.baseAddress!, targetBytes: t.baseAddress!, workspace: workspace, optimizer: adam)
                }
            }.meanBits
        }
        let network = model.discretized()
        let circuit = model.circuit()
        // Greedy accuracy of the circuit on the text.
        let lm = try! CircuitLanguageModel(circuit)
        let window = ContextWindow(width: contextLength)
        let positions = contextLength ..< 512
        let contexts = positions.flatMap { window.context(at: $0, in: text) }
        let scores = lm.scores(contexts: contexts, count: positions.count)
        var correct = 0
        for (i, position) in positions.enumerated() {
            let row = scores[i * lm.classCount ..< (i + 1) * lm.classCount]
            if lm.classBytes[row.firstIndex(of: row.max()!)! - row.startIndex] == text[position] { correct += 1 }
        }
        let read = circuit.structuralSupport().map { support in Set(support.inputs.map { $0 / 8 + 1 }) }
        return Result(model: model, network: network, circuit: circuit, accuracy: Double(correct) / Double(positions.count),
                      positionsRead: read, finalBitsPerByte: last)
    }
}
