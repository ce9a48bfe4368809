import Circuits

extension DiscreteGateNetwork {
    /// A network with seeded random wiring, gate functions and embedding: small
    /// stand-ins for trained models in tests and examples (the last width is
    /// rounded down to a multiple of the class count), optionally with random hashed tables
    /// of 2^`hashedRowBits` rows for `hashedOrders` and a random count ROM (rows of 2 distinct classes or
    /// empty slots, random levels and weights) for `countOrders`, additive or with back-off.
    public static func random(seed: UInt64, contextLength: Int = 3, embeddingBits: Int = 4, widths: [Int] = [40, 36],
                              classes: [UInt8] = Array(" abcdef".utf8), hashedOrders: [Int] = [],
                              hashedRowBits: Int = 5, countOrders: [Int] = [], countBackOff: Bool = false) -> DiscreteGateNetwork {
        var rng = SplitMix64(seed: seed)
        let mask: UInt64 = embeddingBits == 64 ? .max : (1 << UInt64(embeddingBits)) - 1
        let tables = hashedOrders.map { order in
            DiscreteHashedTable(hash: ContextHash.seeded(order: order, bits: hashedRowBits, seed: seed),
                                rows: (0..<1 << hashedRowBits).map { _ in rng.next() & mask })
        }
        let groupSize = widths.last! / classes.count
        var layers = [DiscreteGateLayer]()
        var inputs = (contextLength + tables.count) * embeddingBits
        for (i, width) in widths.enumerated() {
            let gates = i == widths.count - 1 ? classes.count * groupSize : width
            layers.append(DiscreteGateLayer(
                inputCount: inputs,
                inputA: (0..<gates).map { _ in UInt32(rng.next() % UInt64(inputs)) },
                inputB: (0..<gates).map { _ in UInt32(rng.next() % UInt64(inputs)) },
                functions: (0..<gates).map { _ in UInt8(rng.next() % 16) }))
            inputs = gates
        }
        let embedding = (0..<256).map { _ in rng.next() & mask }
        var countROM: CountROM?
        if !countOrders.isEmpty {
            let slots = 2, weightBits = 5
            let countTables = countOrders.map { order in
                let hash = CountROM.hash(order: order, rowBits: 8, seed: seed)
                var entries = [UInt16]()
                for _ in 0..<(1 << hash.bits) {
                    let first = Int(rng.next() % UInt64(classes.count)), step = 1 + Int(rng.next() % UInt64(max(1, classes.count - 1)))
                    for (k, c) in [first, (first + step) % classes.count].enumerated() {
                        let level = rng.next() % 4 == 0 || (k == 1 && c == first) ? 0 : 1 + Int(rng.next() % UInt64(CountLevel.count - 1))
                        entries.append(level == 0 ? 0 : CountTable.pack(classIndex: c, level: level))
                    }
                }
                return CountTable(hash: hash, entries: entries)
            }
            let weights = (0..<countOrders.count * slots * CountLevel.count).map { i in
                i % CountLevel.count == 0 ? UInt8(0) : UInt8(rng.next() % (1 << UInt64(weightBits)))
            }
            countROM = CountROM(tables: countTables, slots: slots, weightBits: weightBits, weights: weights, backOff: countBackOff)
        }
        return DiscreteGateNetwork(contextLength: contextLength, embeddingBits: embeddingBits, embedding: embedding,
                                   layers: layers, classBytes: classes, groupSize: groupSize, hashedTables: tables, countROM: countROM)
    }
}
