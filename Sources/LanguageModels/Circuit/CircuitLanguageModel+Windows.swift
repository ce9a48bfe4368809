import Circuits
import Text

extension CircuitLanguageModel {
    /// Where the W input bytes of a window circuit come from, at a position of a text.
    public indirect enum WindowSource: Sendable {
        /// The last W bytes of the text (0x00 before its start): every window model.
        case text
        /// A recurrent circuit unrolled over `horizon` bytes from a free state
        /// (`unrolled(horizon:initialState: .free)`): positions 1…horizon are the last bytes, and
        /// positions horizon + 1 … W hold the state before them, latch 8·k + b of `machine` at
        /// bit b of position horizon + 1 + k, which `machine` reaches by reading the text before
        /// the horizon from reset.
        case recurrentState(machine: CircuitLanguageModel, horizon: Int)
    }

    /// The positions (1 = the most recent byte) that are text bytes: all W, or the horizon of a
    /// free-state view.
    public var textPositions: ClosedRange<Int> {
        switch windowSource {
        case .text: return 1...max(contextLength, 1)
        case .recurrentState(_, let horizon): return 1...horizon
        }
    }

    /// The positions that hold a state rather than text bytes (empty for a window model): the
    /// inputs every question leaves free unless asked otherwise.
    public var statePositions: [Int] {
        guard case .recurrentState(_, let horizon) = windowSource else { return [] }
        return Array(stride(from: horizon + 1, through: contextLength, by: 1))
    }

    /// The W input bytes (oldest first) of the prediction made after the first `t` bytes of `text`.
    public func window(at t: Int, in text: [UInt8]) -> [UInt8] {
        windows(at: [t], in: text)[0]
    }

    /// `window(at:in:)` for each of `positions`, stepping a free-state view's machine along the
    /// text once.
    public func windows(at positions: [Int], in text: [UInt8]) -> [[UInt8]] {
        precondition(!isRecurrent, "windows are the input of a window circuit; unroll a recurrent one first")
        precondition(positions.allSatisfy { (0...text.count).contains($0) }, "positions lie in 0...\(text.count)")
        switch windowSource {
        case .text:
            let window = ContextWindow(width: contextLength)
            return positions.map { window.context(at: $0, in: text) }
        case .recurrentState(let machine, let horizon):
            let bytes = ContextWindow(width: horizon)
            let states = machine.latchStates(along: text, at: positions.map { max($0 - horizon, 0) })
            let stateBytes = contextLength - horizon
            return zip(positions, states).map { t, state in
                // Position horizon + 1 + k is slot stateBytes − 1 − k.
                var packed = [UInt8](repeating: 0, count: stateBytes)
                for (j, on) in state.enumerated() where on { packed[stateBytes - 1 - j / 8] |= 1 << UInt8(j % 8) }
                return packed + bytes.context(at: t, in: text)
            }
        }
    }

    /// A recurrent circuit's latch values after reading the first `t` bytes of `text` from
    /// reset, for each `t` of `prefixes` (one clocked simulation along the text).
    public func latchStates(along text: [UInt8], at prefixes: [Int]) -> [[Bool]] {
        precondition(isRecurrent, "latch states are those of a recurrent circuit")
        let last = prefixes.max() ?? 0
        precondition(prefixes.allSatisfy { (0...text.count).contains($0) }, "prefixes lie in 0...\(text.count)")
        // One trace: bit 0 of every word.
        var stepper = WordStepper(self), input = [UInt64](repeating: 0, count: 8)
        var after = [[Bool]](repeating: [], count: last + 1)
        let wanted = Set(prefixes)
        for t in 0...last {
            if wanted.contains(t) { after[t] = stepper.state.map { $0 & 1 == 1 } }
            guard t < last else { break }
            for b in 0..<8 { input[b] = UInt64(text[t] >> UInt8(b) & 1) }
            stepper.step(inputs: input)
        }
        return prefixes.map { after[$0] }
    }
}
