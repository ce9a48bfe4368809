import Circuits
import LanguageModels

/// `gatelm attribute --units`: the attribution graph over k-bit units for one prediction, by
/// exact intervention. Every unit the circuit names (`UnitFeatures.units(in:)`) is set to each
/// of its other 2ᵏ − 1 levels (its level bits patched in the circuit, 64 interventions per
/// simulation pass) and the prediction re-simulated: no replacement model, no error term.
public struct UnitAttribution: Encodable, Sendable {
    /// The prediction with the unit set to `level`, against the original (as `Attribution.Effect`).
    public struct LevelEffect: Encodable, Sendable, Hashable {
        public var level: Int
        public var effect: Int
        public var probabilityEffect: Double
        public var marginEffect: Int
        /// The top byte with the unit at this level.
        public var top: Int

        init(level: Int, _ e: Attribution.Effect) {
            self.level = level
            effect = e.effect
            probabilityEffect = e.probabilityEffect
            marginEffect = e.marginEffect
            top = e.top
        }
    }

    /// One unit whose level moves the target.
    public struct UnitEffect: Encodable, Sendable {
        /// `L1.u17`.
        public var unit: String
        /// Its level on the context.
        public var level: Int
        /// Every other level the circuit can set it to, and what it does. A level bit the compiler
        /// folded to a constant (the unit never sets it, or always does), or merged with another
        /// (equal or complementary), rules out the levels that would need them apart: what reads
        /// those bits was simplified with that fact.
        public var effects: [LevelEffect]
        /// The effect of largest |probability effect| among `effects`.
        public var largestProbabilityEffect: Double
        /// Whether some level changes the top byte.
        public var changesTop: Bool
    }

    public var target: Int
    public var targetText: String
    /// The model's top byte on the context.
    public var prediction: Int
    public var score: Int
    public var probability: Double
    public var margin: Int
    /// The context, oldest byte first, as hex.
    public var context: String
    /// Units the circuit names.
    public var unitCount: Int
    /// Interventions simulated (unit × level).
    public var interventions: Int
    /// The units whose some level moves the target's score or probability, by decreasing |largest probability effect|.
    public var units: [UnitEffect]

    /// Attributes the prediction at `position` of `prompt` (default: after the whole prompt) to
    /// the units; `target` defaults to the predicted byte.
    public init(model: CircuitLanguageModel, prompt: [UInt8], position: Int? = nil, target: UInt8? = nil) throws(Attribution.TargetError) {
        let found = UnitFeatures.units(in: model)
        guard !found.isEmpty else {
            throw Attribution.TargetError(description: "the circuit names no k-bit units (L<l>.u<i>[b]); --units is for the integer families")
        }
        let question = try Attribution.Question(model: model, prompt: prompt, position: position, target: target)
        let context = question.context
        self.target = question.target
        targetText = question.targetText
        prediction = question.prediction
        score = question.score
        probability = question.probability
        margin = question.margin
        self.context = hexString(context)
        unitCount = found.count

        let faults = FaultSimulation(model.aig, inputBits: ContextBits.values(context))
        func value(_ literal: Literal) -> Bool { (faults.base[literal.variable] & 1 == 1) != literal.isComplemented }
        // Every (unit, level) intervention: the value each of the unit's variables is held at (all
        // of them, so that no patched bit recomputes another: a popcount's low bit reads its carry).
        var lanes = [(unit: Int, level: Int, held: [Int: Bool])]()
        var current = [Int]()
        for (u, unit) in found.enumerated() {
            let level = unit.bits.enumerated().reduce(0) { $0 | (value($1.element) ? 1 << $1.offset : 0) }
            current.append(level)
            for v in 0 ..< 1 << unit.bits.count where v != level {
                guard let required = UnitFeatures.heldValues(bits: unit.bits, level: v) else { continue }
                lanes.append((u, v, required))
            }
        }
        interventions = lanes.count
        var effects = [[LevelEffect]](repeating: [], count: found.count)
        var scratch = FaultSimulation.Scratch()
        let planes = model.scoreOutputs, predicted = prediction
        for start in stride(from: 0, to: lanes.count, by: 64) {
            let batch = lanes[start ..< min(start + 64, lanes.count)]
            var masks = [Int: (lanes: UInt64, values: UInt64)]()
            for (lane, intervention) in batch.enumerated() {
                for (v, held) in intervention.held {
                    let bit = UInt64(1) << UInt64(lane)
                    masks[v, default: (0, 0)].lanes |= bit
                    if held { masks[v]!.values |= bit }
                }
            }
            let words = faults.outputs(forcing: masks.keys.sorted().map { ($0, masks[$0]!.lanes, masks[$0]!.values) }, scratch: &scratch)
            for (lane, intervention) in batch.enumerated() {
                let scores = planes.map { bits in
                    bits.enumerated().reduce(Int32(0)) { $0 | (words[$1.element] >> UInt64(lane) & 1 == 1 ? 1 << Int32($1.offset) : 0) }
                }
                effects[intervention.unit].append(LevelEffect(level: intervention.level, question.effect(of: model.prediction(scores: scores))))
            }
        }
        units = found.indices.compactMap { u -> UnitEffect? in
            guard effects[u].contains(where: { $0.effect != 0 || $0.probabilityEffect != 0 }),
                  let largest = effects[u].max(by: { abs($0.probabilityEffect) < abs($1.probabilityEffect) }) else { return nil }
            return UnitEffect(unit: found[u].name, level: current[u], effects: effects[u], largestProbabilityEffect: largest.probabilityEffect,
                              changesTop: effects[u].contains { $0.top != predicted })
        }.sorted { (abs($0.largestProbabilityEffect), $1.unit) > (abs($1.largestProbabilityEffect), $0.unit) }
    }
}
