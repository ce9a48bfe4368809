import Circuits

/// A compiled recurrent language model (a sequential AIG), run by clocked simulation: inputs
/// `x[0..7]` (the byte read), latches (the state, reset values as recorded), outputs
/// `score[0xNN][i]` (the scores for the next byte). Any circuit with this convention works,
/// for example after optimisation.
///
/// This is the recurrent side of the LM-circuit interface as far as scoring goes; `eval`,
/// `verify` and `generate` are still to be moved onto it.
public struct RecurrentCircuitModel: Sendable {
    public let aig: AIG
    /// The byte of each class, in output order.
    public let classBytes: [UInt8]
    /// For each class, the output indices of its score bits, least significant first.
    public let scoreOutputs: [[Int]]
    /// The readout recorded in the circuit's comments, if any.
    public let readout: ReadoutParameters?
    let simulator: Simulator

    public init(_ aig: AIG) throws(CircuitLanguageModel.InterfaceError) {
        guard aig.inputCount == 8, aig.isSequential else {
            throw CircuitLanguageModel.InterfaceError(
                description: "a recurrent language-model circuit has 8 inputs (the byte read) and latches; this one has \(aig.inputCount) inputs and \(aig.latchCount) latches")
        }
        for b in 0..<8 where aig.names.input(b) != DiscreteTernaryRNN.byteInputName(bit: b) {
            throw CircuitLanguageModel.InterfaceError(
                description: "input \(b) should be named \(DiscreteTernaryRNN.byteInputName(bit: b)), not \(aig.names.input(b) ?? "(unnamed)")")
        }
        (classBytes, scoreOutputs) = try CircuitLanguageModel.scoreInterface(of: aig)
        self.aig = aig
        readout = ReadoutParameters(comments: aig.comments)
        simulator = Simulator(aig)
    }

    public var classCount: Int { classBytes.count }

    /// Class scores at `positions` of `text` (position-major), under `SequentialEvaluation`'s
    /// protocol: each segment is one simulated trace; shorter traces are padded at the end
    /// with steps whose outputs are ignored, so padding never touches a scored state.
    public func scores(of positions: Range<Int>, in text: [UInt8], warmup: Int = SequentialEvaluation.defaultWarmup,
                       segments count: Int = SequentialEvaluation.defaultSegments,
                       threads: Int = Simulator.defaultThreadCount) -> [Int32] {
        let segments = SequentialEvaluation.segments(of: positions, count: count, warmup: warmup)
        var scores = [Int32](repeating: 0, count: positions.count * classCount)
        guard let length = segments.map(\.reads.count).max(), length > 0 else { return scores }
        let steps = (0..<length).map { t in
            var step = PatternSet(signalCount: 8, patternCount: segments.count)
            for (k, segment) in segments.enumerated() where t < segment.reads.count {
                let index = segment.reads.lowerBound + t
                let byte = index < 0 ? 0 : text[index]
                for b in 0..<8 where byte >> b & 1 == 1 { step[b, k] = true }
            }
            return step
        }
        let outputs = simulator.simulateSequential(steps, threads: threads)
        let decoder = ScoreDecoder(planes: scoreOutputs)
        var row = [Int32](repeating: 0, count: segments.count * classCount)
        for (t, output) in outputs.enumerated() {
            output.withUnsafeWords { words in
                row.withUnsafeMutableBufferPointer {
                    decoder.decode(outputWords: words.baseAddress!, patternCount: segments.count, into: $0.baseAddress!)
                }
            }
            for (k, segment) in segments.enumerated() where t < segment.reads.count {
                guard let predicted = segment.scoredPosition(afterReading: segment.reads.lowerBound + t) else { continue }
                let target = (predicted - positions.lowerBound) * classCount
                for c in 0..<classCount { scores[target + c] = row[k * classCount + c] }
            }
        }
        return scores
    }
}
