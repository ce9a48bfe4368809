import GateLMSupport
/// Seeded wiring of a gate layer: two input units per gate.
public enum GateWiring {
    /// Gate g's first input is `g mod inputCount`, so the pass-through function
    /// "a" makes a layer an identity when widths match. Second inputs are a
    /// shuffled cover of the units not already used as first inputs, then of all
    /// units, so every input is used at least once whenever
    /// `2 · gateCount ≥ inputCount`. A second input differs from the first
    /// whenever `inputCount > 1`.
    public static func residual(
        inputCount: Int, gateCount: Int, using random: inout SplitMix64
    ) -> (first: [UInt32], second: [UInt32]) {
        precondition(inputCount > 0 && inputCount <= Int(UInt32.max), "inputCount out of range")
        let first = (0..<gateCount).map { UInt32($0 % inputCount) }
        var pool = [UInt32]()
        pool.reserveCapacity(gateCount + inputCount)
        if gateCount < inputCount { pool += (UInt32(gateCount)..<UInt32(inputCount)).shuffled(using: &random) }
        while pool.count < gateCount { pool += (0..<UInt32(inputCount)).shuffled(using: &random) }
        var second = Array(pool.prefix(gateCount))
        if inputCount > 1 {
            for gate in 0..<gateCount where second[gate] == first[gate] {
                // Swap with a later gate when that fixes both, else redraw.
                if let other = (gate + 1..<min(gateCount, gate + 64)).first(where: {
                    second[$0] != first[gate] && second[gate] != first[$0]
                }) {
                    second.swapAt(gate, other)
                } else {
                    second[gate] = (first[gate] + 1 + UInt32.random(in: 0..<UInt32(inputCount - 1), using: &random))
                        % UInt32(inputCount)
                }
            }
        }
        return (first, second)
    }
}
