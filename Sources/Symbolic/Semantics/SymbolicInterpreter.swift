/// The reference interpreter: every position's stored labels after every layer, computed once
/// for a whole text left to right, exactly as the semantics in the README say.
///
/// Positions before the text, and bytes 0x00 (which the window circuit cannot tell from
/// padding), are padding: they hold `bos` alone at every layer (no component runs there). Within a layer every component reads the snapshot of the layer before; rules
/// also read the layer's shift and head outputs; additions and deletions are applied at the end
/// (deletion wins).
public struct SymbolicInterpreter: Sendable {
    public let program: SymbolicProgram
    public let universe: LabelUniverse
    let layers: [CompiledLayer]
    /// Prediction labels in priority order and the mask that makes each hold.
    public let predictionLabels: [Label]
    let predictionMasks: [LabelMask]

    /// Why a program cannot be interpreted: the checker's errors.
    public struct InvalidProgram: Error, CustomStringConvertible {
        public var diagnostics: [SymbolicProgram.Diagnostic]
        public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
    }

    public init(_ program: SymbolicProgram) throws(InvalidProgram) {
        let errors = program.check().filter { $0.severity == .error }
        guard errors.isEmpty else { throw InvalidProgram(diagnostics: errors) }
        self.program = program
        let universe = LabelUniverse(program)
        self.universe = universe
        let groupings = program.groupingDefinitions
        layers = program.layers.map { CompiledLayer($0, universe: universe, groupings: groupings) }
        var labels = [Label](), seen = Set<Label>()
        for case .order(let order) in program.unembed.compactMap(\.statement) {
            for pattern in order {
                let expanded: [Label]
                switch pattern {
                case .label(let l): expanded = [l]
                default: expanded = universe.numbers(of: pattern).map { universe.labels[$0] }
                }
                for l in expanded where seen.insert(l).inserted { labels.append(l) }
            }
        }
        predictionLabels = labels
        predictionMasks = labels.map { universe.mask(of: $0) }
    }

    /// The window the program reads: L·S + 1 bytes.
    public var windowLength: Int { program.windowLength }

    /// Every layer's labels at every position of `text`.
    public func run(_ text: [UInt8]) -> LabelTrace {
        let n = text.count, words = universe.words
        var trace = LabelTrace(count: n, words: words, layers: [])
        var previous = [UInt64](repeating: 0, count: n * words)
        for (i, byte) in text.enumerated() {
            let label = byte == 0 ? LabelUniverse.bosNumber : Int(byte)
            previous[i * words + label / 64] |= 1 << UInt64(label % 64)
        }
        trace.layers.append(previous)
        for layer in layers {
            previous = layer.apply(to: previous, text: text, words: words)
            trace.layers.append(previous)
        }
        return trace
    }

    /// The winner (an index into `predictionLabels`, or `predictionLabels.count` for the unigram)
    /// of the prediction of every byte of the text: target t is predicted from position t − 1.
    public func winners(_ trace: LabelTrace) -> [Int32] {
        let words = trace.words, last = trace.layers[trace.layers.count - 1]
        let bos = LabelTrace.bosWords(words)
        return (0..<trace.count).map { t in
            let labels: ArraySlice<UInt64> = t == 0 ? bos[...] : last[(t - 1) * words ..< t * words]
            for (k, mask) in predictionMasks.enumerated() where mask.intersects(labels) { return Int32(k) }
            return Int32(predictionMasks.count)
        }
    }
}


/// Every layer's stored labels at every position (layer 0: the bytes).
public struct LabelTrace: Sendable {
    public let count: Int
    public let words: Int
    /// layers[ℓ][i·words …]: position i after layer ℓ.
    public var layers: [[UInt64]]

    /// The labels of padding (`bos` alone) as `words` words of bits.
    static func bosWords(_ words: Int) -> [UInt64] {
        var bos = [UInt64](repeating: 0, count: words)
        bos[LabelUniverse.bosNumber >> 6] |= 1 << UInt64(LabelUniverse.bosNumber & 63)
        return bos
    }

    /// The stored labels (numbers) of position `i` after layer `layer`.
    public func labelNumbers(at i: Int, afterLayer layer: Int) -> [Int] {
        var out = [Int]()
        for w in 0..<words {
            let word = layers[layer][i * words + w]
            for b in 0..<64 where word >> UInt64(b) & 1 == 1 { out.append(w * 64 + b) }
        }
        return out
    }
}
