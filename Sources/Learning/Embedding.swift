import GateLMSupport
import Foundation

/// A learned table of bits: each row has E bits, real-valued sigmoid(θ) while
/// training and θ > 0 once discretised. The byte embedding has 256 rows, one per
/// byte value; a hashed-context table has 2^k rows, one per hash value.
///
/// A context of W bytes becomes W·E input units, unit = position·E + bit,
/// stored unit-major `[unit * batch + sample]` like every activation.
/// Contexts are sample-major bytes: `contexts[sample * W + position]`; row
/// indices in general are `rows[sample * slots + slot]`.
///
/// After any change to `logits` call `updateValues()`.
public final class Embedding {
    /// Bits per row (E); the name is the byte embedding's.
    public let bitsPerByte: Int
    /// Rows of the table (256 for the byte embedding).
    public let rowCount: Int
    /// θ, `[row * bitsPerByte + bit]`.
    public let logits: AlignedBuffer<Float>
    /// ∂loss/∂θ, written by `backward`.
    public let logitGradient: AlignedBuffer<Float>
    /// sigmoid(θ) as of the last `updateValues()`.
    public let values: AlignedBuffer<Float>
    let partialValueGradients: SlicePartialSums

    /// An embedding with the given logits `[256 × bitsPerByte]`.
    public convenience init(bitsPerByte: Int, logits: [Float]) {
        self.init(rows: 256, bitsPerRow: bitsPerByte, logits: logits)
    }

    /// A table of `rows` rows with the given logits `[rows × bitsPerRow]`.
    public init(rows: Int, bitsPerRow: Int, logits: [Float]) {
        precondition(rows > 0 && bitsPerRow > 0 && logits.count == rows * bitsPerRow,
                     "embedding: \(rows) rows of \(bitsPerRow) bits need \(rows * bitsPerRow) logits, got \(logits.count)")
        self.bitsPerByte = bitsPerRow
        rowCount = rows
        self.logits = AlignedBuffer(logits)
        logitGradient = AlignedBuffer(count: logits.count)
        values = AlignedBuffer(count: logits.count)
        partialValueGradients = SlicePartialSums(length: logits.count)
        updateValues()
    }

    /// A fresh embedding, θ ~ N(0, 1) from `seed`.
    public convenience init(bitsPerByte: Int, seed: UInt64) {
        self.init(rows: 256, bitsPerRow: bitsPerByte, seed: seed)
    }

    /// A fresh table of `rows` rows, θ ~ N(0, 1) from `seed`.
    public convenience init(rows: Int, bitsPerRow: Int, seed: UInt64) {
        var random = SplitMix64(seed: seed)
        self.init(rows: rows, bitsPerRow: bitsPerRow, logits: (0..<rows * bitsPerRow).map { _ in random.nextNormal() })
    }

    /// Straight-through mode: the forward pass uses the discretised bits
    /// (θ > 0), the backward pass the sigmoid's derivative, so training sees
    /// exactly what the boolean model will compute.
    public var straightThrough = false

    /// Recomputes `values`: sigmoid(`logits`), or the bits θ > 0 when `straightThrough`.
    public func updateValues() {
        if straightThrough {
            for i in 0..<logits.count { values[i] = logits[i] > 0 ? 1 : 0 }
        } else {
            for i in 0..<logits.count { values[i] = Self.sigmoid(logits[i]) }
        }
    }

