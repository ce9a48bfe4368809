import Circuits
import Foundation
import LanguageModels
import Solver

/// `gatelm explain`: a certified, subset-minimal sufficient explanation of a
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
public struct Explanation: Codable, Sendable {
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
    public var satCalls: Int
    /// What proves the set sufficient: `sat` (CaDiCaL: "another class wins" is UNSAT with the set
    /// fixed), `enumeration` (every completion of the free bits simulated; CaDiCaL ran out of
    /// time confirming it), `constant` (no context changes the prediction) or `none` (the set does
    /// not force it: not `forced`, see `counterexample`).
    public var certificate: Certificate
    /// Members whose witness came from simulating completions rather than from SAT.
    public var simulatedWitnesses: Int
    /// Members dropped because simulating every completion of the free bits kept the prediction.
    public var exhaustiveDrops: Int
    public var cnfVariables: Int
    public var cnfClauses: Int
    public var seconds: Double
    /// Whether the text bytes force the prediction at all: always for a window model; for a
    /// free-state view, false when some state before the horizon changes it with every byte fixed.
    public var forced: Bool
    /// The positions left free as a state (empty for a window model).
    public var statePositions: [Int]
    /// When not `forced`: a window with every text byte as given and another state, and what it
    /// predicts (`position` 0).
    public var counterexample: Witness?

    public enum Certificate: String, Codable, Sendable { case sat, enumeration, constant, none }

