/// Open-addressing hash table from an AND's ordered fanin pair to its literal.
///
/// Keys pack the two fanin literals into 64 bits; the key 0 (a constant AND
/// constant pair) never occurs because the builder folds constants first, so
/// it marks empty slots. Capacity is a power of two kept at most half full.
struct StructuralHashTable: Sendable {
    private var keys: [UInt64]
    private var values: [UInt32]
    private var mask: Int
    private(set) var count = 0

    init(minimumCapacity: Int = 1024) {
        var capacity = 16
        while capacity < 2 * minimumCapacity { capacity <<= 1 }
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: 0, count: capacity)
        mask = capacity - 1
    }

    @inline(__always)
    static func key(_ a: Literal, _ b: Literal) -> UInt64 { UInt64(a.raw) << 32 | UInt64(b.raw) }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        // Fibonacci hashing spreads the structured keys over the table.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 17) & mask
    }

    /// The literal stored for `key`, if any.
    func find(_ key: UInt64) -> Literal? {
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return Literal(raw: values[i]) }
            if k == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    /// Stores `value` for `key`, which must not be present.
    mutating func insert(_ key: UInt64, _ value: Literal) {
        if 2 * (count + 1) > keys.count { grow() }
        var i = slot(key)
        while keys[i] != 0 { i = (i + 1) & mask }
        keys[i] = key
        values[i] = value.raw
        count += 1
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for i in oldKeys.indices where oldKeys[i] != 0 { insert(oldKeys[i], Literal(raw: oldValues[i])) }
    }
}
