import Circuits

/// Parallel-pattern single-fault simulation, as in test generation: every
/// lane of a 64-bit word is the same context with one node flipped, so one
/// pass over the circuit patches 64 nodes at once. Event-driven: a pass
/// re-evaluates only the ANDs that reach an output and read a node whose
/// word the patches changed, in topological order (a bitmap of scheduled
/// variables, scanned upward), so a flip that is masked a few gates on costs
/// a few gates — on a million-AND integer circuit most flips die inside their
/// adder tree or at its threshold comparator.
struct FaultSimulation {
    let aig: AIG
    /// The value of every variable on the context, as a full word (all lanes equal).
    let base: [UInt64]
    /// AND indices that reach an output.
    private let live: [Bool]
    /// Live AND fanouts of each variable, as a compressed list: those of v are
    /// `fanouts[fanoutStart[v] ..< fanoutStart[v + 1]]`.
    private let fanoutStart: [Int32]
    private let fanouts: [Int32]

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
        var start = [Int32](repeating: 0, count: aig.variableCount + 1)
        for v in first ..< aig.variableCount where live[v] {
            start[aig.fanin0[v - first].variable + 1] += 1
            start[aig.fanin1[v - first].variable + 1] += 1
        }
        for v in 0 ..< aig.variableCount { start[v + 1] += start[v] }
        var fill = start
        var fanouts = [Int32](repeating: 0, count: Int(start[aig.variableCount]))
        for v in first ..< aig.variableCount where live[v] {
            let a = aig.fanin0[v - first].variable, b = aig.fanin1[v - first].variable
            fanouts[Int(fill[a])] = Int32(v)
            fill[a] += 1
            fanouts[Int(fill[b])] = Int32(v)
            fill[b] += 1
        }
        fanoutStart = start
        self.fanouts = fanouts
    }

    /// Whether variable `v` reaches an output.
    func isLive(_ v: Int) -> Bool { live[v] }

    /// A word per variable (the context's values between passes), the bitmap of scheduled variables and the
    /// variables a pass changed (restored at its end).
    struct Scratch {
        var values: [UInt64] = []
        var scheduled: [UInt64] = []
        var touched: [Int32] = []
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
        let first = aig.firstAndVariable
        if scratch.values.count != base.count {
            scratch = Scratch(values: base, scheduled: [UInt64](repeating: 0, count: (base.count + 63) / 64), touched: [])
        }
        var touched = scratch.touched
        touched.removeAll(keepingCapacity: true)
        base.withUnsafeBufferPointer { base in
        scratch.values.withUnsafeMutableBufferPointer { values in
        scratch.scheduled.withUnsafeMutableBufferPointer { scheduled in
        aig.fanin0.withUnsafeBufferPointer { f0 in
        aig.fanin1.withUnsafeBufferPointer { f1 in
        fanoutStart.withUnsafeBufferPointer { fanoutStart in
        fanouts.withUnsafeBufferPointer { fanouts in
            var highest = 0
            for f in forced {
                scheduled[f.variable >> 6] |= 1 << UInt64(f.variable & 63)
                highest = max(highest, f.variable)
            }
            var next = 0
            var w = forced[0].variable >> 6
            while w <= highest >> 6 {
                let word = scheduled[w]
                if word == 0 { w += 1; continue }
                scheduled[w] = word & (word - 1)
                let v = w << 6 | word.trailingZeroBitCount
                var value: UInt64
                if v >= first {
                    let a = f0[v - first].raw, b = f1[v - first].raw
                    let wa = values[Int(a >> 1)] ^ (UInt64(0) &- UInt64(a & 1))
                    let wb = values[Int(b >> 1)] ^ (UInt64(0) &- UInt64(b & 1))
                    value = wa & wb
                } else {
                    value = base[v]
                }
                if next < forced.count, forced[next].variable == v {
                    let lanes = forced[next].lanes
                    value = (value & ~lanes) | (forced[next].values & lanes)
                    next += 1
                }
                guard value != values[v] else { continue }
                values[v] = value
                touched.append(Int32(v))
                for k in Int(fanoutStart[v]) ..< Int(fanoutStart[v + 1]) {
                    let u = Int(fanouts[k])
                    scheduled[u >> 6] |= 1 << UInt64(u & 63)
                    highest = max(highest, u)
                }
            }
        }
        }
        }
        }
        }
        }
        }
        let outputs = aig.outputs.map { AIG.value($0, in: scratch.values) }
        for v in touched { scratch.values[Int(v)] = base[Int(v)] }
        scratch.touched = touched
        return outputs
    }
}
