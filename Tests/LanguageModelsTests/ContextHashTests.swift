import Circuits
import GateLMSupport
import LanguageModels
import Testing

@Suite struct ContextHashTests {
    /// The definition: hash bit i is the XOR of the context bits whose column has bit i set.
    static func definition(_ hash: ContextHash, _ context: [UInt8]) -> UInt32 {
        var h: UInt32 = 0
        for p in 0..<hash.order {
            let byte = context[context.count - 1 - p]
            for b in 0..<8 where byte >> b & 1 == 1 { h ^= hash.columns[p * 8 + b] }
        }
        return h
    }

    static func contexts(count: Int, length: Int, seed: UInt64) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        return (0..<count * length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    @Test(arguments: [1, 3, 6])
    func rowsFollowTheDefinitionAndReadOnlyTheLastOrderBytes(_ order: Int) {
        let hash = ContextHash.seeded(order: order, bits: 11, seed: 9)
        let length = 6, count = 300
        var contexts = Self.contexts(count: count, length: length, seed: UInt64(order))
        var rows = [UInt32](repeating: 0, count: count)
        func hashAll() {
            let table = hash.rowTable
            contexts.withUnsafeBufferPointer { c in
                table.withUnsafeBufferPointer { t in
                    rows.withUnsafeMutableBufferPointer { r in
                        ContextHash.rows(of: c.baseAddress!, count: count, contextLength: length, table: t.baseAddress!,
                                         order: order, into: r.baseAddress!)
                    }
                }
            }
        }
        hashAll()
        for s in 0..<count {
            #expect(rows[s] == Self.definition(hash, Array(contexts[s * length ..< (s + 1) * length])))
            #expect(rows[s] < 1 << 11)
        }
        // Bytes older than the order do not matter.
        let before = rows
        for s in 0..<count where order < length { contexts[s * length] &+= 1 }
        hashAll()
        #expect(rows == before || order == length)
        // Distinct contexts spread over the rows (a linear hash of random contexts is uniform).
        #expect(Set(before).count > count / 2)
    }

    @Test func theCircuitComputesTheSameHash() {
        let hash = ContextHash.seeded(order: 3, bits: 7, seed: 4)
        var builder = AIGBuilder()
        let context = (0..<3).map { p in (0..<8).map { b in builder.addInput(name: "ctx[-\(p + 1)][\(b)]") } }
        for literal in hash.build(into: &builder, context: context) { builder.addOutput(literal) }
        let aig = builder.build()
        let count = 200
        let contexts = Self.contexts(count: count, length: 3, seed: 12)
        var patterns = PatternSet(signalCount: 24, patternCount: count)
        for s in 0..<count {
            for p in 0..<3 {
                let byte = contexts[s * 3 + 2 - p]
                for b in 0..<8 where byte >> b & 1 == 1 { patterns[p * 8 + b, s] = true }
            }
        }
        let outputs = Simulator(aig).simulate(patterns)
        for s in 0..<count {
            let value = (0..<7).reduce(UInt32(0)) { v, i in outputs[i, s] ? v | 1 << UInt32(i) : v }
            #expect(value == Self.definition(hash, Array(contexts[s * 3 ..< s * 3 + 3])))
        }
    }

    @Test func theSeedFixesTheHash() {
        #expect(ContextHash.seeded(order: 4, bits: 12, seed: 1) == ContextHash.seeded(order: 4, bits: 12, seed: 1))
        #expect(ContextHash.seeded(order: 4, bits: 12, seed: 1) != ContextHash.seeded(order: 4, bits: 12, seed: 2))
    }
}
