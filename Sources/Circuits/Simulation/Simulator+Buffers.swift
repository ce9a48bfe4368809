import GateLMSupport

/// Combinational simulation between caller-owned buffers.
extension Simulator {
    /// Simulates `patternCount` patterns given as packed input words
    /// (signal-major, as `PatternSet.words`: `inputCount` signals of
    /// ⌈patternCount / 64⌉ words) and writes the output words in the same
    /// layout to `outputWords`, bits past the last pattern zero. The value
    /// buffers come from `workspace`: once it has grown, a call allocates
    /// nothing. Latches are at their reset values (uninitialised at 0).
    public func simulate(
        inputWords: UnsafeBufferPointer<UInt64>, patternCount: Int,
        into outputWords: UnsafeMutableBufferPointer<UInt64>, workspace: SimulationWorkspace,
        threads: Int = Simulator.defaultThreadCount, laneWidth: LaneWidth = .automatic
    ) {
        let wordsPerSignal = (patternCount + 63) / 64
        precondition(inputWords.count >= inputCount * wordsPerSignal, "expected \(inputCount) input signals of \(wordsPerSignal) words")
        precondition(outputWords.count >= outputCount * wordsPerSignal, "room for \(outputCount) output signals of \(wordsPerSignal) words needed")
        guard wordsPerSignal > 0 else { return }
        let lastWordMask: UInt64 = patternCount % 64 == 0 ? ~0 : (1 << UInt64(patternCount % 64)) - 1
        run(Job(inputs: inputWords.baseAddress!, outputs: outputWords.baseAddress!, wordsPerSignal: wordsPerSignal,
                lastWordMask: lastWordMask), workspace: workspace, threads: threads, laneWidth: laneWidth)
    }

    /// The buffers of one `simulate` or `step` call, handed to the workers (which read the inputs
    /// and write disjoint blocks of the outputs and, when stepping, of the state).
    struct Job: @unchecked Sendable {
        let inputs: UnsafePointer<UInt64>
        let outputs: UnsafeMutablePointer<UInt64>
        /// Caller-held latch values (latch-major) read before and replaced after the step; nil: latches at reset.
        var state: UnsafeMutablePointer<UInt64>? = nil
        let wordsPerSignal: Int
        let lastWordMask: UInt64
    }

    /// Runs `job` at the lane width `automatic` resolves to.
    func run(_ job: Job, workspace: SimulationWorkspace, threads: Int, laneWidth: LaneWidth = .automatic) {
        switch resolved(laneWidth, wordsPerSignal: job.wordsPerSignal) {
        case .bits64: run(UInt64.self, job, workspace: workspace, threads: threads)
        case .bits256: run(SIMD4<UInt64>.self, job, workspace: workspace, threads: threads)
        case .bits1024: run(SIMD16<UInt64>.self, job, workspace: workspace, threads: threads)
        case .bits512, .automatic: run(SIMD8<UInt64>.self, job, workspace: workspace, threads: threads)
        }
    }

    private func run<V: LaneBlock>(_: V.Type, _ job: Job, workspace: SimulationWorkspace, threads: Int) {
        let program = self.program
        let width = V.wordCount
        let blockCount = (job.wordsPerSignal + width - 1) / width
        let workers = min(workerCount(threads: threads, blocks: blockCount, wordsPerBlock: width), blockCount)
        let buffers = SharedWithWorkers(workspace.buffers(workers: workers, wordCount: program.slotCount * width))
        ParallelFor.chunks(of: blockCount, workers: workers) { worker, blocks in
            let values = buffers.value[worker]
            let inputs = UnsafeBufferPointer(start: job.inputs, count: program.inputCount * job.wordsPerSignal)
            program.resetBlock(values, width: width)
            for block in blocks {
                program.loadInputs(values, width: width, from: inputs, wordsPerSignal: job.wordsPerSignal, block: block)
                if let state = job.state {
                    program.loadLatches(values, width: width, from: UnsafeBufferPointer(start: state, count: program.latchCount * job.wordsPerSignal),
                                        wordsPerSignal: job.wordsPerSignal, block: block)
                }
                program.evaluateAnds(V.self, values: UnsafeMutableRawPointer(values))
                program.storeOutputs(values, width: width, to: job.outputs, wordsPerSignal: job.wordsPerSignal,
                                     block: block, lastWordMask: job.lastWordMask)
                if let state = job.state {
                    program.storeNextLatches(values, width: width, to: state, wordsPerSignal: job.wordsPerSignal, block: block)
                }
            }
        }
    }
}