    public struct ExplainError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Explains the prediction at `position` of `prompt` (default: after the whole prompt).
    /// A member whose removal leaves at most `exhaustiveFreeBits` bits free is decided by
    /// simulating every completion (0: by SAT, unless random completions find a witness); a set
    /// so decided is then given to CaDiCaL to confirm for at most `confirmationLimit` seconds.
    public init(model: CircuitLanguageModel, prompt: [UInt8], position: Int? = nil, granularity: Granularity = .bit,
                timeLimit: Double = 60, exhaustiveFreeBits: Int = Explanation.exhaustiveFreeBits,
                confirmationLimit: Double = Explanation.confirmationLimit) throws(ExplainError) {
        let start = ContinuousClock.now
        let deadline = start + .milliseconds(Int64(timeLimit * 1000))
        let contexts = PromptContexts(prompt: prompt, model: model)
        let t = position ?? prompt.count
        let context = contexts.context(at: t)
        // Members: the bits or bytes of the text positions 1…m; any other position is a state, left free.
        let m = model.textPositions.upperBound
        let original = model.predictions(contexts: context, count: 1)[0]
        let top = original.topClass

        var circuit = PredictionCircuit(model)
        let broken = !circuit.isTop(top)
        var question = EncodedQuestion(circuit.builder.build())
        // A prediction no context can change (the comparators fold to a constant) needs no bits.
        let unbreakable = broken == .false
        if !unbreakable { question.solver.addClause(question.satLiteral(broken)) }
        let bitValue = { (i: Int) -> Bool in ContextBits.value(context, input: i) }
        let bitLiterals = (0..<8 * m).map { i -> Int32 in
            let s = question.satLiteral(circuit.inputs[i])
            return bitValue(i) ? s : -s
        }
        // One assumption per member: the bit literal itself, or a selector implying a byte's 8 bits.
        let members: [Int32]
        switch granularity {
        case .bit:
            members = bitLiterals
        case .byte:
            members = (0..<m).map { p in
                let selector = question.solver.newVariable()
                for b in 0..<8 { question.solver.addClause(-selector, bitLiterals[8 * p + b]) }
                return selector
            }
        }
        let solver = question.solver
        let statePositions = model.statePositions
        var forced = true, counterexample: Witness?
        if !unbreakable {
            switch solver.solve(assuming: members, deadline: deadline) {
            case .unsatisfiable: break
            case .satisfiable where !statePositions.isEmpty:
                // Another state before the horizon changes the prediction with every byte as given.
                let found = ContextBits.context(from: question.inputValues())
                let replayed = model.predictions(contexts: found, count: 1)[0]
                guard replayed.topClass != top else {
                    throw ExplainError(description: "a SAT witness did not change the prediction when simulated: the encoding is wrong")
                }
                forced = false
                counterexample = Witness(position: 0, bit: -1, context: hexString(found), prediction: Int(model.classBytes[replayed.topClass]))
            default:
                throw ExplainError(description: "the full context does not certify its own prediction (solver: \(solver.limitedCalls > 0 ? "time limit" : "satisfiable")); the circuit and its simulation disagree")
            }
        }
        var kept = unbreakable ? [] : !forced ? Array(members.indices) : (0..<members.count).filter { solver.failed(members[$0]) }
        var minimal = forced, witnesses = [Witness](), simulatedWitnesses = 0
        /// The record that `member` is needed: `context` keeps the other members and predicts `top`.
        func witness(for member: Int, context: [UInt8], top: Int) -> Witness {
            Witness(position: granularity == .bit ? member / 8 + 1 : member + 1, bit: granularity == .bit ? member % 8 : -1,
                    context: hexString(context), prediction: Int(model.classBytes[top]))
        }
        // What certifies the current set: CaDiCaL's UNSAT (the initial core, or the core of the last
        // UNSAT call) or the exhaustive simulation of every completion that dropped the last member.
        var certificate: Certificate = unbreakable ? .constant : .sat
        var exhaustiveDrops = 0
        var i = 0
        while forced && i < kept.count {   // an unforced set keeps every member: nothing to shrink
            let candidate = kept[i]
            let rest = kept.filter { $0 != candidate }
            // Simulation first: a simulated context that breaks the prediction is as good a witness as
            // SAT's (it is replayed the same way) and costs microseconds; when few bits are free, trying
            // every completion decides the member exactly.
            switch Self.completionSearch(model: model, context: context, top: top, granularity: granularity,
                                         kept: rest, seed: UInt64(candidate), exhaustiveFreeBits: exhaustiveFreeBits) {
            case .breaks(let found, let foundTop):
                simulatedWitnesses += 1
                witnesses.append(witness(for: candidate, context: found, top: foundTop))
                i += 1
                continue
            case .forced:
                kept = rest   // the next member moved into slot i
                certificate = .enumeration
                exhaustiveDrops += 1
                continue
            case .undecided:
                break
            }
            let result = solver.solve(assuming: rest.map { members[$0] }, deadline: deadline)
            if result == .unsatisfiable {
                kept = rest.filter { solver.failed(members[$0]) }   // the core may shrink further
                kept.removeAll { $0 == candidate }
                i = kept.firstIndex { $0 > candidate } ?? kept.count
                certificate = .sat
                continue
            }
            if result == .unknown { minimal = false; break }
            // Replay the witness: it must keep the other members and change the prediction.
            let satContext = ContextBits.context(from: question.inputValues())
            let replayed = model.predictions(contexts: satContext, count: 1)[0]
            guard replayed.topClass != top else {
                throw ExplainError(description: "a SAT witness did not change the prediction when simulated: the encoding is wrong")
            }
            witnesses.append(witness(for: candidate, context: satContext, top: replayed.topClass))
            i += 1
        }
        // A set last shrunk by enumeration is exact already; CaDiCaL is asked to confirm it too, for at most
        // `confirmationLimit` seconds (popcount comparisons are hard for CDCL even with a dozen free bits).
        if certificate == .enumeration && confirmationLimit > 0 {
            let confirmBy = min(deadline, .now + .milliseconds(Int64(confirmationLimit * 1000)))
            switch solver.solve(assuming: kept.map { members[$0] }, deadline: confirmBy) {
            case .unsatisfiable: certificate = .sat
            case .satisfiable:
                throw ExplainError(description: "CaDiCaL breaks a set that every simulated completion keeps: the encoding is wrong")
            case .unknown: break
            }
        }
        if !minimal { witnesses = [] }
        let fixedBits: [Int] = granularity == .bit ? kept : kept.flatMap { p in (0..<8).map { 8 * p + $0 } }
        fixed = fixedBits.sorted().map { FixedBit(position: $0 / 8 + 1, bit: $0 % 8, value: bitValue($0)) }
        positions = Array(Set(fixedBits.map { $0 / 8 + 1 })).sorted()
        prediction = Int(model.classBytes[top])
        predictionText = printableByte(model.classBytes[top])
        self.context = hexString(context)
        padded = contexts.isPadded(t)
        self.granularity = granularity
        self.minimal = minimal
        self.witnesses = witnesses
        rendering = Self.render(context: Array(context.suffix(m)), fixedBits: Set(fixedBits))
        satCalls = solver.calls
        self.certificate = forced ? certificate : .none
        self.simulatedWitnesses = simulatedWitnesses
        self.exhaustiveDrops = exhaustiveDrops
        cnfVariables = solver.variableCount
        cnfClauses = solver.clauseCount
        seconds = Interpret.seconds(since: start)
        self.forced = forced
        self.statePositions = statePositions
        self.counterexample = counterexample
    }

    /// Seconds CaDiCaL gets, by default, to confirm a set that enumeration proved sufficient.
    public static let confirmationLimit = 5.0

    /// Random completions tried before asking SAT whether a member is needed.
    static let completionSamples = 256
    /// Up to this many free bits, every completion is simulated (2¹⁶ contexts, a fraction of a second on 144K ANDs).
    public static let exhaustiveFreeBits = 16

    enum CompletionSearch: Equatable {
        /// This completion (W bytes, oldest first) makes class `top` win instead.
        case breaks([UInt8], top: Int)
        /// Every completion was simulated and none changes the prediction.
        case forced
        /// Random completions found nothing; SAT must decide.
        case undecided
    }

