import Circuits
import GateLMSupport

/// A linear hash of the last `order` bytes of a context to `bits` bits, over GF(2): hash bit i
/// is the XOR of a fixed random subset of those bytes' 8·order bits. A random linear map is a
/// universal hash family (two different contexts collide with probability 2^−bits), and in
/// gates it costs only XORs of context inputs, so it indexes a learned table both in training
/// and in the compiled circuit.
public struct ContextHash: Sendable, Hashable, Codable {
    /// Bytes hashed: the `order` most recent of the context.
    public let order: Int
    /// Bits of the hash value (the table has 2^bits rows).
    public let bits: Int
    /// `columns[p * 8 + b]`: the hash bits that bit b of the p-th most recent byte flips.
    public let columns: [UInt32]

    public init(order: Int, bits: Int, columns: [UInt32]) {
        precondition(order >= 1 && bits >= 1 && bits <= 24 && columns.count == order * 8, "a hash needs 8·order columns of 1...24 bits")
        precondition(columns.allSatisfy { $0 >> UInt32(bits) == 0 }, "a hash column has bits past the hash width")
        self.order = order
        self.bits = bits
        self.columns = columns
    }

    /// The hash of `order` bytes to `bits` bits drawn from `seed`.
    public static func seeded(order: Int, bits: Int, seed: UInt64) -> ContextHash {
        var random = SplitMix64(seed: seed ^ UInt64(order) &* 0xA24B_AED4_963E_E407)
        let mask = UInt32((1 << bits) - 1)
        return ContextHash(order: order, bits: bits, columns: (0..<order * 8).map { _ in UInt32(truncatingIfNeeded: random.next()) & mask })
    }

    /// `rowTable[p * 256 + byte]`: the hash contribution of `byte` as the p-th most recent byte,
    /// so that a context's hash is the XOR of `order` table entries.
    public var rowTable: [UInt32] {
        (0..<order * 256).map { i in
            let p = i / 256, byte = i % 256
            return (0..<8).reduce(UInt32(0)) { h, b in byte >> b & 1 == 1 ? h ^ columns[p * 8 + b] : h }
        }
    }

    /// The hash of each of `count` contexts of `contextLength` bytes (oldest first) into `rows`.
    public static func rows(
        of contexts: UnsafePointer<UInt8>, count: Int, contextLength: Int, table: UnsafePointer<UInt32>, order: Int,
        into rows: UnsafeMutablePointer<UInt32>
    ) {
        for sample in 0..<count {
            let last = contexts + sample * contextLength + contextLength - 1
            var h: UInt32 = 0
            for p in 0..<order { h ^= table[p * 256 + Int(last[-p])] }
            rows[sample] = h
        }
    }

    /// `rows(of:count:contextLength:table:order:into:)` on arrays: the hash of each of `count`
    /// contexts of `contextLength` bytes stored back to back in `contexts` (oldest first) into
    /// `rows[0..<count]`, `rowTable` being this hash's `rowTable` (computed once by the caller).
    public func rows(of contexts: [UInt8], count: Int, contextLength: Int, rowTable: [UInt32], into rows: inout [UInt32]) {
        precondition(contexts.count >= count * contextLength && rows.count >= count && rowTable.count == order * 256,
                     "\(count) contexts of \(contextLength) bytes, as many rows, and this hash's row table")
        contexts.withUnsafeBufferPointer { contexts in
            rowTable.withUnsafeBufferPointer { table in
                rows.withUnsafeMutableBufferPointer { rows in
                    Self.rows(of: contexts.baseAddress!, count: count, contextLength: contextLength, table: table.baseAddress!,
                              order: order, into: rows.baseAddress!)
                }
            }
        }
    }

    /// The hash bits in gates, least significant first, from the context inputs
    /// (`context[p][b]`: bit b of the p-th most recent byte).
    public func build(into builder: inout AIGBuilder, context: [[Literal]]) -> [Literal] {
        (0..<bits).map { i in
            builder.xor((0..<order * 8).compactMap { k in columns[k] >> UInt32(i) & 1 == 1 ? context[k / 8][k % 8] : nil })
        }
    }
}

/// A learned table indexed by a context hash, after discretisation: row r holds E bits.
public struct DiscreteHashedTable: Sendable, Hashable, Codable {
    public var hash: ContextHash
    /// `rows[r]`: bit e of row r is bit e of the value (E ≤ 64 bits per row).
    public var rows: [UInt64]

    public init(hash: ContextHash, rows: [UInt64]) {
        precondition(rows.count == 1 << hash.bits, "a table over \(hash.bits) hash bits has \(1 << hash.bits) rows")
        self.hash = hash
        self.rows = rows
    }
}
