import Text

/// The shape and initialisation of a logic-gate network language model.
public struct GateNetworkConfiguration: Codable, Sendable, Hashable {
    /// W: bytes of context.
    public var contextLength = 8
    /// E: learned embedding bits per byte.
    public var embeddingBits = 16
    /// Widths of the gate layers before the last one (the last has `classes × groupSize` gates).
    public var hiddenWidths = [4096, 4096, 4096]
    /// k: gates per output class in the last layer.
    public var groupSize = 256
    /// GroupSum temperature τ; nil for √k (difflogic's choice, and what models
    /// saved without one used). New models get `recommendedTemperature(groupSize:)`.
    public var temperature: Float? = Self.recommendedTemperature(groupSize: 256)
    /// Orders (bytes hashed) of the learned hashed-context tables: each table has 2^`hashedRowBits`
    /// rows of E learned bits, selected by a linear hash of the last `order` bytes (memory of specific
    /// contexts, which a fixed window of gates does not have). Empty: no tables.
    public var hashedOrders: [Int] = [2, 3, 4, 6]
    /// Hash bits of each hashed-context table.
    public var hashedRowBits = 12
    /// Orders (bytes of context) of the count ROM's tables (the hybrid family); empty, the
    /// default: no counted statistics, every mechanism learned. See `CountROM`.
    public var countOrders: [Int] = []
    /// Row bits of a count table (orders whose 8·order context bits fit are stored exactly).
    /// 16 and 4 slots (models saved without these keys had 14 and 2): at equal wall-clock the
    /// richer ROM scored 0.12 bits/byte better (docs/experiments/2026-12-06-count-rom.md).
    public var countRowBits = 16
    /// Classes kept per count-table row.
    public var countSlots = 4
    /// Bits of a count ROM mixing weight (in score units).
    public var countWeightBits = 6
    /// Whether a class takes the count ROM's vote only from the highest order whose row holds it
    /// (back-off) instead of from every order (additive). See `CountROM.backOff`.
    public var countBackOff = false
    /// Uniform probability mass ε spread over all 256 bytes.
    public var epsilon: Float = 1e-3
    /// Initial logit of the pass-through function (residual initialisation).
    public var passThroughLogit: Float = 3
    /// How the gate layers are wired.
    public var wiring = Wiring.recency
    /// Seed of the wiring and the initial parameters.
    public var seed: UInt64 = 1

    public init() {}

    /// The hash of each hashed-context table, fixed by the seed.
    public var hashes: [ContextHash] {
        hashedOrders.map { ContextHash.seeded(order: $0, bits: hashedRowBits, seed: seed &+ 0x4A54_4142) }
    }

    /// The count orders of `--arch hybrid`: 1 to 6 bytes of context.
    public static let hybridCountOrders = [1, 2, 3, 4, 5, 6]

    /// The hash of each count table, fixed by the seed.
    public var countHashes: [ContextHash] {
        countOrders.map { CountROM.hash(order: $0, rowBits: countRowBits, seed: seed) }
    }

    /// The counts of `positions` of `text` a hybrid model is built from; nil without count orders.
    public func countStatistics(vocabulary: ByteVocabulary, text: [UInt8], positions: Range<Int>) -> CountStatistics? {
        countOrders.isEmpty ? nil : CountStatistics(hashes: countHashes, slots: countSlots, vocabulary: vocabulary,
                                                    contextLength: contextLength, text: text, positions: positions)
    }

    /// Units the first gate layer reads: W·E embedding bits, then E per hashed table.
    public var inputUnitCount: Int { (contextLength + hashedOrders.count) * embeddingBits }

    /// τ = √(k/8): the score step 1/τ shrinks as groups grow, and the range k/τ = √(8k)
    /// nats grows. Measured on tinyshakespeare (docs/experiments): τ = 1.5, 3, 4, 6 for
    /// k = 32, 64, 128, 256 trained best, against √k = 5.7 … 16, which flattened the curve.
    public static func recommendedTemperature(groupSize: Int) -> Float { (Float(groupSize) / 8).squareRoot() }

    /// Wiring schemes (all seeded and fixed during training).
    public enum Wiring: String, Codable, Sendable, CaseIterable {
        /// Every layer `GateWiring.residual`: gate g's first input is unit g mod n.
        case uniform
        /// The first layer `GateWiring.recencyWeighted` (more gates on recent
        /// bytes), later layers `GateWiring.shuffled` (each GroupSum class
        /// starts as copies of units spread over the previous layer).
        case recency
    }
}

extension GateNetworkConfiguration {
    private enum CodingKeys: String, CodingKey {
        case contextLength, embeddingBits, hiddenWidths, groupSize, temperature, epsilon, passThroughLogit, wiring, seed
        case hashedOrders, hashedRowBits, countOrders, countRowBits, countSlots, countWeightBits, countBackOff
    }

    /// Decodes a configuration; keys added after the first version take their defaults when absent.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        contextLength = try c.decode(Int.self, forKey: .contextLength)
        embeddingBits = try c.decode(Int.self, forKey: .embeddingBits)
        hiddenWidths = try c.decode([Int].self, forKey: .hiddenWidths)
        groupSize = try c.decode(Int.self, forKey: .groupSize)
        temperature = try c.decodeIfPresent(Float.self, forKey: .temperature)
        epsilon = try c.decode(Float.self, forKey: .epsilon)
        passThroughLogit = try c.decode(Float.self, forKey: .passThroughLogit)
        wiring = try c.decodeIfPresent(Wiring.self, forKey: .wiring) ?? .uniform
        seed = try c.decode(UInt64.self, forKey: .seed)
        hashedOrders = try c.decodeIfPresent([Int].self, forKey: .hashedOrders) ?? []
        hashedRowBits = try c.decodeIfPresent(Int.self, forKey: .hashedRowBits) ?? 12
        countOrders = try c.decodeIfPresent([Int].self, forKey: .countOrders) ?? []
        countRowBits = try c.decodeIfPresent(Int.self, forKey: .countRowBits) ?? 14
        countSlots = try c.decodeIfPresent(Int.self, forKey: .countSlots) ?? 2
        countWeightBits = try c.decodeIfPresent(Int.self, forKey: .countWeightBits) ?? 6
        countBackOff = try c.decodeIfPresent(Bool.self, forKey: .countBackOff) ?? false
    }
}
