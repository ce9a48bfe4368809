import Circuits
import Text

/// The streams `streamRange` of a `CircuitTextGenerator`, advanced by one
/// worker: their context bit planes and samplers, and the scratch memory one
/// step needs, allocated once.
///
/// A window circuit's planes hold the last W bytes. A recurrent circuit's planes hold the last
/// byte (W = 1: its inputs x[b]) and `state` holds its latches before reading it: a step reads
/// that byte, so the state moves on and the outputs predict the next byte.
struct GenerationShard {
    let streamRange: Range<Int>
    private var planes: ContextBitPlanes
    /// A recurrent circuit's latch values, latch-major (`wordsPerSignal` words each); empty for a window circuit.
    private var state: [UInt64]
    private var samplers: [Sampler]
    /// Overwritten by every step; holds the step's new bytes afterwards.
    let scratch: GenerationScratch

    init(streams streamRange: Range<Int>, prompt: [UInt8], samplers: [Sampler], model: CircuitLanguageModel) {
        precondition(samplers.count == streamRange.count, "one sampler per stream")
        self.streamRange = streamRange
        self.samplers = samplers
        let count = streamRange.count
        guard model.isRecurrent else {
            planes = ContextBitPlanes(contextLength: model.contextLength, streamCount: count, text: prompt)
            state = []
            scratch = GenerationScratch(streamCount: count, wordsPerSignal: planes.wordsPerSignal,
                                        outputCount: model.aig.outputCount, classCount: model.classCount)
            return
        }
        // From reset, the virtual 0x00 before the text, then every byte of the prompt.
        planes = ContextBitPlanes(contextLength: 1, streamCount: count, text: [])
        state = [UInt64](repeating: 0, count: model.aig.latchCount * planes.wordsPerSignal)
        scratch = GenerationScratch(streamCount: count, wordsPerSignal: planes.wordsPerSignal,
                                    outputCount: model.aig.outputCount, classCount: model.classCount)
        let wordsPerSignal = planes.wordsPerSignal
        state.withUnsafeMutableBufferPointer { model.simulator.resetState($0, wordsPerSignal: wordsPerSignal) }
        let repeated = [UInt8](repeating: 0, count: count)
        for byte in prompt {
            advance(model: model)
            let bytes = repeated.map { _ in byte }
            bytes.withUnsafeBufferPointer { planes.append($0) }
        }
    }

    /// Simulates the circuit on the planes (and, for a recurrent circuit, moves the state on a step).
    private mutating func advance(model: CircuitLanguageModel) {
        let count = streamRange.count
        planes.words.withUnsafeBufferPointer { inputs in
            if state.isEmpty {
                model.simulator.simulate(inputWords: inputs, patternCount: count, into: scratch.outputWords,
                                         workspace: scratch.workspace, threads: 1)
            } else {
                state.withUnsafeMutableBufferPointer { state in
                    model.simulator.step(inputWords: inputs, stateWords: state, patternCount: count, into: scratch.outputWords,
                                         workspace: scratch.workspace, threads: 1)
                }
            }
        }
    }

    /// Samples one byte per stream into `scratch.bytes` and appends it to the contexts.
    mutating func step(model: CircuitLanguageModel, decoder: ScoreDecoder, vocabulary: ByteVocabulary) {
        let count = streamRange.count
        advance(model: model)
        // 64 streams at a time: decode their scores, then sample them eight by eight while they are in L1.
        let scores = scratch.scores.baseAddress!, classCount = decoder.classCount
        samplers.withUnsafeMutableBufferPointer { samplers in
            for word in 0..<(count + 63) / 64 {
                decoder.decodeWord(word, outputWords: scratch.outputWords.baseAddress!, patternCount: count, into: scores)
                for group in 8 * word ..< min((count + 7) / 8, 8 * word + 8) {
                    let groupScores = UnsafeBufferPointer(start: scores + (group % 8) * classCount, count: classCount)
                    Sampler.nextBytes(samplers.baseAddress! + 8 * group, count: min(8, count - 8 * group),
                                      classMajorScores: groupScores, vocabulary: vocabulary,
                                      into: scratch.bytes.baseAddress! + 8 * group)
                }
            }
        }
        planes.append(UnsafeBufferPointer(scratch.bytes))
    }
}

/// The memory a `GenerationShard` step writes, allocated once.
final class GenerationScratch {
    let outputWords: UnsafeMutableBufferPointer<UInt64>
    /// The scores of 64 streams: eight groups of eight, each class-major, in vocabulary order.
    let scores: UnsafeMutableBufferPointer<SIMD8<Int32>>
    /// The step's new byte of each stream.
    let bytes: UnsafeMutableBufferPointer<UInt8>
    let workspace = SimulationWorkspace()

    init(streamCount: Int, wordsPerSignal: Int, outputCount: Int, classCount: Int) {
        outputWords = .allocate(capacity: outputCount * wordsPerSignal)
        outputWords.initialize(repeating: 0)
        scores = .allocate(capacity: 8 * classCount)
        scores.initialize(repeating: .zero)
        bytes = .allocate(capacity: streamCount)
        bytes.initialize(repeating: 0)
    }

    deinit {
        outputWords.deallocate()
        scores.deallocate()
        bytes.deallocate()
    }
}
