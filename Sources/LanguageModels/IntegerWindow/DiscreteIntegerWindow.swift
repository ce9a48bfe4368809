import Learning
import Text

/// The integer form of an integer window language model: every value a k-bit level
/// j ∈ 0…L (L = 2ᵏ − 1), every product ternary, every activation a thermometer of comparators.
///
/// - Inputs: each of the W context bytes reads its code (`code`, E levels per byte value), each
///   hashed table the row its hash of the last `order` bytes picks (E levels per row).
/// - Each unit of a hidden layer: S = Σ wᵢ·jᵢ over its inputs' levels (ternary wᵢ: an adder
///   tree), its level #{m : S ≥ θₘ}, m = 1 … L (increasing thresholds: comparators read as a
///   thermometer).
/// - Class c's score: Σ R_cu·j_u over the last layer, minus its least value (L per −1 weight),
///   plus offset_c ≥ 0: an unsigned integer; p = softmax(score/τ), τ = L/s.
public struct DiscreteIntegerWindow: Sendable, Hashable {
    /// One unit: its ternary weights (the gain's sign folded in) and its L increasing thresholds.
    public struct Unit: Sendable, Hashable {
        public var weights: [Int8]
        public var thresholds: [Int32]
        public init(weights: [Int8], thresholds: [Int32]) {
            self.weights = weights
            self.thresholds = thresholds
        }
    }

    /// A hashed table: the hash of the last `hash.order` bytes picks a row of E levels.
    public struct Table: Sendable, Hashable {
        public var hash: ContextHash
        /// `levels[r·E + e]`.
        public var levels: [UInt8]
        public init(hash: ContextHash, levels: [UInt8]) {
            self.hash = hash
            self.levels = levels
        }
    }

    /// Why a model's fields do not form a valid integer model.
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    public let contextLength: Int
    public let codeWidth: Int
    /// k: bits of every level.
    public let activationBits: Int
    /// `code[x·E + e]`: level e of byte x.
    public let code: [UInt8]
    public let tables: [Table]
    /// The hidden layers, first to last.
    public let layers: [[Unit]]
    /// `readout[c·U + u]` ∈ {−1, 0, +1} over the last layer's U units.
    public let readout: [Int8]
    /// offset_c ≥ 0 of each class's score.
    public let offsets: [Int32]
    public let classBytes: [UInt8]

    public var largestLevel: Int { (1 << activationBits) - 1 }
    public var classCount: Int { classBytes.count }
    /// Inputs of the first layer: (W + tables)·E.
    public var inputWidth: Int { (contextLength + tables.count) * codeWidth }
    public var unitCount: Int { layers.reduce(0) { $0 + $1.count } }

    public init(contextLength: Int, codeWidth: Int, activationBits: Int, code: [UInt8], tables: [Table], layers: [[Unit]],
                readout: [Int8], offsets: [Int32], classBytes: [UInt8]) throws(Invalid) {
        let L = (1 << activationBits) - 1
        guard (1...4).contains(activationBits) else { throw Invalid(description: "activation bits \(activationBits) outside 1...4") }
        guard contextLength >= 1, codeWidth >= 1, code.count == 256 * codeWidth, code.allSatisfy({ Int($0) <= L }) else {
            throw Invalid(description: "the byte code needs 256 × \(codeWidth) levels in 0...\(L)")
        }
        for (t, table) in tables.enumerated() {
            guard table.hash.order <= contextLength, table.levels.count == (1 << table.hash.bits) * codeWidth,
                  table.levels.allSatisfy({ Int($0) <= L }) else {
                throw Invalid(description: "table \(t) needs an order ≤ \(contextLength) and 2^\(table.hash.bits) × \(codeWidth) levels in 0...\(L)")
            }
        }
        guard !layers.isEmpty, layers.allSatisfy({ !$0.isEmpty }) else { throw Invalid(description: "at least one layer of at least one unit") }
        var inputs = (contextLength + tables.count) * codeWidth
        for (l, layer) in layers.enumerated() {
            for (u, unit) in layer.enumerated() {
                guard unit.weights.count == inputs, unit.weights.allSatisfy({ (-1...1).contains($0) }), unit.thresholds.count == L,
                      zip(unit.thresholds, unit.thresholds.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                    throw Invalid(description: "layer \(l + 1) unit \(u): \(inputs) ternary weights and \(L) increasing thresholds expected")
                }
            }
            inputs = layer.count
        }
        guard !classBytes.isEmpty, readout.count == classBytes.count * inputs, readout.allSatisfy({ (-1...1).contains($0) }),
              offsets.count == classBytes.count, offsets.allSatisfy({ $0 >= 0 }) else {
            throw Invalid(description: "the readout needs \(classBytes.count) × \(inputs) ternary weights and a non-negative offset per class")
        }
        self.contextLength = contextLength
        self.codeWidth = codeWidth
        self.activationBits = activationBits
        self.code = code
        self.tables = tables
        self.layers = layers
        self.readout = readout
        self.offsets = offsets
        self.classBytes = classBytes
    }

