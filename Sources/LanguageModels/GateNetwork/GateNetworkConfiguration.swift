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
    /// Seed of the wiring and the initial parameters.
    public var seed: UInt64 = 1

    public init() {}
}
