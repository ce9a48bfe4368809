import Circuits
import LanguageModels

/// `gatelm contrast`: discrete-code circuit identification (as O'Neill & Bui
/// do with SAE codes), made exact. Given prompts where a behaviour happens
/// and prompts where it does not, nodes are ranked by how well one of their
/// values separates the two sides (single nodes, then pairs of the best);
/// each top candidate is then forced to its other value on the positives,
/// an exact ablation, to tell causes from correlates.
///
/// The behaviour is "the model predicts TARGET after the prompt"; TARGET
/// defaults to the commonest prediction on the positives.
public struct Contrast: Codable, Sendable {
    public struct Candidate: Codable, Sendable {
        /// Node names; two for a pair (both values must hold).
        public var nodes: [String]
        /// The value(s) that mark the positives.
        public var values: [Bool]
        /// Share of positives and of negatives with those values.
        public var positiveRate: Double
        public var negativeRate: Double
        /// positive_rate − negative_rate.
        public var separation: Double
        /// Whether the values occur on one side only.
        public var exclusive: Bool
        /// For ablated candidates: the share of positives that lose the behaviour when the (first) node is forced to its other value.
        public var necessity: Double?
        /// necessity > 0: forcing the node changes the behaviour on some positives.
        public var causal: Bool?
    }

    public var target: Int
    public var positives: Int
    public var negatives: Int
    /// Positives (negatives) on which the model predicts the target.
    public var positivesWithBehaviour: Int
    public var negativesWithBehaviour: Int
    public var candidates: [Candidate]
    public var pairs: [Candidate]

    public struct ContrastError: Error, CustomStringConvertible {
        public var description: String
    }

    public init(model: CircuitLanguageModel, catalog: NodeCatalog, positives: [[UInt8]], negatives: [[UInt8]],
                target: UInt8? = nil, top: Int = 20, ablate: Int = 10) throws(ContrastError) {
        let behaviour = try ContrastBehaviour(model: model, positives: positives, negatives: negatives, target: target)
        let contexts = behaviour.contexts, count = behaviour.count
        self.target = behaviour.target
        self.positives = positives.count
        self.negatives = negatives.count
        positivesWithBehaviour = behaviour.positivesWithBehaviour
        negativesWithBehaviour = behaviour.negativesWithBehaviour
        let values = NodeValues(model, contexts: contexts, count: count)
        let p = Double(positives.count), n = Double(negatives.count)
        // Rank single nodes (one per AIG variable, inputs included).
        var singles = [(variable: Int, value: Bool, pos: Double, neg: Double)]()
        for v in 1 ..< model.aig.variableCount {
            let literal = Literal(variable: v)
            var pos = 0, neg = 0
            for i in 0..<count where values.value(literal, pattern: i) { if i < positives.count { pos += 1 } else { neg += 1 } }
            let on = (Double(pos) / p, Double(neg) / n)
            singles.append(on.0 >= on.1 ? (v, true, on.0, on.1) : (v, false, 1 - on.0, 1 - on.1))
        }
        singles.sort { ($0.pos - $0.neg, -$0.variable) > ($1.pos - $1.neg, -$1.variable) }
        let best = Array(singles.prefix(top))
        func name(_ v: Int, _ value: Bool) -> (String, Bool) {
            // The named signal may be the node's complement.
            (catalog.name(ofVariable: v), value != catalog.isComplemented(variable: v))
        }
        candidates = best.map { s in
            let (nm, value) = name(s.variable, s.value)
            return Candidate(nodes: [nm], values: [value], positiveRate: s.pos, negativeRate: s.neg, separation: s.pos - s.neg,
                             exclusive: s.pos > 0 && s.neg == 0, necessity: nil, causal: nil)
        }
        // Pairs of the best singles: both values together.
        var pairs = [Candidate]()
        let pool = Array(singles.prefix(min(32, top * 2)))
        for i in pool.indices {
            for j in (i + 1) ..< pool.count {
                var pos = 0, neg = 0
                for k in 0..<count {
                    let a = values.value(Literal(variable: pool[i].variable), pattern: k) == pool[i].value
                    let b = values.value(Literal(variable: pool[j].variable), pattern: k) == pool[j].value
                    if a && b { if k < positives.count { pos += 1 } else { neg += 1 } }
                }
                let sep = Double(pos) / p - Double(neg) / n
                guard sep > max(pool[i].pos - pool[i].neg, pool[j].pos - pool[j].neg) else { continue }
                let (na, va) = name(pool[i].variable, pool[i].value), (nb, vb) = name(pool[j].variable, pool[j].value)
                pairs.append(Candidate(nodes: [na, nb], values: [va, vb], positiveRate: Double(pos) / p, negativeRate: Double(neg) / n,
                                       separation: sep, exclusive: pos > 0 && neg == 0, necessity: nil, causal: nil))
            }
        }
        self.pairs = Array(pairs.sorted { $0.separation > $1.separation }.prefix(top))
        // Exact ablation of the top candidates on the positives.
        let inputs = behaviour.positiveInputs(model)
        for c in 0 ..< min(ablate, best.count) {
            let forced = PatchedSimulation.outputs(model.aig, inputs: inputs, variable: best[c].variable, value: !best[c].value)
            let (necessity, _) = behaviour.necessity(model: model, positiveScores: model.scores(outputs: forced))
            candidates[c].necessity = necessity
            candidates[c].causal = necessity > 0
        }
        for c in candidates.indices { candidates[c].exclusive = candidates[c].positiveRate > 0 && candidates[c].negativeRate == 0 }
    }
}

