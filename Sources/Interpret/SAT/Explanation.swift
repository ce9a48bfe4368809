import Circuits
import Foundation
import LanguageModels
import Solver

/// What `explainPrediction` found (`gatelm explain`): a certified, subset-minimal sufficient explanation of a
/// prediction (an abductive explanation, a prime implicant of "the model
/// predicts this byte"): context bits (or bytes) whose values alone force the
/// prediction whatever the rest of the context holds.
///
/// Certificate: with the set fixed, "some other class wins" is UNSAT
/// (CaDiCaL); for each member, dropping it alone is SAT, and the witness
/// context that then breaks the prediction is kept and replayed by simulation.
/// Shrinking starts from the solver's failed assumptions, then deletes one
/// member at a time.
///
/// The members are the text positions of the model's window; positions that hold a state (the
/// free-state view of a recurrent model) are never fixed, so an explanation then holds whatever
/// state the machine had reached before its horizon, and may not exist (`forced` false).
public struct Explanation: Sendable, Equatable {
    public enum Granularity: String, Codable, Sendable, CaseIterable { case bit, byte }

    public struct FixedBit: Codable, Sendable, Hashable {
        /// 1 = the most recent byte.
        public var position: Int
        public var bit: Int
        public var value: Bool
    }

    /// Why a member is needed: the context (hex, oldest first) that agrees
    /// with every other member and changes the prediction, and what it predicts.
    public struct Witness: Codable, Sendable, Hashable {
        /// The member dropped: `position` and, at bit granularity, `bit` (-1 for a whole byte).
        public var position: Int
        public var bit: Int
        public var context: String
        public var prediction: Int
    }

    /// The predicted byte.
    public var prediction: Int
    public var predictionText: String
    public var context: String
    public var padded: Bool
    public var granularity: Granularity
    /// The explanation, as bits (at byte granularity, all 8 bits of each chosen byte).
    public var fixed: [FixedBit]
    /// At byte granularity, the chosen positions; at bit granularity, the positions with a fixed bit.
    public var positions: [Int]
    /// Whether subset-minimality was established (false when the time limit stopped the shrinking: the set is still sufficient).
    public var minimal: Bool
    public var witnesses: [Witness]
    /// `···th?`-style rendering: one symbol per position, oldest first.
    public var rendering: String
    /// What proved the set sufficient: `cubes` (the cube search refuted every completion of the free bits:
    /// a DRAT proof, which `ProofCertificate.sufficiency` writes and drat-trim checks), `sat` (CaDiCaL:
    /// "another class wins" is UNSAT with the set fixed), `constant` (no context changes the prediction) or
    /// `none` (the set does not force it: not `forced`, see `counterexample`).
    public var certificate: Certificate
    /// Whether the text bytes force the prediction at all: always for a window model; for a
    /// free-state view, false when some state before the horizon changes it with every byte fixed.
    public var forced: Bool
    /// The positions left free as a state (empty for a window model).
    public var statePositions: [Int]
    /// When not `forced`: a window with every text byte as given and another state, and what it
    /// predicts (`position` 0).
    public var counterexample: Witness?
    /// What the search cost (encoded beside the result's fields, under the same stable names).
    public var stats: ExplanationStats

    public enum Certificate: String, Codable, Sendable { case sat, cubes, constant, none }

    public struct ExplainError: Error, CustomStringConvertible {
        public var description: String
    }
}

/// How `explainPrediction` searches (mockturtle's `params`).
public struct ExplanationParams: Sendable {
    /// Members are context bits or whole bytes.
    public var granularity: Explanation.Granularity = .bit
    /// Seconds for the whole search; past it the set found is still sufficient but maybe not minimal.
    public var timeLimit = 60.0
    /// Cubes the cube search may simulate to decide one member (`cubeSearch`: three-valued simulation over
    /// the free bits, exhaustive where it must be); past it CaDiCaL decides. 0: CaDiCaL only, unless random
    /// completions find a witness.
    public var maxCubes = Explanation.maxCubes

    public init(granularity: Explanation.Granularity = .bit, timeLimit: Double = 60) {
        self.granularity = granularity
        self.timeLimit = timeLimit
    }
}

/// What `explainPrediction`'s search cost (mockturtle's `stats`).
public struct ExplanationStats: Codable, Sendable, Hashable {
    public var satCalls = 0
    /// Members whose witness came from simulating completions rather than from SAT.
    public var simulatedWitnesses = 0
    /// Members dropped because the cube search refuted every completion of the free bits.
    public var cubeDrops = 0
    /// Cubes simulated by the cube search, over all members.
    public var cubes = 0
    public var cnfVariables = 0
    public var cnfClauses = 0
    public var seconds = 0.0
    public init() {}
}

extension Explanation: Codable {
    private enum CodingKeys: String, CodingKey {
        case prediction, predictionText, context, padded, granularity, fixed, positions, minimal, witnesses, rendering,
             certificate, forced, statePositions, counterexample
    }

    /// One flat object: the result's fields and the stats' side by side (the names `--json` documents).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        prediction = try c.decode(Int.self, forKey: .prediction)
        predictionText = try c.decode(String.self, forKey: .predictionText)
        context = try c.decode(String.self, forKey: .context)
        padded = try c.decode(Bool.self, forKey: .padded)
        granularity = try c.decode(Granularity.self, forKey: .granularity)
        fixed = try c.decode([FixedBit].self, forKey: .fixed)
        positions = try c.decode([Int].self, forKey: .positions)
        minimal = try c.decode(Bool.self, forKey: .minimal)
        witnesses = try c.decode([Witness].self, forKey: .witnesses)
        rendering = try c.decode(String.self, forKey: .rendering)
        certificate = try c.decode(Certificate.self, forKey: .certificate)
        forced = try c.decode(Bool.self, forKey: .forced)
        statePositions = try c.decode([Int].self, forKey: .statePositions)
        counterexample = try c.decodeIfPresent(Witness.self, forKey: .counterexample)
        stats = try ExplanationStats(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(prediction, forKey: .prediction)
        try c.encode(predictionText, forKey: .predictionText)
        try c.encode(context, forKey: .context)
        try c.encode(padded, forKey: .padded)
        try c.encode(granularity, forKey: .granularity)
        try c.encode(fixed, forKey: .fixed)
        try c.encode(positions, forKey: .positions)
        try c.encode(minimal, forKey: .minimal)
        try c.encode(witnesses, forKey: .witnesses)
        try c.encode(rendering, forKey: .rendering)
        try c.encode(certificate, forKey: .certificate)
        try c.encode(forced, forKey: .forced)
        try c.encode(statePositions, forKey: .statePositions)
        try c.encodeIfPresent(counterexample, forKey: .counterexample)
        try stats.encode(to: encoder)
    }
}
