import Circuits
import GateLMSupport
import Text

/// Generates text by simulating a compiled language-model circuit: K
/// independent streams advance together, one simulator pass per byte (the
/// streams are the simulator's parallel patterns). The only float arithmetic
/// is the sampler's softmax over the integer scores.
///
/// Each step reuses memory allocated once: the context bits are shifted in
/// place, the simulator writes into preallocated words, scores are decoded
/// eight streams at a time, and the sampler looks its weights up. Many
/// streams are split into shards (whole 64-stream words) that separate cores
/// advance in one fork-join per step; a stream's text does not depend on
/// the split.
public struct CircuitTextGenerator {
    public let model: CircuitLanguageModel
    /// The streams' texts so far, prompt included.
    public private(set) var streams: [[UInt8]]
    private var shards: [GenerationShard]
    private let vocabulary: ByteVocabulary
    /// Decodes the scores in vocabulary order (the sampler's class order).
    private let decoder: ScoreDecoder

    /// Streams per shard below which one core does the whole step (a fork-join
    /// costs about a microsecond and each shard pays the per-node decoding).
    public static let minimumStreamsPerShard = 256

    /// - Parameters:
    ///   - temperature: sampling temperature; 0 is greedy (first highest score).
    ///   - readout: τ and ε; default: the circuit's recorded ones (τ = 1, ε = 0 if none).
    ///   - threads: cores the steps may use (at most one per `minimumStreamsPerShard` streams).
    public init(model: CircuitLanguageModel, prompt: [UInt8], streams count: Int, temperature: Double,
                seed: UInt64, readout: ReadoutParameters? = nil, threads: Int = Simulator.defaultThreadCount) {
        precondition(count >= 1, "at least one stream")
        self.model = model
        streams = Array(repeating: prompt, count: count)
        let parameters = readout ?? model.readout ?? ReadoutParameters(temperature: 1, epsilon: 0)
        let sampler = Sampler(temperature: temperature, scoreDivisor: parameters.temperature,
                              epsilon: parameters.epsilon, seed: seed)
        let samplers = (0..<count).map { sampler.reseeded(seed &+ UInt64($0) &* 0x9E37_79B9_7F4A_7C15) }
        vocabulary = ByteVocabulary(bytes: model.classBytes)
        decoder = ScoreDecoder(planes: vocabulary.bytes.map { byte in
            model.scoreOutputs[model.classBytes.firstIndex(of: byte)!]
        })
        shards = Self.shardRanges(streams: count, threads: threads).map {
            GenerationShard(streams: $0, prompt: prompt, samplers: Array(samplers[$0]), model: model)
        }
    }

    /// Contiguous stream ranges, one per shard, split at 64-stream words.
    static func shardRanges(streams count: Int, threads: Int) -> [Range<Int>] {
        let shardCount = max(1, min(threads, count / minimumStreamsPerShard))
        let words = (count + 63) / 64
        return (0..<shardCount).map { i in
            min(count, 64 * (words * i / shardCount)) ..< min(count, 64 * (words * (i + 1) / shardCount))
        }
    }

    /// Appends one byte to every stream; returns the new bytes.
    @discardableResult
    public mutating func step(threads: Int = Simulator.defaultThreadCount) -> [UInt8] {
        let workers = min(threads, shards.count)
        if workers <= 1 {
            for i in shards.indices { shards[i].step(model: model, decoder: decoder, vocabulary: vocabulary) }
        } else {
            let (model, decoder, vocabulary) = (self.model, self.decoder, self.vocabulary)
            shards.withUnsafeMutableBufferPointer { shards in
                let shared = SharedWithWorkers(shards)
                ParallelFor.chunks(of: shards.count, workers: workers) { _, range in
                    for i in range { shared.value[i].step(model: model, decoder: decoder, vocabulary: vocabulary) }
                }
            }
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(streams.count)
        for shard in shards {
            for (offset, s) in shard.streamRange.enumerated() {
                let byte = shard.scratch.bytes[offset]
                streams[s].append(byte)
                bytes.append(byte)
            }
        }
        return bytes
    }
}
