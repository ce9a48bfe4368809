/// Reference semantics: a plain evaluator, 64 patterns at a time, one word per
/// variable. It is the specification that the fast simulator, the emitted C
/// and Verilog are tested against; it is simple rather than fast.
extension AIG {
    /// Evaluates every variable for 64 patterns. `inputs[i]` holds input `i`
    /// across the patterns (bit `p` is pattern `p`); `latchValues` likewise for
    /// the current latch values (default: reset values, uninitialised as 0).
    public func evaluateVariables(inputs: [UInt64], latchValues: [UInt64]? = nil) -> [UInt64] {
        precondition(inputs.count == inputCount, "expected \(inputCount) input words, got \(inputs.count)")
        var values = [UInt64](repeating: 0, count: variableCount)
        for i in 0..<inputCount { values[1 + i] = inputs[i] }
        let state = latchValues ?? latches.map { $0.reset.simulationValue ? ~0 : 0 }
        precondition(state.count == latchCount, "expected \(latchCount) latch words, got \(state.count)")
        for j in 0..<latchCount { values[firstLatchVariable + j] = state[j] }
        let first = firstAndVariable
        for k in 0..<andCount {
            values[first + k] = Self.value(fanin0[k], in: values) & Self.value(fanin1[k], in: values)
        }
        return values
    }

    /// The words of a literal given the words of every variable.
    @inlinable public static func value(_ literal: Literal, in values: [UInt64]) -> UInt64 {
        let v = values[literal.variable]
        return literal.isComplemented ? ~v : v
    }

    /// Output words for 64 patterns of a combinational circuit (latches at reset).
    public func evaluate(inputs: [UInt64]) -> [UInt64] {
        let values = evaluateVariables(inputs: inputs)
        return outputs.map { Self.value($0, in: values) }
    }

    /// One clock step: outputs and next latch values from inputs and current latch values.
    public func step(inputs: [UInt64], latchValues: [UInt64]) -> (outputs: [UInt64], nextLatches: [UInt64]) {
        let values = evaluateVariables(inputs: inputs, latchValues: latchValues)
        return (outputs.map { Self.value($0, in: values) }, latches.map { Self.value($0.next, in: values) })
    }

    /// Outputs of a single pattern, as booleans.
    public func evaluate(_ inputs: [Bool]) -> [Bool] {
        evaluate(inputs: inputs.map { $0 ? 1 : 0 }).map { $0 & 1 != 0 }
    }
}
