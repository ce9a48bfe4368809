import Circuits
import LanguageModels

/// `gatelm contrast --units`: positive/negative circuit identification over k-bit units (seed 003 does it over
/// a transcoder's features), made causal and exact. Each unit's level is read off the simulated circuit on every
/// prompt; units are ranked by how well a level threshold separates the prompts where the behaviour happens
/// from those where it does not; each top unit is then held, on every positive, at the level the negatives
/// take most often — an exact intervention in the circuit — and `necessity` is the share of the positives
/// that lose the behaviour. There is no replacement model, so no reconstruction error to account for.
public struct UnitContrast: Codable, Sendable {
    public struct Candidate: Codable, Sendable {
        public var unit: String
        /// The positives are marked by `level >= threshold` (`above`) or `level < threshold`.
        public var threshold: Int
        public var above: Bool
        /// Share of positives and of negatives on the marking side of the threshold.
        public var positiveRate: Double
        public var negativeRate: Double
        /// positive_rate − negative_rate.
        public var separation: Double
        public var meanPositiveLevel: Double
        public var meanNegativeLevel: Double
        /// For ablated units: the level held on the positives (the negatives' commonest), and the share of the
        /// positives with the behaviour that lose it.
        public var ablationLevel: Int?
        public var necessity: Double?
        /// necessity > 0.
        public var causal: Bool?
    }

    public var target: Int
    public var positives: Int
    public var negatives: Int
    public var positivesWithBehaviour: Int
    public var negativesWithBehaviour: Int
    /// Units the circuit names.
    public var unitCount: Int
    public var candidates: [Candidate]

    public init(model: CircuitLanguageModel, positives: [[UInt8]], negatives: [[UInt8]], target: UInt8? = nil,
                top: Int = 20, ablate: Int = 10) throws(Contrast.ContrastError) {
        let units = UnitFeatures.units(in: model)
        guard !units.isEmpty else {
            throw Contrast.ContrastError(description: "the circuit names no k-bit units (L<l>.u<i>[b]); --units is for the integer families")
        }
        let behaviour = try ContrastBehaviour(model: model, positives: positives, negatives: negatives, target: target)
        let contexts = behaviour.contexts, count = behaviour.count
        self.target = behaviour.target
        self.positives = positives.count
        self.negatives = negatives.count
        unitCount = units.count
        positivesWithBehaviour = behaviour.positivesWithBehaviour
        negativesWithBehaviour = behaviour.negativesWithBehaviour
        let values = NodeValues(model, contexts: contexts, count: count)
        let p = Double(positives.count), n = Double(negatives.count)
        var ranked = [(candidate: Candidate, unit: Int, negativeMode: Int)]()
        for (u, unit) in units.enumerated() {
            let levelCount = 1 << unit.bits.count
            let levels = (0..<count).map { k in unit.bits.enumerated().reduce(0) { $0 | (values.value($1.element, pattern: k) ? 1 << $1.offset : 0) } }
            var positiveAt = [Int](repeating: 0, count: levelCount), negativeAt = [Int](repeating: 0, count: levelCount)
            for k in 0..<count { if k < positives.count { positiveAt[levels[k]] += 1 } else { negativeAt[levels[k]] += 1 } }
            // The best threshold: positives at or above it against negatives there, or the reverse.
            var best: (separation: Double, threshold: Int, above: Bool, pos: Double, neg: Double)?
            var posAbove = positives.count, negAbove = negatives.count
            for t in 1..<levelCount {
                posAbove -= positiveAt[t - 1]
                negAbove -= negativeAt[t - 1]
                let a = (Double(posAbove) / p, Double(negAbove) / n)
                for (above, rates) in [(true, a), (false, (1 - a.0, 1 - a.1))] where best == nil || rates.0 - rates.1 > best!.separation {
                    best = (rates.0 - rates.1, t, above, rates.0, rates.1)
                }
            }
            guard let best else { continue }
            let meanPositive = Double(levels.prefix(positives.count).reduce(0, +)) / p
            let meanNegative = Double(levels.suffix(negatives.count).reduce(0, +)) / n
            let mode = negativeAt.indices.max { (negativeAt[$0], -$0) < (negativeAt[$1], -$1) }!
            ranked.append((Candidate(unit: unit.name, threshold: best.threshold, above: best.above, positiveRate: best.pos, negativeRate: best.neg,
                                     separation: best.separation, meanPositiveLevel: meanPositive, meanNegativeLevel: meanNegative,
                                     ablationLevel: nil, necessity: nil, causal: nil), u, mode))
        }
        ranked.sort { ($0.candidate.separation, $1.candidate.unit) > ($1.candidate.separation, $0.candidate.unit) }
        ranked = Array(ranked.prefix(top))
        // Exact ablation: each top unit held at the negatives' commonest level on every positive.
        let inputs = behaviour.positiveInputs(model)
        for i in 0 ..< min(ablate, ranked.count) {
            guard let held = UnitFeatures.heldValues(bits: units[ranked[i].unit].bits, level: ranked[i].negativeMode) else { continue }
            let scores = model.scores(outputs: PatchedSimulation.outputs(model.aig, inputs: inputs, forcing: held))
            let (necessity, _) = behaviour.necessity(model: model, positiveScores: scores)
            ranked[i].candidate.ablationLevel = ranked[i].negativeMode
            ranked[i].candidate.necessity = necessity
            ranked[i].candidate.causal = necessity > 0
        }
        candidates = ranked.map(\.candidate)
    }
}
