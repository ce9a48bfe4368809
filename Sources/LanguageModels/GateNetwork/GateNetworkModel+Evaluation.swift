import Circuits
import Learning
import Text

/// Bits per byte of the three forms of a gate-network model on a span of text.
public struct GateNetworkEvaluation: Sendable, Codable, Hashable {
    /// The relaxed (float) model. Scored on the largest multiple of 16 of the
    /// positions (the batch kernels work in 16-sample slices): at most 15 bytes fewer.
    public var softBitsPerByte: Double
    public var softBytes: Int
    /// The boolean model, run in Swift on 64 contexts per word.
    public var discreteBitsPerByte: Double
    /// The compiled AIG, run by the simulator (nil when not asked for).
    public var circuitBitsPerByte: Double?
    /// Bytes scored by the discrete model and the circuit: every position.
    public var bytes: Int
    /// AND nodes of the compiled circuit (nil when not compiled).
    public var ands: Int?
}

extension GateNetworkModel {
    /// The relaxed model's cross-entropy on `positions` of `text`, in
    /// minibatches of `batch` and then of 16 (up to 15 final positions are left out).
    public func softCrossEntropy(on text: [UInt8], positions: Range<Int>, batch: Int = 512, workers: Int = 2) -> CrossEntropy {
        let w = configuration.contextLength
        let window = ContextWindow(width: w)
        var soft = CrossEntropy()
        let workspace = GateNetworkWorkspace(model: self, batch: batch)
        let small = GateNetworkWorkspace(model: self, batch: 16)
        var contexts = [UInt8](repeating: 0, count: batch * w)
        var start = positions.lowerBound
        text.withUnsafeBufferPointer { text in
            while positions.upperBound - start >= 16 {
                let space = positions.upperBound - start >= batch ? workspace : small
                let span = start ..< start + space.batch
                contexts.withUnsafeMutableBufferPointer { window.fill($0, for: span, in: text) }
                soft = soft + contexts.withUnsafeBufferPointer { c in
                    loss(contexts: c.baseAddress!, targetBytes: text.baseAddress! + span.lowerBound,
                         workspace: space, backward: false, workers: workers)
                }
                start = span.upperBound
            }
        }
        return soft
    }

    /// Scores every byte at `positions` of `text` (contexts from the real preceding bytes).
    public func evaluate(on text: [UInt8], positions: Range<Int>, circuit: CircuitLanguageModel? = nil,
                         batch: Int = 512, workers: Int = 2) -> GateNetworkEvaluation {
        let w = configuration.contextLength
        let window = ContextWindow(width: w)
        let soft = softCrossEntropy(on: text, positions: positions, batch: batch, workers: workers)
        // Discrete model and circuit: every position, chunk by chunk.
        let network = discretized(), readout = circuitReadout
        var discrete = BitsPerByte(), compiled = BitsPerByte()
        let chunk = 4096
        var chunkContexts = [UInt8](repeating: 0, count: chunk * w)
        for span in PositionChunks(positions, size: chunk) {
            text.withUnsafeBufferPointer { text in
                chunkContexts.withUnsafeMutableBufferPointer { window.fill($0, for: span, in: text) }
            }
            let contexts = Array(chunkContexts.prefix(span.count * w))
            let scores = network.scores(contexts: contexts, count: span.count)
            let circuitScores = circuit?.scores(contexts: contexts, count: span.count)
            let c = network.classCount
            for (i, position) in span.enumerated() {
                let target = vocabulary.classIndex(of: text[position])
                discrete.add(bits: -readout.log2Probability(of: target, scores: scores[i * c ..< (i + 1) * c]))
                if let circuitScores {
                    compiled.add(bits: -readout.log2Probability(of: target, scores: circuitScores[i * c ..< (i + 1) * c]))
                }
            }
        }
        return GateNetworkEvaluation(
            softBitsPerByte: soft.meanBits, softBytes: soft.count, discreteBitsPerByte: discrete.mean,
            circuitBitsPerByte: circuit == nil ? nil : compiled.mean, bytes: discrete.count, ands: circuit?.aig.andCount)
    }
}
