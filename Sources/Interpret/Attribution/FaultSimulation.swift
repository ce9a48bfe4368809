import Circuits

/// Parallel-pattern single-fault simulation, as in test generation: every
/// lane of a 64-bit word is the same context with one node flipped, so one
/// pass over the circuit patches 64 nodes at once. A batch whose lanes flip
/// variables v₀ < v₁ < … re-evaluates only the ANDs from v₀ on (everything
/// before keeps its value on the context), and only those that reach an
/// output.
struct FaultSimulation {
    let aig: AIG
    /// The value of every variable on the context, as a full word (all lanes equal).
    let base: [UInt64]
    /// AND indices that reach an output.
    private let live: [Bool]

    init(_ aig: AIG, inputBits: [Bool]) {
        precondition(inputBits.count == aig.inputCount, "one value per input")
        precondition(!aig.isSequential, "fault simulation is for combinational circuits")
        self.aig = aig
        let values = aig.evaluateVariables(inputs: inputBits.map { $0 ? ~0 : 0 })
        base = values
        var live = [Bool](repeating: false, count: aig.variableCount)
        for output in aig.outputs { live[output.variable] = true }
        let first = aig.firstAndVariable
        for v in stride(from: aig.maxVariable, through: first, by: -1) where live[v] {
            live[aig.fanin0[v - first].variable] = true
            live[aig.fanin1[v - first].variable] = true
        }
        self.live = live
    }

    /// Whether variable `v` reaches an output.
    func isLive(_ v: Int) -> Bool { live[v] }

    /// A word per variable, patched from `dirtyFrom` on by the last batch.
    struct Scratch {
        var values: [UInt64] = []
        var dirtyFrom = Int.max
    }

    /// Output words with lane i flipping variable `flipped[i]` (ascending, at
    /// most 64; lanes past the list flip nothing).
    func outputs(flipping flipped: [Int], scratch: inout Scratch) -> [UInt64] {
        precondition(!flipped.isEmpty && flipped.count <= 64, "one to 64 flips per batch")
        return outputs(forcing: flipped.enumerated().map { (variable: $0.element, lanes: UInt64(1) << UInt64($0.offset), values: ~base[$0.element]) },
                       scratch: &scratch)
    }

    /// Output words with each `forced[j].variable` held, in the lanes of `forced[j].lanes`, at the
    /// bits of `forced[j].values` (variables ascending, each once), whatever the lane's other
    /// patches did upstream of it: several in one lane set several nodes at once, as setting a
    /// multi-bit unit to a level does. (One per lane at its opposite value is a plain flip.)
    func outputs(forcing forced: [(variable: Int, lanes: UInt64, values: UInt64)], scratch: inout Scratch) -> [UInt64] {
        precondition(!forced.isEmpty && zip(forced, forced.dropFirst()).allSatisfy { $0.variable < $1.variable }, "patches of ascending variables")
        let first = aig.firstAndVariable, start = forced[0].variable
        if scratch.values.count != base.count { scratch = Scratch(values: base, dirtyFrom: Int.max) }
        let dirtyFrom = scratch.dirtyFrom
        scratch.dirtyFrom = start
        base.withUnsafeBufferPointer { base in
            scratch.values.withUnsafeMutableBufferPointer { values in
                aig.fanin0.withUnsafeBufferPointer { f0 in
                    aig.fanin1.withUnsafeBufferPointer { f1 in
                        live.withUnsafeBufferPointer { live in
                            // Variables before the first flip hold their context value in every lane.
                            for v in min(dirtyFrom, start) ..< max(start, first) where v < values.count { values[v] = base[v] }
                            var next = 0
                            if start < first {   // flipped inputs
                                while next < forced.count, forced[next].variable < first {
                                    let (v, lanes, held) = forced[next]
                                    values[v] = (values[v] & ~lanes) | (held & lanes)
                                    next += 1
                                }
                            }
                            for v in max(start, first) ..< values.count {
                                var value: UInt64
                                if live[v] {
                                    let a = f0[v - first].raw, b = f1[v - first].raw
                                    let wa = values[Int(a >> 1)] ^ (a & 1 == 0 ? 0 : ~0)
                                    let wb = values[Int(b >> 1)] ^ (b & 1 == 0 ? 0 : ~0)
                                    value = wa & wb
                                } else {
                                    value = base[v]
                                }
                                if next < forced.count, forced[next].variable == v {
                                    let lanes = forced[next].lanes
                                    value = (value & ~lanes) | (forced[next].values & lanes)
                                    next += 1
                                }
                                values[v] = value
                            }
                        }
                    }
                }
            }
        }
        return aig.outputs.map { AIG.value($0, in: scratch.values) }
    }
}
