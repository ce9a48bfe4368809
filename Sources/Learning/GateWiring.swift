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

extension GateWiring {
    /// Like `residual`, but the first inputs are a shuffled cover of the
    /// inputs instead of `g mod inputCount`: with residual initialisation each
    /// gate starts as a copy of a random input, and any contiguous block of
    /// gates (a GroupSum class) starts as copies of inputs spread over the
    /// whole previous layer. Second inputs are uniform and differ from the first.
    public static func shuffled(
        inputCount: Int, gateCount: Int, using random: inout SplitMix64
    ) -> (first: [UInt32], second: [UInt32]) {
        precondition(inputCount > 0 && inputCount <= Int(UInt32.max), "inputCount out of range")
        var first = [UInt32]()
        first.reserveCapacity(gateCount + inputCount)
        while first.count < gateCount { first += (0..<UInt32(inputCount)).shuffled(using: &random) }
        first.removeLast(first.count - gateCount)
        let second = first.map { a in otherInput(than: a, inputCount: inputCount, using: &random) }
        return (first, second)
    }

    /// The first layer of a context network, whose inputs are `positions`
    /// blocks of `unitsPerPosition` units, oldest position first (block
    /// `positions − 1` is the most recent byte). Recent bytes predict the next
    /// byte best, so the gates are shared out in proportion to 1/d, d = 1 for
    /// the most recent byte. A gate's first input is a unit of its position
    /// (cycling over the units); its second input is another unit of the same
    /// position with probability ½ (a feature of one byte), else a unit of a
    /// position drawn with the same 1/d weights (a feature of two bytes).
    ///
    /// `memoryBlocks` more blocks of `unitsPerPosition` units may follow the positions (the rows of
    /// hashed-context tables); each is weighted like the most recent byte.
    public static func recencyWeighted(
        positions bytePositions: Int, unitsPerPosition: Int, gateCount: Int, memoryBlocks: Int = 0,
        using random: inout SplitMix64
    ) -> (first: [UInt32], second: [UInt32]) {
        precondition(bytePositions > 0 && unitsPerPosition > 0 && gateCount > 0 && memoryBlocks >= 0, "recencyWeighted: empty layer")
        let positions = bytePositions + memoryBlocks
        let inputCount = positions * unitsPerPosition
        let weights = (0..<bytePositions).map { 1 / Double(bytePositions - $0) } + Array(repeating: 1, count: memoryBlocks)
        let total = weights.reduce(0, +)
        // Largest-remainder apportionment of the gates to positions.
        let quotas = weights.map { Double(gateCount) * $0 / total }
        var counts = quotas.map { Int($0) }
        let byRemainder = quotas.indices.sorted { quotas[$0] - Double(counts[$0]) > quotas[$1] - Double(counts[$1]) }
        for i in byRemainder.prefix(gateCount - counts.reduce(0, +)) { counts[i] += 1 }
        func drawPosition() -> Int {
            var u = random.nextUnitInterval() * total
            for (p, w) in weights.enumerated() {
                u -= w
                if u < 0 { return p }
            }
            return positions - 1
        }
        var first = [UInt32](), second = [UInt32]()
        first.reserveCapacity(gateCount)
        second.reserveCapacity(gateCount)
        for (position, count) in counts.enumerated() {
            let base = position * unitsPerPosition
            var units = [Int]()
            while units.count < count { units += (0..<unitsPerPosition).shuffled(using: &random) }
            for unit in units.prefix(count) {
                let a = UInt32(base + unit)
                let partnerPosition = random.nextUnitInterval() < 0.5 ? position : drawPosition()
                var b = UInt32(partnerPosition * unitsPerPosition + random.nextIndex(below: unitsPerPosition))
                if b == a { b = otherInput(than: a, inputCount: inputCount, using: &random) }
                first.append(a)
                second.append(b)
            }
        }
        return (first, second)
    }

    /// A uniformly drawn input other than `a` (or `a` itself when it is the only one).
    static func otherInput(than a: UInt32, inputCount: Int, using random: inout SplitMix64) -> UInt32 {
        guard inputCount > 1 else { return a }
        return (a + 1 + UInt32(random.nextIndex(below: inputCount - 1))) % UInt32(inputCount)
    }
}
