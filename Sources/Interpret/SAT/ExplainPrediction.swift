import Circuits
import Foundation
import LanguageModels
import Solver

/// Explains the prediction at `position` of `prompt` (default: after the whole prompt): a
/// certified, subset-minimal set of context bits (or bytes) whose values alone force it (see
/// `Explanation`). How the search runs is `params`; what it cost is the result's `stats`.
public func explainPrediction(model: CircuitLanguageModel, prompt: [UInt8], position: Int? = nil,
                              params: ExplanationParams = ExplanationParams()) throws(Explanation.ExplainError) -> Explanation {
    typealias Witness = Explanation.Witness
    typealias ExplainError = Explanation.ExplainError
    let granularity = params.granularity, timeLimit = params.timeLimit
    var stats = ExplanationStats()
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
    let questionAIG = circuit.builder.build()
    var question = EncodedQuestion(questionAIG)
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
    // UNSAT call) or the cube search's refutation of every completion that dropped the last member.
    var certificate: Explanation.Certificate = unbreakable ? .constant : .sat
    var cubeDrops = 0
    /// The cube search's question "another class wins" with the inputs of `members` fixed (the circuit's cone
    /// computed once, for every member).
    let freeQuestion: CubeQuestion
    do { freeQuestion = try CubeQuestion(aig: questionAIG, root: broken, values: Array(repeating: nil, count: questionAIG.inputCount)) }
    catch { throw ExplainError(description: "cannot pose the cube search's question: \(error)") }
    func cubeQuestion(keeping members: [Int]) throws(ExplainError) -> CubeQuestion {
        var values = [Bool?](repeating: nil, count: questionAIG.inputCount)
        for member in members {
            switch granularity {
            case .bit: values[member] = bitValue(member)
            case .byte: for b in 8 * member ..< 8 * member + 8 { values[b] = bitValue(b) }
            }
        }
        do { return try freeQuestion.with(values: values) }
        catch { throw ExplainError(description: "cannot pose the cube search's question: \(error)") }
    }
    var i = 0
    while forced && i < kept.count {   // an unforced set keeps every member: nothing to shrink
        let candidate = kept[i]
        let rest = kept.filter { $0 != candidate }
        // Simulation first: a simulated context that breaks the prediction is as good a witness as
        // SAT's (it is replayed the same way) and costs microseconds.
        if let (found, foundTop) = Explanation.randomCompletion(model: model, context: context, top: top, granularity: granularity,
                                                                kept: rest, seed: UInt64(candidate)) {
            simulatedWitnesses += 1
            witnesses.append(witness(for: candidate, context: found, top: foundTop))
            i += 1
            continue
        }
        // Then the cube search: exhaustive over the free bits where the fixed ones do not settle the
        // comparisons, and a DRAT proof when it refutes.
        if params.maxCubes > 0 {
            let (outcome, cubeStats) = cubeSearch(try cubeQuestion(keeping: rest), params: CubeSearchParams(maxCubes: params.maxCubes, deadline: deadline))
            stats.cubes += cubeStats.cubes
            switch outcome {
            case .refuted:
                kept = rest   // the next member moved into slot i
                certificate = .cubes
                cubeDrops += 1
                continue
            case .satisfied(let inputs):
                let found = ContextBits.context(from: inputs)
                let replayed = model.predictions(contexts: found, count: 1)[0]
                guard replayed.topClass != top else {
                    throw ExplainError(description: "a cube-search witness did not change the prediction when simulated: the simulation is wrong")
                }
                simulatedWitnesses += 1
                witnesses.append(witness(for: candidate, context: found, top: replayed.topClass))
                i += 1
                continue
            case .unknown:
                break
            }
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
    if !minimal { witnesses = [] }
    let fixedBits: [Int] = granularity == .bit ? kept : kept.flatMap { p in (0..<8).map { 8 * p + $0 } }
    stats.satCalls = solver.calls
    stats.simulatedWitnesses = simulatedWitnesses
    stats.cubeDrops = cubeDrops
    stats.cnfVariables = solver.variableCount
    stats.cnfClauses = solver.clauseCount
    stats.seconds = Interpret.seconds(since: start)
    return Explanation(
        prediction: Int(model.classBytes[top]), predictionText: printableByte(model.classBytes[top]),
        context: hexString(context), padded: contexts.isPadded(t), granularity: granularity,
        fixed: fixedBits.sorted().map { Explanation.FixedBit(position: $0 / 8 + 1, bit: $0 % 8, value: bitValue($0)) },
        positions: Array(Set(fixedBits.map { $0 / 8 + 1 })).sorted(), minimal: minimal, witnesses: witnesses,
        rendering: Explanation.render(context: Array(context.suffix(m)), fixedBits: Set(fixedBits)),
        certificate: forced ? certificate : .none, forced: forced, statePositions: statePositions,
        counterexample: counterexample, stats: stats)
}


extension Explanation {
    /// Cubes the cube search may simulate, by default, to decide one member (1,024 passes of 64).
    public static let maxCubes = 1 << 16

    /// Random completions tried before the cube search and SAT are asked whether a member is needed.
    static let completionSamples = 256

    /// A random context that agrees with `context` on the members `kept` and makes another class than `top`
    /// win, if one of `completionSamples` does, with its winner.
    static func randomCompletion(model: CircuitLanguageModel, context: [UInt8], top: Int, granularity: Granularity,
                                 kept: [Int], seed: UInt64) -> ([UInt8], Int)? {
        let w = model.contextLength
        var keepMask = [UInt8](repeating: 0, count: w)   // per slot, the bits held at the context's values (state slots: none)
        for member in kept {
            switch granularity {
            case .bit: keepMask[w - 1 - member / 8] |= 1 << UInt8(member % 8)
            case .byte: keepMask[w - 1 - member] = 0xFF
            }
        }
        let base = zip(context, keepMask).map { $0 & $1 }
        let count = completionSamples
        var rng = SplitMix64(seed: seed &+ 0x5EED)
        var contexts = [UInt8](repeating: 0, count: count * w)
        for k in 0..<count {
            for j in 0..<w { contexts[k * w + j] = base[j] | UInt8(truncatingIfNeeded: rng.next()) & ~keepMask[j] }
        }
        guard let (k, winner) = firstOtherWinner(model: model, contexts: contexts, count: count, top: top) else { return nil }
        return (Array(contexts[k * w ..< (k + 1) * w]), winner)
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
    /// when decided, nil at the time limit. Random completions first (looking for a counterexample), then the
    /// cube search (`maxCubes`), then CaDiCaL. For checking explanations found some other way.
    public static func isSufficient(model: CircuitLanguageModel, context: [UInt8], fixed: [Int], timeLimit: Double = 60,
                                    maxCubes: Int = Explanation.maxCubes) -> Bool? {
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeLimit * 1000))
        let top = model.predictions(contexts: context, count: 1)[0].topClass
        if randomCompletion(model: model, context: context, top: top, granularity: .bit, kept: fixed, seed: 1) != nil { return false }
        var circuit = PredictionCircuit(model)
        let broken = !circuit.isTop(top)
        if broken == .false { return true }
        let aig = circuit.builder.build()
        var values = [Bool?](repeating: nil, count: aig.inputCount)
        for i in fixed { values[i] = ContextBits.value(context, input: i) }
        if maxCubes > 0, let question = try? CubeQuestion(aig: aig, root: broken, values: values) {
            switch cubeSearch(question, params: CubeSearchParams(maxCubes: maxCubes, deadline: deadline)).0 {
            case .refuted: return true
            case .satisfied: return false
            case .unknown: break
            }
        }
        var question = EncodedQuestion(aig)
        question.solver.addClause(question.satLiteral(broken))
        let assumptions = fixed.map { i -> Int32 in
            let s = question.satLiteral(circuit.inputs[i])
            return ContextBits.value(context, input: i) ? s : -s
        }
        switch question.solver.solve(assuming: assumptions, deadline: deadline) {
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
