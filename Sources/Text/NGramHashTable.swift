/// An open-addressing hash map from non-zero 64-bit keys to 32-bit values
/// (linear probing, Fibonacci hashing, at most half full), the counting
/// structure of `NGramModel`.
///
/// Mutated only while a model is built, read-only once the model is shared:
/// hence `@unchecked Sendable`.
final class NGramHashTable: @unchecked Sendable {
    /// The number of keys stored.
    private(set) var count = 0
    /// The number of slots (a power of two); iterate `0 ..< slotCount` with `key(atSlot:)`.
    private(set) var slotCount: Int
    private var shift: UInt64
    private var keys: UnsafeMutablePointer<UInt64>
    private var values: UnsafeMutablePointer<UInt32>

    init(minimumCapacity: Int = 1 << 10) {
        var slots = 16
        while slots < 2 * minimumCapacity { slots *= 2 }
        slotCount = slots
        shift = UInt64(64 - slots.trailingZeroBitCount)
        keys = .allocate(capacity: slots)
        keys.initialize(repeating: 0, count: slots)
        values = .allocate(capacity: slots)
        values.initialize(repeating: 0, count: slots)
    }

    deinit {
        keys.deallocate()
        values.deallocate()
    }

    /// The key in `slot`, 0 when the slot is empty.
    @inline(__always)
    func key(atSlot slot: Int) -> UInt64 { keys[slot] }

    /// The value in `slot`.
    @inline(__always)
    func value(atSlot slot: Int) -> UInt32 { values[slot] }

    /// The value stored for `key`, or nil.
    @inline(__always)
    func value(for key: UInt64) -> UInt32? {
        let slot = findSlot(of: key)
        return keys[slot] == key ? values[slot] : nil
    }

    /// Adds `amount` to the value of `key` (inserted with 0 when new) and
    /// returns the new value.
    @inline(__always)
    @discardableResult
    func add(_ amount: UInt32, to key: UInt64) -> UInt32 {
        let slot = slotInserting(key)
        values[slot] &+= amount
        return values[slot]
    }

    /// Stores `value` in `slot`.
    @inline(__always)
    func setValue(_ value: UInt32, atSlot slot: Int) { values[slot] = value }

    /// The slot holding `key`, inserting it (with value 0) when absent.
    @inline(__always)
    func slotInserting(_ key: UInt64) -> Int {
        precondition(key != 0, "key 0 marks empty slots")
        var slot = findSlot(of: key)
        if keys[slot] == key { return slot }
        if 2 * (count + 1) > slotCount {
            grow()
            slot = findSlot(of: key)
        }
        keys[slot] = key
        count += 1
        return slot
    }

    /// The slot of `key`, or the empty slot where it would go.
    @inline(__always)
    private func findSlot(of key: UInt64) -> Int {
        let mask = slotCount - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let stored = keys[slot]
            if stored == key || stored == 0 { return slot }
            slot = (slot + 1) & mask
        }
    }

    private func grow() {
        let oldKeys = keys, oldValues = values, oldSlotCount = slotCount
        slotCount *= 2
        shift -= 1
        keys = .allocate(capacity: slotCount)
        keys.initialize(repeating: 0, count: slotCount)
        values = .allocate(capacity: slotCount)
        values.initialize(repeating: 0, count: slotCount)
        for slot in 0..<oldSlotCount where oldKeys[slot] != 0 {
            let newSlot = findSlot(of: oldKeys[slot])
            keys[newSlot] = oldKeys[slot]
            values[newSlot] = oldValues[slot]
        }
        oldKeys.deallocate()
        oldValues.deallocate()
    }
}
