/// Which rules fired where: the fire planes the fast interpreter computes, read at the positions
/// that predict the targets.
extension SymbolicInterpreter {
    /// The program's rules in order (layer by layer, as written), by name: the order of
    /// `ruleFirings(predictingRuns:in:)`.
    public var ruleNames: [String] {
        program.layers.flatMap { layer in
            layer.items.compactMap { item -> String? in
                if case .statement(.rule(let rule), _) = item { rule.name } else { nil }
            }
        }
    }

    /// For each rule (`ruleNames` order), the indices into the runs' targets, concatenated in
    /// order, whose predicting position (the byte before the target) it fired at, ascending.
    /// A rule fires where Σ w·[literal] ≥ θ and no veto holds, on its layer's snapshot with the
    /// layer's shift and head outputs; never at padding.
    public func ruleFirings(predictingRuns runs: [Range<Int>], in text: [UInt8]) -> [[Int]] {
        for run in runs { precondition(run.lowerBound >= 0 && run.upperBound <= text.count, "targets outside the text") }
        let piece = Piece(runs: runs, text: text, windowLength: windowLength)
        guard !piece.bytes.isEmpty else { return ruleNames.map { _ in [] } }
        let algebra = PositionBits(count: piece.bytes.count)
        let (bytes, pad) = piece.bytes.withUnsafeBufferPointer { (algebra.bytePlanes(of: $0), algebra.plane(of: $0) { $0 == 0 }) }
        var evaluator = PlaneEvaluator(algebra: algebra, universe: universe, layers: layers, bytes: bytes, pad: pad)
        evaluator.recordedFires = []
        _ = evaluator.run()
        return evaluator.recordedFires!.map { fire in
            guard let words = fire?.words else { return [] }
            return piece.reads.indices.filter { k in words[piece.reads[k] >> 6] >> UInt64(piece.reads[k] & 63) & 1 == 1 }
        }
    }
}
