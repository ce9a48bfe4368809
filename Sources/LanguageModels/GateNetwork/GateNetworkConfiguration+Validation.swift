/// The allowed range of every configuration field: one source of truth for
/// the checkpoint loader (which names the field) and for `gatelm train`'s
/// options (which name the option).
extension GateNetworkConfiguration {
    public enum Limits {
        /// W, bytes of context.
        public static let contextLength = 1...1024
        /// E, embedding bits per byte (a discrete embedding row is one 64-bit word).
        public static let embeddingBits = 1...64
        /// Number of hidden gate layers.
        public static let hiddenLayers = 1...32
        /// Gates in one hidden layer.
        public static let hiddenWidth = 1...(1 << 24)
        /// k, gates per class in the last layer.
        public static let groupSize = 1...65_536
        /// Gates in all layers together.
        public static let totalGates = 1...(1 << 27)
        /// τ, the GroupSum temperature.
        public static let temperature: ClosedRange<Float> = 1e-3...1e6
        /// Hashed-context tables (each reads a distinct order in 1...W).
        public static let hashedTables = 0...16
        /// Hash bits of a table (2^bits rows).
        public static let hashedRowBits = 1...20
        /// Count ROM tables (each reads a distinct order in 1...W).
        public static let countTables = 0...8
        /// Row bits of a count table.
        public static let countRowBits = 4...20
        /// Classes per count-table row.
        public static let countSlots = 1...4
        /// Bits of a count ROM mixing weight.
        public static let countWeightBits = 1...8
        /// The pass-through gate's initial logit.
        public static let passThroughLogit: ClosedRange<Float> = -100...100
    }

    /// A field outside its range, or fields that disagree.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        /// The field (`contextLength`, …) or tensor at fault.
        public var field: String
        public var reason: String
        public var description: String { "\(field): \(reason)" }
    }

    /// Throws the first field outside its range (every field, then the total size for `classCount` classes).
    public func validate(classCount: Int) throws(Invalid) {
        try Self.check(contextLength, Limits.contextLength, "contextLength")
        try Self.check(embeddingBits, Limits.embeddingBits, "embeddingBits")
        try Self.check(hiddenWidths.count, Limits.hiddenLayers, "hiddenWidths (number of layers)")
        for (i, width) in hiddenWidths.enumerated() { try Self.check(width, Limits.hiddenWidth, "hiddenWidths[\(i)]") }
        try Self.check(groupSize, Limits.groupSize, "groupSize")
        if let temperature { try Self.check(temperature, Limits.temperature, "temperature") }
        guard epsilon > 0 && epsilon < 1 else { throw Invalid(field: "epsilon", reason: "must be in (0, 1) exclusive; got \(epsilon)") }
        try Self.check(passThroughLogit, Limits.passThroughLogit, "passThroughLogit")
        try Self.check(hashedOrders.count, Limits.hashedTables, "hashedOrders (number of tables)")
        for (i, order) in hashedOrders.enumerated() { try Self.check(order, 1...contextLength, "hashedOrders[\(i)]") }
        guard Set(hashedOrders).count == hashedOrders.count else {
            throw Invalid(field: "hashedOrders", reason: "must not repeat an order; got \(hashedOrders)")
        }
        try Self.check(hashedRowBits, Limits.hashedRowBits, "hashedRowBits")
        try Self.check(countOrders.count, Limits.countTables, "countOrders (number of tables)")
        for (i, order) in countOrders.enumerated() { try Self.check(order, 1...contextLength, "countOrders[\(i)]") }
        guard Set(countOrders).count == countOrders.count else {
            throw Invalid(field: "countOrders", reason: "must not repeat an order; got \(countOrders)")
        }
        try Self.check(countRowBits, Limits.countRowBits, "countRowBits")
        try Self.check(countSlots, Limits.countSlots, "countSlots")
        try Self.check(countWeightBits, Limits.countWeightBits, "countWeightBits")
        guard classCount >= 1 && classCount <= 256 else {
            throw Invalid(field: "vocabulary", reason: "must hold 1...256 byte values; got \(classCount)")
        }
        let total = hiddenWidths.reduce(classCount * groupSize, +)
        try Self.check(total, Limits.totalGates, "hiddenWidths and groupSize (gates in all layers)")
    }

    static func check<T: Comparable>(_ value: T, _ range: ClosedRange<T>, _ field: String) throws(Invalid) {
        guard range.contains(value) else {
            throw Invalid(field: field, reason: "must be in \(range.lowerBound)...\(range.upperBound); got \(value)")
        }
    }

    /// Floating-point fields must also be finite (NaN is in no range, but says so).
    static func check(_ value: Float, _ range: ClosedRange<Float>, _ field: String) throws(Invalid) {
        guard value.isFinite else { throw Invalid(field: field, reason: "must be a finite number; got \(value)") }
        guard range.contains(value) else {
            throw Invalid(field: field, reason: "must be in \(range.lowerBound)...\(range.upperBound); got \(value)")
        }
    }
}
