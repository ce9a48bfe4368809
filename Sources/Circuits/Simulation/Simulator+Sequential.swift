import GateLMSupport
/// Clocked simulation: latch values carried from step to step.
extension Simulator {
    /// Simulates many traces in parallel: pattern `p` of `steps[t]` is the
    /// input of trace `p` at time `t`. Latches start at their reset values
    /// (uninitialised at 0). Returns the outputs of every trace at every step.
    public func simulateSequential(
        _ steps: [PatternSet], threads: Int = Simulator.defaultThreadCount, laneWidth: LaneWidth = .automatic
    ) -> [PatternSet] {
        guard let first = steps.first else { return [] }
        for (t, step) in steps.enumerated() {
            precondition(step.signalCount == inputCount, "step \(t): expected \(inputCount) input signals, got \(step.signalCount)")
            precondition(step.patternCount == first.patternCount, "step \(t): \(step.patternCount) traces, step 0 has \(first.patternCount)")
        }
        switch resolved(laneWidth, wordsPerSignal: first.wordsPerSignal) {
        case .bits64: return simulateSequential(UInt64.self, steps, threads: threads)
        case .bits256: return simulateSequential(SIMD4<UInt64>.self, steps, threads: threads)
        case .bits1024: return simulateSequential(SIMD16<UInt64>.self, steps, threads: threads)
        case .bits512, .automatic: return simulateSequential(SIMD8<UInt64>.self, steps, threads: threads)
        }
    }

    private func simulateSequential<V: LaneBlock>(_: V.Type, _ steps: [PatternSet], threads: Int) -> [PatternSet] {
        let program = self.program
        let width = V.wordCount
        let traceCount = steps[0].patternCount
        let wordsPerSignal = steps[0].wordsPerSignal
        let lastWordMask = steps[0].lastWordMask
        let wordsPerStep = outputCount * wordsPerSignal
        let blockCount = (wordsPerSignal + width - 1) / width
        let workers = workerCount(threads: threads, blocks: blockCount, wordsPerBlock: width * steps.count)
        var allOutputs = [UInt64](repeating: 0, count: steps.count * wordsPerStep)
        allOutputs.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let output = SharedWithWorkers(base)
            ParallelFor.chunks(of: blockCount, workers: workers) { _, blocks in
                withAlignedWords(program.slotCount * width + program.latchCount * width) { values in
                    let scratch = values + program.slotCount * width
                    for block in blocks {
                        program.resetBlock(values, width: width)
                        for (t, step) in steps.enumerated() {
                            step.withUnsafeWords { inputWords in
                                program.loadInputs(values, width: width, from: inputWords,
                                                   wordsPerSignal: wordsPerSignal, block: block)
                            }
                            program.evaluateAnds(V.self, values: UnsafeMutableRawPointer(values))
                            program.storeOutputs(values, width: width, to: output.value + t * wordsPerStep,
                                                 wordsPerSignal: wordsPerSignal, block: block, lastWordMask: lastWordMask)
                            program.advanceLatches(values, width: width, scratch: scratch)
                        }
                    }
                }
            }
        }
        return steps.indices.map { t in
            PatternSet(signalCount: outputCount, patternCount: traceCount) { words in
                _ = words.update(fromContentsOf: allOutputs[t * wordsPerStep ..< (t + 1) * wordsPerStep])
            }
        }
    }

    /// Simulates one trace: pattern `t` of `inputs` is the input at time
    /// step `t`; pattern `t` of the result is the output at step `t`.
    public func simulateTrace(_ inputs: PatternSet) -> PatternSet {
        precondition(inputs.signalCount == inputCount, "expected \(inputCount) input signals, got \(inputs.signalCount)")
        if latchCount == 0 { return simulate(inputs) }
        let program = self.program
        var outputs = PatternSet(signalCount: outputCount, patternCount: inputs.patternCount)
        withAlignedWords(program.slotCount + program.latchCount) { values in
            let scratch = values + program.slotCount
            program.resetBlock(values, width: 1)
            for t in 0..<inputs.patternCount {
                for i in 0..<inputCount { values[1 + i] = inputs[i, t] ? ~0 : 0 }
                program.evaluateAnds(UInt64.self, values: UnsafeMutableRawPointer(values))
                for (j, raw) in program.outputs.enumerated() {
                    outputs[j, t] = (values[Int(raw >> 1)] ^ UInt64(raw & 1)) & 1 != 0
                }
                program.advanceLatches(values, width: 1, scratch: scratch)
            }
        }
        return outputs
    }
}
