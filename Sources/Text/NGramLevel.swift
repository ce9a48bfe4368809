/// One order of an `NGramModel`: the counts of the n-grams with a k-byte
/// context, per-context totals, and the modified Kneser–Ney discounts.
struct NGramLevel: Sendable {
    /// n-gram key → count (raw at the highest order, continuation below).
    let counts: NGramHashTable
    /// Context key → 1 + index into `contexts`.
    private let contextIndex: NGramHashTable
    private let contexts: [ContextStatistics]
    /// The discounts for n-grams seen once, twice, three or more times.
    let discounts: (one: Double, two: Double, threeOrMore: Double)

    /// What the counts of one context sum to.
    struct ContextStatistics: Sendable {
        var total: UInt32 = 0
        var once: UInt32 = 0
        var twice: UInt32 = 0
        var threeOrMore: UInt32 = 0
    }

    init(counts: NGramHashTable) {
        self.counts = counts
        let contextIndex = NGramHashTable(minimumCapacity: max(16, counts.count / 4))
        var contexts: [ContextStatistics] = []
        var countOfCounts = [Int](repeating: 0, count: 5) // [r] = n-grams seen r times, r = 1...4
        for slot in 0..<counts.slotCount where counts.key(atSlot: slot) != 0 {
            let count = counts.value(atSlot: slot)
            let contextSlot = contextIndex.slotInserting(NGramKey.context(of: counts.key(atSlot: slot)))
            if contextIndex.value(atSlot: contextSlot) == 0 {
                contexts.append(ContextStatistics())
                contextIndex.setValue(UInt32(contexts.count), atSlot: contextSlot)
            }
            let index = Int(contextIndex.value(atSlot: contextSlot)) - 1
            contexts[index].total += count
            switch count {
            case 1: contexts[index].once += 1
            case 2: contexts[index].twice += 1
            default: contexts[index].threeOrMore += 1
            }
            if count <= 4 { countOfCounts[Int(count)] += 1 }
        }
        self.contextIndex = contextIndex
        self.contexts = contexts
        discounts = Self.discounts(countOfCounts)
    }

    /// Chen & Goodman's estimates D_r = r − (r + 1)·Y·n_{r+1}/n_r with
    /// Y = n1 / (n1 + 2·n2); 0.5, 1, 1.5 when a count-of-count is missing.
    private static func discounts(_ n: [Int]) -> (one: Double, two: Double, threeOrMore: Double) {
        guard n[1] > 0, n[2] > 0, n[3] > 0, n[4] > 0 else { return (0.5, 1, 1.5) }
        let y = Double(n[1]) / Double(n[1] + 2 * n[2])
        func discount(_ r: Int) -> Double {
            min(Double(r), max(0, Double(r) - Double(r + 1) * y * Double(n[r + 1]) / Double(n[r])))
        }
        return (discount(1), discount(2), discount(3))
    }

    /// P(byte | context) at this order, interpolated with `lowerOrder` =
    /// P(byte | shorter context); nil when the context was never seen.
    @inline(__always)
    func interpolate(lowerOrder: Double, byte: UInt8, contextKey: UInt64) -> Double? {
        guard let index = contextIndex.value(for: contextKey) else { return nil }
        let statistics = contexts[Int(index) - 1]
        let count = counts.value(for: contextKey | UInt64(byte)) ?? 0
        let discount: Double
        switch count {
        case 0: discount = 0
        case 1: discount = discounts.one
        case 2: discount = discounts.two
        default: discount = discounts.threeOrMore
        }
        let total = Double(statistics.total)
        let backOffMass = discounts.one * Double(statistics.once) + discounts.two * Double(statistics.twice)
            + discounts.threeOrMore * Double(statistics.threeOrMore)
        return (Double(count) - discount) / total + backOffMass / total * lowerOrder
    }
}
