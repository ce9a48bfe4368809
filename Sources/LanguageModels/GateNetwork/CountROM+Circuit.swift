import Circuits

/// Compiling the count ROM into gates.
extension CountROM {
    /// Name of bit `bit` of the count table hash of the `order` most recent bytes, e.g. `count_hash[3][0]`.
    public static func hashName(order: Int, bit: Int) -> String { "count_hash[\(order)][\(bit)]" }
    /// Name of bit `bit` of the class stored in slot `slot` of the order-`order` row, e.g. `count_class[3][0][2]`.
    public static func className(order: Int, slot: Int, bit: Int) -> String { "count_class[\(order)][\(slot)][\(bit)]" }
    /// Name of bit `bit` of that slot's confidence level, e.g. `count_level[3][0][4]`.
    public static func levelName(order: Int, slot: Int, bit: Int) -> String { "count_level[\(order)][\(slot)][\(bit)]" }
    /// Name of bit `bit` of that slot's vote (its learned weight at its level), e.g. `count_vote[3][0][1]`.
    public static func voteName(order: Int, slot: Int, bit: Int) -> String { "count_vote[\(order)][\(slot)][\(bit)]" }

    /// Builds the ROMs from the context inputs (`context[p][b]`: bit b of the p-th most recent
    /// byte) and returns, per class, one vote per table: the weight of the slot holding the class
    /// (at most one slot of a row does), else 0. Each ROM bit is a truth table over the hash bits;
    /// each vote a truth table over the 5 level bits, gated by a comparison of the class bits.
    /// With `backOff`, a table's vote for a class is also gated by "no nonempty slot of a
    /// higher-order table holds it".
    public func build(into builder: inout AIGBuilder, context: [[Literal]], classCount: Int,
                      names: inout NodeNames) -> [[BitVector]] {
        let classBits = max(1, BitVector.bitWidth(representing: classCount - 1))
        // holds[t][k][c]: slot k of table t holds class c (with a nonempty level under back-off).
        var holds = [[[Literal]]]()
        var slotVotes = [[BitVector]]()
        for (t, table) in tables.enumerated() {
            let order = table.hash.order
            let hash = table.hash.build(into: &builder, context: context)
            for (i, bit) in hash.enumerated() { names.add(Self.hashName(order: order, bit: i), bit) }
            var tableHolds = [[Literal]](), tableVotes = [BitVector]()
            for k in 0..<slots {
                let column = (0..<table.rowCount).map { table.entries[$0 * slots + k] }
                let storedClass = (0..<classBits).map { i in
                    builder.truthTable(column.map { Int($0) >> i & 1 == 1 }, inputs: hash)
                }
                let level = (0..<CountLevel.bits).map { i in
                    builder.truthTable(column.map { Int($0) >> (8 + i) & 1 == 1 }, inputs: hash)
                }
                let vote = (0..<weightBits).map { i in
                    builder.truthTable((0..<CountLevel.count).map { weight(table: t, slot: k, level: $0) >> i & 1 == 1 }, inputs: level)
                }
                for (i, bit) in storedClass.enumerated() { names.add(Self.className(order: order, slot: k, bit: i), bit) }
                for (i, bit) in level.enumerated() { names.add(Self.levelName(order: order, slot: k, bit: i), bit) }
                for (i, bit) in vote.enumerated() { names.add(Self.voteName(order: order, slot: k, bit: i), bit) }
                // An empty slot (level 0) votes 0 for class 0, so only back-off needs its level tested.
                let nonempty = backOff ? builder.or(level) : .true
                tableHolds.append((0..<classCount).map { builder.and(nonempty, builder.equal(storedClass, $0)) })
                tableVotes.append(vote)
            }
            holds.append(tableHolds)
            slotVotes.append(tableVotes)
        }
        var votes = [[BitVector]](repeating: [], count: classCount)
        for t in tables.indices {
            let higher = tables.indices.filter { tables[$0].hash.order > tables[t].hash.order }
            for c in 0..<classCount {
                let shadowed = backOff ? builder.or(higher.flatMap { u in holds[u].map { $0[c] } }) : .false
                var vote = BitVector(repeating: .false, count: weightBits)
                for k in 0..<slots {
                    let counts = builder.and(holds[t][k][c], !shadowed)
                    // Slots of a row hold distinct classes, so OR adds the one vote (if any) for c.
                    vote = (0..<weightBits).map { i in builder.or(vote[i], builder.and(counts, slotVotes[t][k][i])) }
                }
                votes[c].append(vote)
            }
        }
        return votes
    }
}