/// The behaviour a contrast questions: "the model predicts the target after the prompt", on the positives
/// and the negatives; the target defaults to the commonest prediction on the positives.
struct ContrastBehaviour {
    /// Every prompt's context (positives first), W bytes each.
    let contexts: [UInt8]
    let count: Int
    let positiveCount: Int
    let predictions: [Prediction]
    let targetClass: Int
    let target: Int

    init(model: CircuitLanguageModel, positives: [[UInt8]], negatives: [[UInt8]], target: UInt8?) throws(Contrast.ContrastError) {
        guard !positives.isEmpty, !negatives.isEmpty else { throw Contrast.ContrastError(description: "give at least one positive and one negative prompt") }
        contexts = (positives + negatives).flatMap { PromptContexts(prompt: $0, model: model).context(at: $0.count) }
        count = positives.count + negatives.count
        positiveCount = positives.count
        predictions = model.predictions(contexts: contexts, count: count)
        if let target {
            guard let c = model.classIndex(of: target) else { throw Contrast.ContrastError(description: "the model has no class for byte 0x\(hexString([target]))") }
            targetClass = c
        } else {
            var tally = [Int: Int]()
            for p in predictions.prefix(positives.count) { tally[p.topClass, default: 0] += 1 }
            targetClass = tally.max { ($0.value, -$0.key) < ($1.value, -$1.key) }!.key
        }
        self.target = Int(model.classBytes[targetClass])
    }

    var positivesWithBehaviour: Int { predictions.prefix(positiveCount).filter { $0.topClass == targetClass }.count }
    var negativesWithBehaviour: Int { predictions.suffix(count - positiveCount).filter { $0.topClass == targetClass }.count }

    /// The positives' contexts as input patterns (for an ablation).
    func positiveInputs(_ model: CircuitLanguageModel) -> PatternSet {
        model.inputPatterns(contexts: Array(contexts.prefix(positiveCount * model.contextLength)), count: positiveCount)
    }

    /// Of the positives with the behaviour, the share that lose it with these scores (the positives
    /// re-simulated under an ablation), and how many had it.
    func necessity(model: CircuitLanguageModel, positiveScores scores: [Int32]) -> (share: Double, had: Int) {
        var lost = 0, had = 0
        for k in 0..<positiveCount where predictions[k].topClass == targetClass {
            had += 1
            let row = Array(scores[k * model.classCount ..< (k + 1) * model.classCount])
            if model.prediction(scores: row).topClass != targetClass { lost += 1 }
        }
        return (had == 0 ? 0 : Double(lost) / Double(had), had)
    }
}

/// Simulation with nodes forced to constants on every pattern: exact activation patching.
public enum PatchedSimulation {
    /// The outputs with variable `forced` held at `value` on every pattern.
    public static func outputs(_ aig: AIG, inputs: PatternSet, variable forced: Int, value: Bool) -> PatternSet {
        outputs(aig, inputs: inputs, forcing: [forced: value])
    }

    /// The outputs with each variable of `forced` held at its value on every pattern (several at once: a k-bit
    /// unit set to a level).
    public static func outputs(_ aig: AIG, inputs: PatternSet, forcing forced: [Int: Bool]) -> PatternSet {
        let words = inputs.wordsPerSignal
        var values = [UInt64](repeating: 0, count: aig.variableCount * words)
        for i in 0..<aig.inputCount { for j in 0..<words { values[(1 + i) * words + j] = inputs.words[i * words + j] } }
        var held = [UInt8](repeating: 0, count: aig.variableCount)   // 0: free, 1: held at 0, 2: held at 1
        for (v, value) in forced where v > 0 { held[v] = value ? 2 : 1 }
        for v in 1 ... max(1, aig.inputCount) where v <= aig.inputCount && held[v] != 0 {
            for j in 0..<words { values[v * words + j] = held[v] == 2 ? ~0 : 0 }
        }
        let first = aig.firstAndVariable
        for v in first ..< aig.variableCount {
            let (a, b) = aig.fanins(ofVariable: v)
            for j in 0..<words {
                values[v * words + j] = held[v] != 0 ? (held[v] == 2 ? ~0 : 0)
                    : (values[a.variable * words + j] ^ (a.isComplemented ? ~0 : 0)) & (values[b.variable * words + j] ^ (b.isComplemented ? ~0 : 0))
            }
        }
        var out = PatternSet(signalCount: aig.outputCount, patternCount: inputs.patternCount)
        for (o, literal) in aig.outputs.enumerated() {
            out.setWords(ofSignal: o, to: (0..<words).map { values[literal.variable * words + $0] ^ (literal.isComplemented ? ~0 : 0) })
        }
        return out
    }
}