    /// The amount added to class c's Σ R·j so that it is never negative: L per −1 weight.
    public func readoutShift(class c: Int) -> Int {
        let u = layers.last!.count
        return readout[c * u ..< (c + 1) * u].reduce(0) { $0 + ($1 < 0 ? largestLevel : 0) }
    }
}

extension DiscreteIntegerWindow {
    /// Integer class scores for `count` contexts stored back to back in `contexts` (W bytes
    /// each, oldest first), context-major. Every sum is an integer far below 2²⁴, so the
    /// products run exactly as single-precision matrix products.
    public func scores(contexts: [UInt8], count: Int) -> [Int32] {
        precondition(contexts.count == count * contextLength, "expected \(count) contexts of \(contextLength) bytes")
        guard count > 0 else { return [] }
        let E = codeWidth, W = contextLength, I = inputWidth
        var x = [Float](repeating: 0, count: count * I)
        var hashRows = [UInt32](repeating: 0, count: count)
        for s in 0..<count {
            for p in 0..<W {
                let byte = Int(contexts[s * W + p])
                for e in 0..<E { x[s * I + p * E + e] = Float(code[byte * E + e]) }
            }
        }
        for (t, table) in tables.enumerated() {
            table.hash.rows(of: contexts, count: count, contextLength: W, rowTable: table.hash.rowTable, into: &hashRows)
            for s in 0..<count {
                let row = Int(hashRows[s])
                for e in 0..<E { x[s * I + (W + t) * E + e] = Float(table.levels[row * E + e]) }
            }
        }
        var input = x, inputs = I
        for layer in layers {
            let U = layer.count
            let weights = layer.flatMap { $0.weights.map(Float.init) }
            var sums = [Float](repeating: 0, count: count * U)
            Self.multiply(input, weights, into: &sums, m: count, n: U, k: inputs)
            for s in 0..<count {
                for (u, unit) in layer.enumerated() {
                    let sum = Int32(sums[s * U + u])
                    var level: Float = 0
                    for threshold in unit.thresholds where sum >= threshold { level += 1 }
                    sums[s * U + u] = level
                }
            }
            input = sums
            inputs = U
        }
        let C = classCount
        var raw = [Float](repeating: 0, count: count * C)
        Self.multiply(input, readout.map(Float.init), into: &raw, m: count, n: C, k: inputs)
        let constants = (0..<C).map { Int32(readoutShift(class: $0)) + offsets[$0] }
        return (0..<count * C).map { Int32(raw[$0]) + constants[$0 % C] }
    }

    /// C[m×n] = A[m×k]·B[n×k]ᵀ.
    private static func multiply(_ a: [Float], _ b: [Float], into c: inout [Float], m: Int, n: Int, k: Int) {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    DenseProduct.multiply(a.baseAddress!, b.baseAddress!, transposeB: true, into: c.baseAddress!, m: m, n: n, k: k)
                }
            }
        }
    }

    /// The scores of `positions` of `text` (position-major), each from its window of the last W bytes.
    public func scores(of positions: Range<Int>, in text: [UInt8]) -> [Int32] {
        var contexts = [UInt8](repeating: 0, count: positions.count * contextLength)
        text.withUnsafeBufferPointer { bytes in
            contexts.withUnsafeMutableBufferPointer { ContextWindow(width: contextLength).fill($0, for: positions, in: bytes) }
        }
        var scores = [Int32]()
        scores.reserveCapacity(positions.count * classCount)
        // In chunks, so the float activations stay small whatever the range.
        for start in stride(from: positions.lowerBound, to: positions.upperBound, by: 4096) {
            let end = min(start + 4096, positions.upperBound)
            let slice = Array(contexts[(start - positions.lowerBound) * contextLength ..< (end - positions.lowerBound) * contextLength])
            scores += self.scores(contexts: slice, count: end - start)
        }
        return scores
    }

    /// Mean bits per byte at `positions` of `text`, p = softmax(score/τ) mixed with ε (the circuit's scoring).
    public func bitsPerByte(on text: [UInt8], positions: Range<Int>, readout: ReadoutParameters) -> Double {
        let scores = self.scores(of: positions, in: text)
        var total = BitsPerByte()
        total.add(positions: positions, of: text, scores: scores, divisor: readout.temperature, vocabulary: ByteVocabulary(bytes: classBytes),
                  epsilon: readout.epsilon)
        return total.mean
    }
}
