/// An AIG flattened for the simulation kernel (see `SlotPlan`): for every
/// AND that can affect a result, its two fanin literals and its target slot,
/// interleaved (`3k`, `3k+1`, `3k+2`), plus the slot literals read at the end
/// of a step (outputs, latch next states) and latch reset words.
///
/// A slot's lanes live at `slot * V.wordCount` words in a worker's value
/// buffer, so a slot literal decodes branch-free into a byte offset
/// (`(raw & ~1) << shift`) and a complement mask (`0 - (raw & 1)`).
struct SimulationProgram: Sendable {
    let inputCount: Int
    let latchCount: Int
    /// ANDs in the circuit.
    let andCount: Int
    /// ANDs evaluated: those in the cone of influence of an output or latch.
    let evaluatedAndCount: Int
    /// Lane blocks in a worker's value buffer.
    let slotCount: Int
    let firstLatchVariable: Int
    /// Per evaluated AND: fanin slot literals and target slot.
    let instructions: [UInt32]
    let outputs: [UInt32]
    let latchNext: [UInt32]
    /// All ones for latches that reset to 1, zero otherwise.
    let latchResetWords: [UInt64]

    init(_ aig: AIG) {
        let plan = SlotPlan(aig)
        inputCount = aig.inputCount
        latchCount = aig.latchCount
        andCount = aig.andCount
        evaluatedAndCount = plan.targets.count
        slotCount = plan.slotCount
        firstLatchVariable = aig.firstLatchVariable
        var interleaved = [UInt32]()
        interleaved.reserveCapacity(3 * plan.targets.count)
        for (k, target) in plan.targets.enumerated() {
            interleaved += [plan.fanins[2 * k], plan.fanins[2 * k + 1], target]
        }
        instructions = interleaved
        outputs = aig.outputs.map(plan.slotLiteral)
        latchNext = aig.latches.map { plan.slotLiteral($0.next) }
        latchResetWords = aig.latches.map { $0.reset.simulationValue ? ~0 : 0 }
    }
}