    /// Contexts that agree with `context` on the members `kept` and vary the
    /// other bits: all of them when at most `exhaustiveFreeBits` are free,
    /// else `completionSamples` random ones.
    static func completionSearch(model: CircuitLanguageModel, context: [UInt8], top: Int, granularity: Granularity,
                                 kept: [Int], seed: UInt64, exhaustiveFreeBits: Int) -> CompletionSearch {
        let w = model.contextLength
        var keepMask = [UInt8](repeating: 0, count: w)   // per slot, the bits held at the context's values (state slots: none)
        for member in kept {
            switch granularity {
            case .bit: keepMask[w - 1 - member / 8] |= 1 << UInt8(member % 8)
            case .byte: keepMask[w - 1 - member] = 0xFF
            }
        }
        // Free bits as (slot, mask), in input order.
        var free = [(slot: Int, mask: UInt8)]()
        for i in 0..<8 * w where keepMask[w - 1 - i / 8] >> UInt8(i % 8) & 1 == 0 {
            free.append((w - 1 - i / 8, 1 << UInt8(i % 8)))
        }
        let base = zip(context, keepMask).map { $0 & $1 }
        let exhaustive = free.count <= min(exhaustiveFreeBits, 24)
        let total = exhaustive ? 1 << free.count : completionSamples
        let batch = 4096
        var rng = SplitMix64(seed: seed &+ 0x5EED)
        var start = 0
        while start < total {
            let count = min(batch, total - start)
            var contexts = [UInt8](repeating: 0, count: count * w)
            for k in 0..<count {
                let row = k * w
                for j in 0..<w { contexts[row + j] = base[j] }
                if exhaustive {
                    let n = start + k
                    for (j, bit) in free.enumerated() where n >> j & 1 == 1 { contexts[row + bit.slot] |= bit.mask }
                } else {
                    for j in 0..<w { contexts[row + j] |= UInt8(truncatingIfNeeded: rng.next()) & ~keepMask[j] }
                }
            }
            if let (k, winner) = firstOtherWinner(model: model, contexts: contexts, count: count, top: top) {
                return .breaks(Array(contexts[k * w ..< (k + 1) * w]), top: winner)
            }
            start += count
        }
        return exhaustive ? .forced : .undecided
    }

    /// The first of `count` contexts whose prediction is not `top`, and its prediction
    /// (scores only: no probabilities are needed to compare).
    static func firstOtherWinner(model: CircuitLanguageModel, contexts: [UInt8], count: Int, top: Int) -> (Int, Int)? {
        let c = model.classCount
        let scores = model.scores(contexts: contexts, count: count)
        for k in 0..<count {
            let winner = Prediction.topClass(of: scores[k * c ..< (k + 1) * c])
            if winner != top { return (k, winner) }
        }
        return nil
    }

    /// Whether fixing `fixed` (input indices 8·(p − 1) + b, at their values in
    /// `context`) forces the model's prediction on `context`: true or false
    /// when decided, nil at the time limit. Simulation first (every completion when at
    /// most `exhaustiveFreeBits` bits are free, else random ones looking for a
    /// counterexample), then CaDiCaL. For checking explanations found some other way.
    public static func isSufficient(model: CircuitLanguageModel, context: [UInt8], fixed: [Int], timeLimit: Double = 60) -> Bool? {
        let top = model.predictions(contexts: context, count: 1)[0].topClass
        switch completionSearch(model: model, context: context, top: top, granularity: .bit, kept: fixed, seed: 1,
                                exhaustiveFreeBits: exhaustiveFreeBits) {
        case .breaks: return false
        case .forced: return true
        case .undecided: break
        }
        var circuit = PredictionCircuit(model)
        let broken = !circuit.isTop(top)
        if broken == .false { return true }
        var question = EncodedQuestion(circuit.builder.build())
        question.solver.addClause(question.satLiteral(broken))
        let assumptions = fixed.map { i -> Int32 in
            let s = question.satLiteral(circuit.inputs[i])
            return ContextBits.value(context, input: i) ? s : -s
        }
        switch question.solver.solve(assuming: assumptions, deadline: .now + .milliseconds(Int64(timeLimit * 1000))) {
        case .unsatisfiable: return true
        case .satisfiable: return false
        case .unknown: return nil
        }
    }

    /// One symbol per context byte, oldest first: `·` free, the character
    /// when all 8 bits are fixed, `?` when only some are.
    static func render(context: [UInt8], fixedBits: Set<Int>) -> String {
        let w = context.count
        return (0..<w).map { slot -> String in
            let p = w - 1 - slot
            let count = (0..<8).filter { fixedBits.contains(8 * p + $0) }.count
            if count == 0 { return "·" }
            if count < 8 { return "?" }
            let byte = context[slot]
            return (0x21...0x7E).contains(byte) ? String(UnicodeScalar(byte)) : byte == 0x20 ? "␣" : "▪"
        }.joined()
    }
}
