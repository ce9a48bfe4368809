/// A trained logic-gate network language model after discretisation: every
/// learned mechanism is boolean. It is the specification that the compiled
/// AIG and the emitted C must match bit for bit.
///
/// Context convention (as `Text.ContextWindow`): a context is `contextLength`
/// bytes, oldest first: slot `j` holds `text[t − W + j]`, so slot `W − 1` is
/// the most recent byte (`ctx[-1]` in the circuit). Unit `j·E + e` of the
/// first layer is embedding bit `e` of slot `j`; after the W·E embedding units
/// come the hashed-context tables' rows, E units each: unit `(W + t)·E + e` is
/// bit `e` of table t's row at the hash of the context's last `order` bytes.
public struct DiscreteGateNetwork: Sendable, Hashable, Codable {
    /// W: bytes of context.
    public var contextLength: Int
    /// E: embedding bits per byte (at most 64).
    public var embeddingBits: Int
    /// The embedding of each byte value: bit `e` of `embedding[byte]`.
    public var embedding: [UInt64]
    /// Learned tables indexed by hashes of the most recent bytes (memory of specific contexts).
    public var hashedTables: [DiscreteHashedTable]
    /// Gate layers, first to last.
    public var layers: [DiscreteGateLayer]
    /// The byte of each output class, in class order.
    public var classBytes: [UInt8]
    /// k: gates of the last layer per class (class c owns gates c·k ..< (c+1)·k).
    public var groupSize: Int
    /// Counted n-gram statistics added to the class scores (the hybrid family), or nil.
    public var countROM: CountROM?

    public init(contextLength: Int, embeddingBits: Int, embedding: [UInt64], layers: [DiscreteGateLayer],
                classBytes: [UInt8], groupSize: Int, hashedTables: [DiscreteHashedTable] = [], countROM: CountROM? = nil) {
        precondition(embedding.count == 256, "the embedding has one entry per byte value")
        precondition(embeddingBits >= 1 && embeddingBits <= 64, "embedding bits must be in 1...64")
        precondition(!layers.isEmpty, "a gate network has at least one layer")
        precondition(layers[0].inputCount == (contextLength + hashedTables.count) * embeddingBits, "first layer reads (W + tables)·E units")
        precondition(hashedTables.allSatisfy { $0.hash.order <= contextLength }, "a hashed table reads at most the context's W bytes")
        precondition(hashedTables.allSatisfy { $0.rows.allSatisfy { embeddingBits == 64 || $0 >> UInt64(embeddingBits) == 0 } },
                     "a hashed table's rows have E bits")
        for (previous, next) in zip(layers, layers.dropFirst()) {
            precondition(next.inputCount == previous.gateCount, "layer widths do not chain")
        }
        precondition(layers.last!.gateCount == classBytes.count * groupSize, "last layer is classes × group size")
        if let countROM {
            precondition(countROM.tables.allSatisfy { $0.hash.order <= contextLength }, "a count table reads at most the context's W bytes")
            precondition(countROM.tables.allSatisfy { $0.entries.allSatisfy { CountTable.unpack($0).classIndex < classBytes.count } },
                         "a count table's classes are the model's")
        }
        self.contextLength = contextLength
        self.embeddingBits = embeddingBits
        self.embedding = embedding
        self.layers = layers
        self.hashedTables = hashedTables
        self.classBytes = classBytes
        self.groupSize = groupSize
        self.countROM = countROM
    }

    public var classCount: Int { classBytes.count }
    /// Units the first gate layer reads: the W·E embedding bits, then E per hashed table.
    public var inputUnitCount: Int { (contextLength + hashedTables.count) * embeddingBits }
    /// Learned gates in all layers.
    public var gateCount: Int { layers.reduce(0) { $0 + $1.gateCount } }
}

/// One layer of two-input gates with fixed wiring.
public struct DiscreteGateLayer: Sendable, Hashable, Codable {
    /// Units of the previous layer (or of the embedding).
    public var inputCount: Int
    /// First and second input unit of each gate.
    public var inputA: [UInt32]
    public var inputB: [UInt32]
    /// The function of each gate (difflogic index, see `BooleanFunction2`).
    public var functions: [UInt8]

    public init(inputCount: Int, inputA: [UInt32], inputB: [UInt32], functions: [UInt8]) {
        precondition(inputA.count == functions.count && inputB.count == functions.count, "one wiring pair per gate")
        precondition(inputA.allSatisfy { Int($0) < inputCount } && inputB.allSatisfy { Int($0) < inputCount },
                     "wiring refers to a unit beyond the layer's \(inputCount) inputs")
        precondition(functions.allSatisfy { $0 < 16 }, "gate functions are 0...15")
        self.inputCount = inputCount
        self.inputA = inputA
        self.inputB = inputB
        self.functions = functions
    }

    public var gateCount: Int { functions.count }
}
