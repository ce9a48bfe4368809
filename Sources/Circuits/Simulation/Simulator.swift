import GateLMSupport
import Foundation

/// A bit-parallel AIG simulator: the circuit is compiled once into a flat
/// instruction array (only the ANDs that can reach an output or latch, with
/// buffer slots reused once their value is dead; see `SlotPlan`) and then
/// evaluated for blocks of 64–1024 patterns at a time, a few SIMD
/// operations per AND per block, each thread on its own range of blocks.
public final class Simulator: Sendable {
    let program: SimulationProgram

    /// Compiles `aig` for simulation.
    public init(_ aig: AIG) {
        program = SimulationProgram(aig)
    }

    public var inputCount: Int { program.inputCount }
    public var outputCount: Int { program.outputs.count }
    public var latchCount: Int { program.latchCount }
    public var andCount: Int { program.andCount }
    /// ANDs actually evaluated: those in the cone of influence of an output or latch next state.
    public var evaluatedAndCount: Int { program.evaluatedAndCount }
    /// Lane blocks per worker buffer (constant, inputs, latches and reused AND slots).
    public var slotCount: Int { program.slotCount }

    /// The number of active processor cores, the default thread count.
    /// Read once: asking the system costs file reads (cgroup limits), microseconds per call.
    public static let defaultThreadCount = ProcessInfo.processInfo.activeProcessorCount

    /// Combinational simulation: the outputs for every pattern, latches at
    /// their reset values (uninitialised latches at 0).
    public func simulate(
        _ inputs: PatternSet, threads: Int = Simulator.defaultThreadCount, laneWidth: LaneWidth = .automatic
    ) -> PatternSet {
        precondition(inputs.signalCount == inputCount, "expected \(inputCount) input signals, got \(inputs.signalCount)")
        let workspace = SimulationWorkspace()
        return PatternSet(signalCount: outputCount, patternCount: inputs.patternCount) { outputWords in
            inputs.withUnsafeWords { inputWords in
                simulate(inputWords: inputWords, patternCount: inputs.patternCount, into: outputWords,
                         workspace: workspace, threads: threads, laneWidth: laneWidth)
            }
        }
    }

    /// Threads worth using: one per block at most, and one for jobs so small
    /// that a fork-join (~1 µs) would not pay off.
    func workerCount(threads: Int, blocks: Int, wordsPerBlock: Int) -> Int {
        let wordOperations = (program.evaluatedAndCount + program.slotCount) * blocks * wordsPerBlock
        if wordOperations < 1 << 18 { return 1 }
        return max(1, min(threads, blocks))
    }

    /// The lane width to use for `width`: the explicit one, or for
    /// `.automatic` the widest block whose value buffer fits the per-core
    /// cache budget (but at least 256 bits: narrower blocks are decode-bound)
    /// and that is less than half empty for `wordsPerSignal` words (256 bits
    /// also when exactly half empty); 64 bits for a single word.
    func resolved(_ width: LaneWidth, wordsPerSignal: Int) -> LaneWidth {
        if width != .automatic { return width }
        let vectorWidths: [LaneWidth] = [.bits1024, .bits512, .bits256]
        let widest = vectorWidths.first { program.slotCount * $0.wordCount * 8 <= Self.valueBufferBudget } ?? .bits256
        return vectorWidths.first { width in
            // A half-empty 256-bit block still beats two 64-bit blocks (measured: 2× at 128 patterns).
            let fullEnough = 2 * wordsPerSignal > width.wordCount || (width == .bits256 && wordsPerSignal >= 2)
            return width.wordCount <= widest.wordCount && fullEnough
        } ?? .bits64
    }

    /// Bytes of value buffer per worker beyond which wider blocks got slower
    /// on the development machine (1 MB L2 per core, 32 MB shared L3): a
    /// 1M-AND random circuit (109K slots) is fastest at 512 bits (7 MB; 14 MB
    /// at 1024 bits is 2–3× slower), a 200K-AND one (22K slots) at 1024 bits.
    static let valueBufferBudget = 8 << 20
}
