import Circuits

/// How the live ANDs are split into C functions.
///
/// With one part, every AND is a local constant of the entry function. With
/// several parts, each part is a function over a run of consecutive live ANDs;
/// an AND read outside its own part (by a later part, an output or a latch)
/// gets a slot in the scratch array, the others stay locals.
struct CPartition {
    /// Live AND indices of each part, in order.
    let parts: [ArraySlice<Int>]
    /// Per AND index: its scratch slot, or -1 when it is a local (or dead). Empty with one part.
    private let slots: [Int32]
    /// Number of scratch slots in use.
    let slotCount: Int

    var isSplit: Bool { parts.count > 1 }

    init(aig: AIG, live: LiveLogic, andsPerFunction: Int) {
        let ands = live.liveAnds
        parts = ands.isEmpty ? [ands[...]] : stride(from: 0, to: ands.count, by: andsPerFunction).map {
            ands[$0..<min($0 + andsPerFunction, ands.count)]
        }
        guard parts.count > 1 else {
            slots = []
            slotCount = 0
            return
        }
        var partOfAnd = [Int32](repeating: -1, count: aig.andCount)
        for (p, part) in parts.enumerated() { for k in part { partOfAnd[k] = Int32(p) } }
        var isShared = [Bool](repeating: false, count: aig.andCount)
        let first = aig.firstAndVariable
        func markRead(_ literal: Literal, fromPart part: Int32) {
            let k = literal.variable - first
            if k >= 0 && partOfAnd[k] != part { isShared[k] = true }
        }
        for k in ands {
            markRead(aig.fanin0[k], fromPart: partOfAnd[k])
            markRead(aig.fanin1[k], fromPart: partOfAnd[k])
        }
        for output in aig.outputs { markRead(output, fromPart: -1) }
        for latch in aig.latches { markRead(latch.next, fromPart: -1) }
        var slots = [Int32](repeating: -1, count: aig.andCount)
        var next: Int32 = 0
        for k in ands where isShared[k] {
            slots[k] = next
            next += 1
        }
        self.slots = slots
        slotCount = Int(next)
    }

    /// The scratch slot of AND `k`, or nil when it is a local.
    func slot(ofAnd k: Int) -> Int? {
        guard !slots.isEmpty, slots[k] >= 0 else { return nil }
        return Int(slots[k])
    }
}
