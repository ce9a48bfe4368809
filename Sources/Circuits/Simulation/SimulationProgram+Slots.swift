/// Storage planning for the value buffer: which ANDs are evaluated at all,
/// and in which buffer slot each one lives.
///
/// Only ANDs in the cone of influence of an output or latch next state are
/// kept (the rest cannot change a result). Slots `0 ..< firstAndVariable` hold
/// the constant, inputs and latches as in the AIG; an AND takes a slot freed
/// by a node whose last reader it is (most recently freed first, so slots stay
/// hot in cache), which keeps the buffer near the circuit's largest live set
/// instead of its size: a 1M-AND circuit needs far less than 1M slots.
struct SlotPlan {
    /// Per kept AND, in topological order: fanin slot literals and target slot.
    var fanins: [UInt32] = []
    var targets: [UInt32] = []
    /// Slot literal of every AIG variable's positive literal (meaningful for kept nodes).
    var slotOfVariable: [UInt32]
    var slotCount: Int

    init(_ aig: AIG) {
        let first = aig.firstAndVariable
        let neverFreed = Int32.max, released = Int32(-2)
        // Last reader of every AND (by AND index); -1: nothing reads it, so it is not kept.
        var lastReader = [Int32](repeating: -1, count: aig.andCount)
        for root in aig.outputs + aig.latches.map(\.next) where root.variable >= first {
            lastReader[root.variable - first] = neverFreed
        }
        for k in stride(from: aig.andCount - 1, through: 0, by: -1) where lastReader[k] >= 0 {
            for fanin in [aig.fanin0[k].variable, aig.fanin1[k].variable] where fanin >= first {
                if lastReader[fanin - first] < 0 { lastReader[fanin - first] = Int32(k) }
            }
        }
        slotOfVariable = (0..<aig.variableCount).map { UInt32(min($0, first)) << 1 }
        slotCount = first
        var freeSlots: [UInt32] = []
        for k in 0..<aig.andCount where lastReader[k] >= 0 {
            let a = aig.fanin0[k], b = aig.fanin1[k]
            fanins.append(slotOfVariable[a.variable] | (a.raw & 1))
            fanins.append(slotOfVariable[b.variable] | (b.raw & 1))
            for fanin in [a.variable, b.variable] where fanin >= first && lastReader[fanin - first] == Int32(k) {
                freeSlots.append(slotOfVariable[fanin] >> 1)
                lastReader[fanin - first] = released  // x ∧ x: free the slot once
            }
            let slot: UInt32
            if let reused = freeSlots.popLast() {
                slot = reused
            } else {
                slot = UInt32(slotCount)
                slotCount += 1
            }
            targets.append(slot)
            slotOfVariable[first + k] = slot << 1
        }
    }

    /// `literal` of the AIG as a literal over slots.
    func slotLiteral(_ literal: Literal) -> UInt32 { slotOfVariable[literal.variable] | (literal.raw & 1) }
}
