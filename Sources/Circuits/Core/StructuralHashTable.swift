/// Open-addressing hash table from an AND's ordered fanin pair to a 32-bit
/// value (a literal or a node id): the structural hashing of `AIGBuilder`
/// and of the synthesis passes' editable graphs.
///
/// Keys pack the two fanin literals into 64 bits; the key 0 (a constant AND
/// constant pair) never occurs because constants are folded first, so it
/// marks empty slots. Capacity is a power of two kept at most half full.
package struct StructuralHashTable: Sendable {
    private var keys: [UInt64]
    private var values: [UInt32]
    private var mask: Int
    /// 64 − log2(capacity): the slot is the top bits of the multiplied key.
    private var shift: UInt64
    package private(set) var count = 0

    package init(minimumCapacity: Int = 1024) {
        var capacity = 16
        while capacity < 2 * minimumCapacity { capacity <<= 1 }
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    @inline(__always)
    package static func key(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 32 | UInt64(b) }

    @inline(__always)
    static func key(_ a: Literal, _ b: Literal) -> UInt64 { key(a.raw, b.raw) }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        // Fibonacci hashing: only the product's top bits depend on every key
        // bit (the low ones see only the second literal), so take those.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The value stored for `key`, if any.
    @inline(__always)
    package func find(_ key: UInt64) -> UInt32? {
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    /// Stores `value` for `key`, replacing the value already there.
    package mutating func insert(_ key: UInt64, _ value: UInt32) {
        if 2 * (count + 1) > keys.count { grow() }
        var i = slot(key)
        while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
        if keys[i] == 0 { count += 1 }
        keys[i] = key
        values[i] = value
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        shift = UInt64(64 - keys.count.trailingZeroBitCount)
        count = 0
        for i in oldKeys.indices where oldKeys[i] != 0 { insert(oldKeys[i], oldValues[i]) }
    }
}
