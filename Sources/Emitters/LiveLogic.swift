import Circuits

/// The part of an AIG that can affect an output or a latch: the ANDs in the
/// transitive fanin of the outputs and the latches' next states.
///
/// The C and Verilog emitters write only these ANDs; the rest could never be
/// observed and would make compilers warn about unused values.
struct LiveLogic {
    /// Per AND index: whether the AND is live.
    let isLiveAnd: [Bool]
    /// The live AND indices in increasing (topological) order.
    let liveAnds: [Int]
    /// Per variable: whether a live AND, an output or a latch next state reads it.
    let isRead: [Bool]

    init(_ aig: AIG) {
        var isRead = [Bool](repeating: false, count: aig.variableCount)
        for output in aig.outputs { isRead[output.variable] = true }
        for latch in aig.latches { isRead[latch.next.variable] = true }
        var isLiveAnd = [Bool](repeating: false, count: aig.andCount)
        let first = aig.firstAndVariable
        for k in stride(from: aig.andCount - 1, through: 0, by: -1) where isRead[first + k] {
            isLiveAnd[k] = true
            isRead[aig.fanin0[k].variable] = true
            isRead[aig.fanin1[k].variable] = true
        }
        self.isLiveAnd = isLiveAnd
        self.liveAnds = isLiveAnd.indices.filter { isLiveAnd[$0] }
        self.isRead = isRead
    }
}
