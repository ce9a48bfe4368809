/// An AIG flattened for the simulation kernel: raw fanin literals of every
/// AND interleaved in one array (`2k`, `2k+1`), plus the literals read at the
/// end of a step (outputs, latch next states) and latch reset words.
///
/// A variable's lanes live at `variable * V.wordCount` words in a worker's
/// value buffer, so a literal decodes branch-free into a byte offset
/// (`(raw & ~1) << shift`) and a complement mask (`0 - (raw & 1)`).
struct SimulationProgram: Sendable {
    let inputCount: Int
    let latchCount: Int
    let andCount: Int
    let variableCount: Int
    let firstLatchVariable: Int
    let firstAndVariable: Int
    /// Fanin literals of AND `k` at `2k` and `2k + 1`.
    let fanins: [UInt32]
    let outputs: [UInt32]
    let latchNext: [UInt32]
    /// All ones for latches that reset to 1, zero otherwise.
    let latchResetWords: [UInt64]

    init(_ aig: AIG) {
        inputCount = aig.inputCount
        latchCount = aig.latchCount
        andCount = aig.andCount
        variableCount = aig.variableCount
        firstLatchVariable = aig.firstLatchVariable
        firstAndVariable = aig.firstAndVariable
        var interleaved = [UInt32]()
        interleaved.reserveCapacity(2 * aig.andCount)
        for k in 0..<aig.andCount {
            interleaved.append(aig.fanin0[k].raw)
            interleaved.append(aig.fanin1[k].raw)
        }
        fanins = interleaved
        outputs = aig.outputs.map(\.raw)
        latchNext = aig.latches.map(\.next.raw)
        latchResetWords = aig.latches.map { $0.reset.simulationValue ? ~0 : 0 }
    }
}
