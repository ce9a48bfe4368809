import Dispatch
import Text

/// Generates text by simulating a compiled language-model circuit: K
/// independent streams advance together, one simulator pass per byte (the
/// streams are the simulator's parallel patterns). The only float arithmetic
/// is the sampler's softmax over the integer scores.
public struct CircuitTextGenerator {
    public let model: CircuitLanguageModel
    /// The streams' texts so far, prompt included.
    public private(set) var streams: [[UInt8]]
    private var samplers: [Sampler]
    private let vocabulary: ByteVocabulary
    /// Position in the circuit's class order of each class of the (sorted) vocabulary.
    private let classOrder: [Int]

    /// - Parameters:
    ///   - temperature: sampling temperature; 0 is greedy (first highest score).
    ///   - readout: τ and ε; default: the circuit's recorded ones (τ = 1, ε = 0 if none).
    public init(model: CircuitLanguageModel, prompt: [UInt8], streams count: Int, temperature: Double,
                seed: UInt64, readout: ReadoutParameters? = nil) {
        precondition(count >= 1, "at least one stream")
        self.model = model
        streams = Array(repeating: prompt, count: count)
        let parameters = readout ?? model.readout ?? ReadoutParameters(temperature: 1, epsilon: 0)
        samplers = (0..<count).map {
            Sampler(temperature: temperature, scoreDivisor: parameters.temperature, epsilon: parameters.epsilon,
                    seed: seed &+ UInt64($0) &* 0x9E37_79B9_7F4A_7C15)
        }
        vocabulary = ByteVocabulary(bytes: model.classBytes)
        classOrder = vocabulary.bytes.map { byte in model.classBytes.firstIndex(of: byte)! }
    }

    /// Appends one byte to every stream; returns the new bytes.
    @discardableResult
    public mutating func step(threads: Int = 1) -> [UInt8] {
        let w = model.contextLength, k = streams.count
        var contexts = [UInt8](repeating: ContextWindow.padByte, count: k * w)
        for (s, text) in streams.enumerated() {
            let recent = text.suffix(w)
            for (j, byte) in recent.enumerated() { contexts[s * w + (w - recent.count) + j] = byte }
        }
        let scores = model.scores(contexts: contexts, count: k, threads: threads)
        let c = model.classCount
        var bytes = [UInt8]()
        bytes.reserveCapacity(k)
        for s in 0..<k {
            let ordered = classOrder.map { scores[s * c + $0] }
            let byte = samplers[s].nextByte(scores: ordered, vocabulary: vocabulary)
            streams[s].append(byte)
            bytes.append(byte)
        }
        return bytes
    }
}
