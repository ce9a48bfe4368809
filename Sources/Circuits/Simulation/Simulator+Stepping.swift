import GateLMSupport

/// Clocked simulation one step at a time, the state held by the caller: for generation, where
/// each step's input (the byte just sampled) depends on the step before's outputs.
extension Simulator {
    /// Fills `stateWords` (latch-major, `wordsPerSignal` words per latch) with every latch's reset
    /// value for every trace (uninitialised latches at 0).
    public func resetState(_ stateWords: UnsafeMutableBufferPointer<UInt64>, wordsPerSignal: Int) {
        precondition(stateWords.count >= latchCount * wordsPerSignal, "room for \(latchCount) latches of \(wordsPerSignal) words needed")
        for j in 0..<latchCount {
            UnsafeMutableBufferPointer(rebasing: stateWords[j * wordsPerSignal ..< (j + 1) * wordsPerSignal])
                .update(repeating: program.latchResetWords[j])
        }
    }

    /// One clock step of `patternCount` independent traces: reads the input words (signal-major,
    /// as `simulate(inputWords:…)`) and each trace's latch values from `stateWords`, writes the
    /// outputs to `outputWords` and the next latch values back to `stateWords`. Allocates
    /// nothing once `workspace` has grown.
    public func step(
        inputWords: UnsafeBufferPointer<UInt64>, stateWords: UnsafeMutableBufferPointer<UInt64>, patternCount: Int,
        into outputWords: UnsafeMutableBufferPointer<UInt64>, workspace: SimulationWorkspace,
        threads: Int = Simulator.defaultThreadCount
    ) {
        let wordsPerSignal = (patternCount + 63) / 64
        precondition(inputWords.count >= inputCount * wordsPerSignal, "expected \(inputCount) input signals of \(wordsPerSignal) words")
        precondition(stateWords.count >= latchCount * wordsPerSignal, "expected \(latchCount) latches of \(wordsPerSignal) words")
        precondition(outputWords.count >= outputCount * wordsPerSignal, "room for \(outputCount) output signals of \(wordsPerSignal) words needed")
        guard wordsPerSignal > 0 else { return }
        let lastWordMask: UInt64 = patternCount % 64 == 0 ? ~0 : (1 << UInt64(patternCount % 64)) - 1
        run(Job(inputs: inputWords.baseAddress!, outputs: outputWords.baseAddress!, state: latchCount == 0 ? nil : stateWords.baseAddress,
                wordsPerSignal: wordsPerSignal, lastWordMask: lastWordMask), workspace: workspace, threads: threads)
    }
}

extension SimulationProgram {
    /// Copies block `block` of every latch's value from caller-held state words into the latch lanes.
    func loadLatches(_ values: UnsafeMutablePointer<UInt64>, width: Int, from state: UnsafeBufferPointer<UInt64>,
                     wordsPerSignal: Int, block: Int) {
        let first = block * width
        let count = min(width, wordsPerSignal - first)
        for j in 0..<latchCount {
            let lanes = values + (firstLatchVariable + j) * width
            lanes.update(from: state.baseAddress! + j * wordsPerSignal + first, count: count)
            (lanes + count).update(repeating: 0, count: width - count)
        }
    }

    /// Writes block `block` of every latch's next value to caller-held state words.
    func storeNextLatches(_ values: UnsafeMutablePointer<UInt64>, width: Int, to state: UnsafeMutablePointer<UInt64>,
                          wordsPerSignal: Int, block: Int) {
        let first = block * width
        let count = min(width, wordsPerSignal - first)
        for (j, raw) in latchNext.enumerated() {
            let source = values + Int(raw >> 1) * width
            let complement = 0 &- UInt64(raw & 1)
            let target = state + j * wordsPerSignal + first
            for w in 0..<count { target[w] = source[w] ^ complement }
        }
    }
}
