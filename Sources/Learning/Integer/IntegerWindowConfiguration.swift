/// The shape and training recipe of an integer window language model (`IntegerWindowNetwork`).
public struct IntegerWindowConfiguration: Codable, Sendable, Hashable {
    /// W: bytes of context (the circuit's inputs are the last W bytes).
    public var contextLength = 8
    /// E: values per byte code and per hashed-table row.
    public var codeWidth = 16
    /// Orders (bytes of context) of the learned hashed tables, each at most W.
    public var hashedOrders = [2, 3, 4, 6]
    /// Hash bits of each table: 2^bits rows of E k-bit values.
    public var hashedRowBits = 12
    /// Units of each hidden layer (one or two layers).
    public var hiddenWidths = [512]
    /// k: bits of every activation (the code and table values, the hidden units), 1...4. The
    /// default, 4, trained best of k = 1…4 at equal wall-clock on tinyshakespeare and on fortunes
    /// (docs/experiments/2026-12-06-integer-window.md).
    public var activationBits = 4
    /// TWN's Δ factor of the ternary weights (larger: sparser).
    public var deltaFactor: Float = 0.7
    /// How far past the quantiser's range (−½ … L + ½) its gradient still passes (straight through).
    public var surrogateWidth: Float = 0.5
    /// The initial gain of every unit's normalised pre-activation.
    public var initialGain: Float = 1
    /// Dropout of the hidden units while training (inverted; the circuit drops nothing).
    public var dropout: Float = 0.1
    /// Dropout of whole hashed-table rows while training: a sample sees a table's row as zero with this probability.
    public var tableDropout: Float = 0.1
    /// Decoupled weight decay of the table rows per step (λ of AdamW, applied to the tables only).
    public var tableWeightDecay: Float = 0.01
    /// Contexts per minibatch.
    public var batchSize = 512
    /// ε of the circuit's readout: q = (1 − ε)·softmax + ε/256.
    public var epsilon: Float = 1e-3
    public var seed: UInt64 = 1

    public init() {}

    /// L = 2ᵏ − 1: the largest level of a k-bit activation.
    public var largestLevel: Int { (1 << activationBits) - 1 }
    /// Inputs of the first layer: (W + tables)·E values.
    public var inputWidth: Int { (contextLength + hashedOrders.count) * codeWidth }

    /// The allowed range of every field (for the checkpoint loader and `gatelm train`).
    public enum Limits {
        public static let contextLength = 1...32
        public static let codeWidth = 1...256
        public static let hashedTables = 0...8
        public static let hashedRowBits = 1...20
        public static let hiddenLayers = 1...2
        public static let hiddenWidth = 1...8192
        public static let activationBits = 1...4
        public static let deltaFactor: ClosedRange<Float> = 0...4
        public static let surrogateWidth: ClosedRange<Float> = 0...100
        public static let initialGain: ClosedRange<Float> = 0.01...100
        public static let dropout: ClosedRange<Float> = 0...0.9
        public static let tableWeightDecay: ClosedRange<Float> = 0...10
        public static let batchSize = 1...65_536
    }

    /// A field outside its range.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var field: String
        public var reason: String
        public var description: String { "\(field): \(reason)" }
    }

    /// Throws the first field outside its range.
    public func validate() throws(Invalid) {
        func check<T: Comparable>(_ value: T, _ range: ClosedRange<T>, _ field: String) throws(Invalid) {
            guard range.contains(value) else { throw Invalid(field: field, reason: "must be in \(range.lowerBound)...\(range.upperBound); got \(value)") }
        }
        try check(contextLength, Limits.contextLength, "contextLength")
        try check(codeWidth, Limits.codeWidth, "codeWidth")
        try check(hashedOrders.count, Limits.hashedTables, "hashedOrders.count")
        for (i, order) in hashedOrders.enumerated() { try check(order, 1...contextLength, "hashedOrders[\(i)]") }
        guard Set(hashedOrders).count == hashedOrders.count else { throw Invalid(field: "hashedOrders", reason: "orders must be distinct; got \(hashedOrders)") }
        try check(hashedRowBits, Limits.hashedRowBits, "hashedRowBits")
        try check(hiddenWidths.count, Limits.hiddenLayers, "hiddenWidths.count")
        for (i, width) in hiddenWidths.enumerated() { try check(width, Limits.hiddenWidth, "hiddenWidths[\(i)]") }
        try check(activationBits, Limits.activationBits, "activationBits")
        for (name, value, range) in [("deltaFactor", deltaFactor, Limits.deltaFactor), ("surrogateWidth", surrogateWidth, Limits.surrogateWidth),
                                     ("initialGain", initialGain, Limits.initialGain), ("dropout", dropout, Limits.dropout),
                                     ("tableDropout", tableDropout, Limits.dropout), ("tableWeightDecay", tableWeightDecay, Limits.tableWeightDecay)] {
            guard value.isFinite else { throw Invalid(field: name, reason: "must be a finite number; got \(value)") }
            try check(value, range, name)
        }
        try check(batchSize, Limits.batchSize, "batchSize")
        guard epsilon.isFinite && epsilon > 0 && epsilon < 1 else { throw Invalid(field: "epsilon", reason: "must be in (0, 1) exclusive; got \(epsilon)") }
    }
}
