/// The shape and initialisation of a logic-gate network language model.
public struct GateNetworkConfiguration: Codable, Sendable, Hashable {
    /// W: bytes of context.
    public var contextLength = 8
    /// E: learned embedding bits per byte.
    public var embeddingBits = 8
    /// Widths of the gate layers before the last one (the last has `classes × groupSize` gates).
    public var hiddenWidths = [4096, 4096, 4096]
    /// k: gates per output class in the last layer.
    public var groupSize = 32
    /// GroupSum temperature τ; nil for √k.
    public var temperature: Float?
    /// Uniform probability mass ε spread over all 256 bytes.
    public var epsilon: Float = 1e-3
    /// Initial logit of the pass-through function (residual initialisation).
    public var passThroughLogit: Float = 5
    /// How the gate layers are wired.
    public var wiring = Wiring.recency
    /// Seed of the wiring and the initial parameters.
    public var seed: UInt64 = 1

    public init() {}

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
    }
}
