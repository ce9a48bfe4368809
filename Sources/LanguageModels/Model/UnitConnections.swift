/// The input-invariant wiring of one k-bit unit: its nonzero ternary weights from what it reads
/// (byte-code values `code[-p][e]`, table-row values `row[o][e]`, earlier units `L1.u5`) and to
/// what reads it (later units, or the classes it votes for and against). What `gatelm features`
/// lists beside each unit's activations; a family with units provides it
/// (`FamilyModel.unitConnections`).
public struct UnitConnections: Sendable, Encodable, Hashable {
    /// One weighted edge: the other end's name and the ternary weight (+1 or −1).
    public struct Edge: Sendable, Encodable, Hashable {
        public var node: String
        public var weight: Int
        public init(node: String, weight: Int) {
            self.node = node
            self.weight = weight
        }
    }

    /// `L1.u17`.
    public var unit: String
    /// Its nonzero input weights, in input order.
    public var inputs: [Edge]
    /// Its nonzero weights into the next layer's units, in their order (empty for the last layer).
    public var outputs: [Edge]
    /// The bytes of the classes it votes for (+1) and against (−1), for a unit of the last layer.
    public var promotes: [Int]
    public var demotes: [Int]

    public init(unit: String, inputs: [Edge], outputs: [Edge], promotes: [Int], demotes: [Int]) {
        self.unit = unit
        self.inputs = inputs
        self.outputs = outputs
        self.promotes = promotes
        self.demotes = demotes
    }
}