    @inline(__always) static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }

    /// The number of units a context of `contextLength` bytes becomes.
    public func unitCount(contextLength: Int) -> Int { contextLength * bitsPerByte }

    /// Writes the `[contextLength·E × batch]` input activations of `contexts`
    /// (`[batch × contextLength]` bytes) to `output`.
    public func forward(
        contexts: UnsafePointer<UInt8>, contextLength: Int, batch: Int,
        output: AlignedBuffer<Float>, workers: Int = 1
    ) {
        precondition(rowCount == 256, "Embedding.forward(contexts:): a byte-indexed table has 256 rows")
        precondition(output.count >= unitCount(contextLength: contextLength) * batch,
                     "Embedding.forward: output too small for batch \(batch)")
        indexedForward(rows: contexts, slots: contextLength, batch: batch, output: output.baseAddress, workers: workers)
    }

    /// Writes the `[slots·E × batch]` activations of the rows `rows[sample * slots + slot]`
    /// (each below `rowCount`) to `output` (for example an offset into a layer's input buffer).
    public func forward(
        rows: UnsafePointer<UInt32>, slots: Int, batch: Int, output: UnsafeMutablePointer<Float>, workers: Int = 1
    ) {
        indexedForward(rows: rows, slots: slots, batch: batch, output: output, workers: workers)
    }

    private func indexedForward<Index: FixedWidthInteger & SendableMetatype>(
        rows: UnsafePointer<Index>, slots: Int, batch: Int, output: UnsafeMutablePointer<Float>, workers: Int
    ) {
        let shared = SharedWithWorkers((self, rows, output))
        BatchSlices(batch: batch).forEachWorker(workers: workers) { _, samples in
            let (embedding, rows, output) = shared.value
            let values = UnsafePointer(embedding.values.baseAddress), bits = embedding.bitsPerByte
            for sample in samples {
                for slot in 0..<slots {
                    let row = values + Int(rows[sample * slots + slot]) * bits
                    let unit = slot * bits
                    for bit in 0..<bits { output[(unit + bit) * batch + sample] = row[bit] }
                }
            }
        }
    }

    /// Writes ∂loss/∂θ to `logitGradient` (overwritten) from the gradient of the
    /// forward output, `[contextLength·E × batch]`. Bit-identical for any number of workers.
    public func backward(
        contexts: UnsafePointer<UInt8>, contextLength: Int, batch: Int,
        outputGradient: AlignedBuffer<Float>, workers: Int = 1
    ) {
        precondition(rowCount == 256, "Embedding.backward(contexts:): a byte-indexed table has 256 rows")
        precondition(outputGradient.count >= unitCount(contextLength: contextLength) * batch,
                     "Embedding.backward: gradient too small for batch \(batch)")
        indexedBackward(rows: contexts, slots: contextLength, batch: batch,
                        outputGradient: UnsafePointer(outputGradient.baseAddress), workers: workers)
    }

    /// `backward` for the rows of `forward(rows:slots:batch:output:)`, from the gradient
    /// of that output.
    public func backward(
        rows: UnsafePointer<UInt32>, slots: Int, batch: Int, outputGradient: UnsafePointer<Float>, workers: Int = 1
    ) {
        indexedBackward(rows: rows, slots: slots, batch: batch, outputGradient: outputGradient, workers: workers)
    }

    private func indexedBackward<Index: FixedWidthInteger & SendableMetatype>(
        rows: UnsafePointer<Index>, slots: Int, batch: Int, outputGradient: UnsafePointer<Float>, workers: Int
    ) {
        let slices = BatchSlices(batch: batch)
        partialValueGradients.prepare(sliceCount: slices.count)
        let shared = SharedWithWorkers((self, rows, outputGradient))
        slices.forEachWorker(workers: workers) { sliceRange, _ in
            let (embedding, rows, gradient) = shared.value
            let bits = embedding.bitsPerByte
            for slice in sliceRange {
                let partial = embedding.partialValueGradients.row(slice)
                for sample in slices.samples(of: slice) {
                    for slot in 0..<slots {
                        let row = partial + Int(rows[sample * slots + slot]) * bits
                        let unit = slot * bits
                        for bit in 0..<bits { row[bit] += gradient[(unit + bit) * batch + sample] }
                    }
                }
            }
        }
        // ∂value/∂θ = σ(θ)(1 − σ(θ)) depends only on (row, bit): apply it once to the sums.
        partialValueGradients.reduce(into: logitGradient.baseAddress)
        for i in 0..<logitGradient.count {
            let s = Self.sigmoid(logits[i])   // not `values`, which hold bits in straight-through mode
            logitGradient[i] *= s * (1 - s)
        }
    }

    /// The discretised table packed one row per word: bit e of `[row]` is θ > 0 of (row, e) (E ≤ 64).
    public func discretizedRows() -> [UInt64] {
        precondition(bitsPerByte <= 64, "a packed row holds at most 64 bits")
        let bits = discretized()
        return (0..<rowCount).map { row in
            (0..<bitsPerByte).reduce(UInt64(0)) { value, bit in bits[row * bitsPerByte + bit] ? value | 1 << UInt64(bit) : value }
        }
    }

    /// The discretised table: bit `bit` of row `row` is `[row * bitsPerByte + bit]`, θ > 0.
    public func discretized() -> [Bool] { logits.array.map { $0 > 0 } }

    /// The discretised input words of `sampleCount` contexts: `[contextLength·E × wordsPerUnit]`,
    /// sample s in bit s % 64 of word s / 64, wordsPerUnit = ⌈sampleCount / 64⌉.
    public static func discreteForward(
        bits table: [Bool], bitsPerByte: Int, contexts: [UInt8], contextLength: Int
    ) -> (words: [UInt64], wordsPerUnit: Int) {
        precondition(table.count == 256 * bitsPerByte && contexts.count % contextLength == 0,
                     "Embedding.discreteForward: table or contexts have the wrong size")
        let sampleCount = contexts.count / contextLength
        let wordsPerUnit = (sampleCount + 63) / 64
        var words = [UInt64](repeating: 0, count: contextLength * bitsPerByte * wordsPerUnit)
        for sample in 0..<sampleCount {
            for position in 0..<contextLength {
                let byte = Int(contexts[sample * contextLength + position])
                for bit in 0..<bitsPerByte where table[byte * bitsPerByte + bit] {
                    words[(position * bitsPerByte + bit) * wordsPerUnit + sample / 64] |= 1 << UInt64(sample % 64)
                }
            }
        }
        return (words, wordsPerUnit)
    }
}
