import Circuits
import Text

extension CircuitLanguageModel {
    /// The patterns the circuit meets when it reads the bytes at `positions` of `text`, as the
    /// care set of data-aware simplification (`AIG.dataAwareSimplified(onCareSet:)`): a window
    /// circuit's contexts; for a recurrent circuit, every (byte read, state before reading it)
    /// pair of the scoring protocol, the inputs then the latches, 64 segments side by side.
    /// (Segments shorter than the longest read 0x00 at the end; those extra patterns only make
    /// the care set larger, never wrong.)
    public func careSet(of positions: Range<Int>, in text: [UInt8]) -> PatternSet {
        guard isRecurrent else { return inputPatterns(of: positions, in: text) }
        let traces = scoringTraces(of: positions, in: text, segments: 64)
        let steps = traces.map(\.inputs.patternCount).max() ?? 0
        let latches = aig.latchCount, signals = 8 + latches
        // One word per signal per step: bit k is trace k.
        var words = [[UInt64]](repeating: [UInt64](repeating: 0, count: steps), count: signals)
        var input = [UInt64](repeating: 0, count: 8), stepper = WordStepper(self)
        for t in 0..<steps {
            for b in 0..<8 {
                var word: UInt64 = 0
                for (k, trace) in traces.enumerated() where t < trace.inputs.patternCount && trace.inputs[b, t] { word |= 1 << UInt64(k) }
                input[b] = word
                words[b][t] = word
            }
            for j in 0..<latches { words[8 + j][t] = stepper.state[j] }
            stepper.step(inputs: input)
        }
        // Pattern 64·t + k is step t of trace k.
        var care = PatternSet(signalCount: signals, patternCount: 64 * steps)
        for s in 0..<signals { care.setWords(ofSignal: s, to: words[s]) }
        return care
    }
}
