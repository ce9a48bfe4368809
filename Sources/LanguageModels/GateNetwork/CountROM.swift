/// The count ROM of the hybrid family: n-gram statistics of the training text, compiled as
/// read-only memories and mixed with the learned circuit by integer adds in the score domain.
///
/// It is *counted*, not learned by gradient: for each order o (bytes of context) a hash of the
/// last o bytes selects a row; the row holds the `slots` most frequent next classes seen after
/// the contexts of that row in the training split, each with a confidence `level` (a bucket of
/// its count and of the row's total, see `CountLevel`). The only learned part is the small
/// mixing table `weights[(order·slots + slot)·levels + level]`: the integer score a class gets
/// for standing in that slot at that level (PAQ-style mixing, a learned nonlinearity of the
/// counted probability per order). Class c's score is the gate network's GroupSum popcount
/// plus the weight of every (order, slot) whose class is c; with `backOff`, only of the slot of
/// the highest order whose row holds c (a lower order's vote for c is shadowed).
public struct CountROM: Sendable, Hashable, Codable {
    /// One table per order, in configuration order.
    public var tables: [CountTable]
    /// Classes stored per row (most frequent first).
    public var slots: Int
    /// Bits of a mixing weight (weights are 0 ..< 2^weightBits).
    public var weightBits: Int
    /// The learned integer score of each (table, slot, level), `[(t·slots + k)·CountLevel.count + level]`; level 0 is 0.
    public var weights: [UInt8]
    /// Whether a class votes only from the highest order whose row holds it (back-off), rather
    /// than from every order whose row holds it (additive, PAQ-style).
    public var backOff: Bool

    public init(tables: [CountTable], slots: Int, weightBits: Int, weights: [UInt8], backOff: Bool = false) {
        precondition(tables.allSatisfy { $0.entries.count == $0.rowCount * slots }, "a count table has rows × slots entries")
        precondition(weights.count == tables.count * slots * CountLevel.count, "one weight per (table, slot, level)")
        precondition(weights.allSatisfy { Int($0) < 1 << weightBits }, "weights have weightBits bits")
        precondition(stride(from: 0, to: weights.count, by: CountLevel.count).allSatisfy { weights[$0] == 0 },
                     "an empty slot (level 0) scores 0")
        self.tables = tables
        self.slots = slots
        self.weightBits = weightBits
        self.weights = weights
        self.backOff = backOff
    }

    /// The weight of slot `slot` of table `table` at `level`.
    @inlinable public func weight(table: Int, slot: Int, level: Int) -> Int {
        Int(weights[(table * slots + slot) * CountLevel.count + level])
    }

    private enum CodingKeys: String, CodingKey { case tables, slots, weightBits, weights, backOff }

    /// Decodes a ROM; `backOff` (added later) is false when absent.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tables = try c.decode([CountTable].self, forKey: .tables)
        slots = try c.decode(Int.self, forKey: .slots)
        weightBits = try c.decode(Int.self, forKey: .weightBits)
        weights = try c.decode([UInt8].self, forKey: .weights)
        backOff = try c.decodeIfPresent(Bool.self, forKey: .backOff) ?? false
    }

    /// The hash a count table of `order` bytes uses: the identity (exact counts) when the 8·order
    /// context bits fit in `rowBits`, else the seeded linear hash to `rowBits` bits.
    public static func hash(order: Int, rowBits: Int, seed: UInt64) -> ContextHash {
        guard 8 * order > rowBits else {
            return ContextHash(order: order, bits: 8 * order, columns: (0..<8 * order).map { UInt32(1) << UInt32($0) })
        }
        return ContextHash.seeded(order: order, bits: rowBits, seed: seed &+ 0xC0_047E)
    }
}

/// One order's ROM: a hash of the last `hash.order` bytes picks a row of `slots` entries.
public struct CountTable: Sendable, Hashable, Codable {
    public var hash: ContextHash
    /// `entries[row · slots + k]`: the k-th most frequent class of the row (bits 0–7) and its
    /// level (bits 8–12); 0 is an empty slot (level 0).
    public var entries: [UInt16]

    public init(hash: ContextHash, entries: [UInt16]) {
        precondition(entries.count % (1 << hash.bits) == 0, "a count table has a whole number of entries per row")
        self.hash = hash
        self.entries = entries
    }

    public var rowCount: Int { 1 << hash.bits }

    /// An entry's class and level.
    @inlinable public static func unpack(_ entry: UInt16) -> (classIndex: Int, level: Int) {
        (Int(entry & 0xFF), Int(entry >> 8))
    }

    @inlinable public static func pack(classIndex: Int, level: Int) -> UInt16 { UInt16(level << 8 | classIndex) }
}

/// The confidence level of a counted class: a bucket of the row's total count N and of the
/// class's share n/N. Level 0 is an empty slot; levels 1...30 are
/// `1 + totalBucket · 6 + shareBucket` with N in {1}, 2–3, 4–9, 10–29, 30+ and n/N below
/// 0.15, 0.3, 0.5, 0.7, 0.9, or above.
public enum CountLevel {
    /// Levels 0 ..< 32 (5 bits in a ROM entry).
    public static let count = 32
    /// Bits of a level in the circuit.
    public static let bits = 5

    /// The level of a class seen `n` times in a row whose classes were seen `total` times (n ≥ 1).
    @inlinable public static func level(count n: UInt32, total: UInt32) -> Int {
        let totalBucket = total <= 1 ? 0 : total <= 3 ? 1 : total <= 9 ? 2 : total <= 29 ? 3 : 4
        // n/N against the edges, in integers: 20·n < 3·N is n/N < 0.15, and so on.
        let n20 = UInt64(n) * 20, t = UInt64(total)
        let shareBucket = n20 < 3 * t ? 0 : n20 < 6 * t ? 1 : n20 < 10 * t ? 2 : n20 < 14 * t ? 3 : n20 < 18 * t ? 4 : 5
        return 1 + totalBucket * 6 + shareBucket
    }
}
