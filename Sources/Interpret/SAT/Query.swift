import Foundation
import Circuits
import LanguageModels
import Solver

/// `gatelm query`: an existential question over every context: is there a
/// context meeting the constraints on which the goals hold? `sat` comes with
/// a witness context, replayed by simulation before it is reported; `unsat`
/// means no context of the 2^(8W) does; `unknown` means the time limit came first.
public struct Query: Codable, Sendable {
    /// What must hold of the prediction.
    public enum Goal: Sendable, Hashable, Codable {
        /// This byte is the prediction (first highest score).
        case top(UInt8)
        /// This byte is not the prediction.
        case notTop(UInt8)
        /// The byte's score compares with a constant.
        case score(UInt8, ScoreRelation, Int)
        /// The named internal node (for example a state bit `h@-1[17]` of an unrolled recurrent model) has this value.
        case node(String, Bool)

        public var description: String {
            switch self {
            case .top(let b): return "top = \(printableByte(b))"
            case .notTop(let b): return "top != \(printableByte(b))"
            case .score(let b, let relation, let n): return "score(\(printableByte(b))) \(relation.rawValue) \(n)"
            case .node(let name, let value): return "\(name) = \(value ? 1 : 0)"
            }
        }

        /// Parses `NAME=0` or `NAME=1` for `--node`.
        public static func parseNode(_ text: String) throws(ContextConstraint.ParseError) -> Goal {
            guard let equals = text.lastIndex(of: "="), ["0", "1"].contains(text[text.index(after: equals)...]),
                  equals > text.startIndex else {
                throw ContextConstraint.ParseError(description: "--node \(text.debugDescription): expected NAME=0 or NAME=1")
            }
            return .node(String(text[..<equals]), text.last == "1")
        }

        /// Parses `BYTE>=N` (also <=, >, <, ==, !=) for `--score`.
        public static func parseScore(_ text: String) throws(ContextConstraint.ParseError) -> Goal {
            for relation in [ScoreRelation.atLeast, .atMost, .notEqual, .equal, .greater, .less] {
                guard let range = text.range(of: relation.rawValue, options: .backwards) else { continue }
                let byte = try ContextConstraint.parseByte(String(text[..<range.lowerBound]))
                guard let n = Int(text[range.upperBound...].trimmingCharacters(in: .whitespaces)) else {
                    throw ContextConstraint.ParseError(description: "--score \(text.debugDescription): expected BYTE\(relation.rawValue)NUMBER")
                }
                return .score(byte, relation, n)
            }
            throw ContextConstraint.ParseError(description: "--score \(text.debugDescription): expected BYTE>=N (or <=, >, <, ==, !=)")
        }
    }

    public enum Result: String, Codable, Sendable { case sat, unsat, unknown }

    public var result: Result
    /// When sat: the context as hex, oldest byte first, exactly W bytes.
    public var witness: String?
    /// When sat: the witness as text.
    public var witnessText: String?
    /// When sat: what the model predicts on the witness, and that byte's score.
    public var witnessPrediction: Int?
    public var constraints: [String]
    public var goals: [String]
    public var cnfVariables: Int
    public var cnfClauses: Int
    public var satCalls: Int
    /// Whether the witness came from simulation (random contexts under the constraints, or the cube search): no SAT call needed.
    public var foundBySimulation: Bool
    /// How many "goal class beats class d" comparisons the solver needed (of 64 per `top` goal at 65
    /// classes): they are added only when a candidate witness shows the goal class losing to d.
    public var assertedComparisons: Int
    /// What decided the question: `simulation` (a random context is a witness), `search` (the witness search's
    /// beam over contexts found one), `cubes` (the cube search: a
    /// witness, or a refutation whose DRAT proof `--certificate` writes), `cadical`, or `hashing` (the question
    /// folded to a constant). `cadical` also when the answer is `unknown`.
    public var engine: Engine
    /// Cubes the cube search simulated.
    public var cubes: Int
    public var seconds: Double

    public enum Engine: String, Codable, Sendable { case simulation, search, cubes, cadical, hashing }

    public struct QueryError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Solves "the fixed conditions and every `top` goal" by counterexample-guided refinement:
    /// each `top` goal starts with no comparisons asserted; while the solver's model is a
    /// context on which some goal class loses, the comparisons it loses are added (as
    /// assumptions, so everything learned is kept) and the solver is asked again. UNSAT with a
    /// subset of the comparisons is UNSAT with all of them; a model on which every goal holds
    /// is a witness of the whole question. Most questions need a handful of the 64 comparators,
    /// whose popcount cones are most of the CNF.
    static func solveLazily(question: inout EncodedQuestion, tops: [(c: Int, beats: [Literal])], model: CircuitLanguageModel,
                            deadline: ContinuousClock.Instant) -> (SATResult, asserted: Int) {
        var asserted = [Int32]()
        var active = Set<[Int]>()
        while true {
            let result = question.solver.solve(assuming: asserted, deadline: deadline)
            guard result == .satisfiable else { return (result, asserted.count) }
            let context = ContextBits.context(from: question.inputValues())
            let scores = model.predictions(contexts: context, count: 1)[0].scores
            var refined = false
            for (g, top) in tops.enumerated() {
                for other in scores.indices where other != top.c && !active.contains([g, other]) {
                    guard !Prediction.beats(top.c, other, scores: scores) else { continue }
                    active.insert([g, other])
                    asserted.append(question.satLiteral(top.beats[other]))
                    refined = true
                }
            }
            // Nothing to add: every goal class wins on this context, so it is a witness (replayed by the caller).
            if !refined { return (.satisfiable, asserted.count) }
        }
    }

    /// Random contexts simulated before SAT is asked.
    public static let randomSamples = 4096
    /// Cubes the cube search may simulate, by default, before CaDiCaL is asked (16,384 passes of 64).
    public static let maxCubes = 1 << 20
    /// Rounds of the witness search, by default (each simulates 4,096 mutants).
    public static let searchRounds = 200

    /// A random context meeting the constraints on which every goal holds, if one of `samples` does.
    static func randomWitness(model: CircuitLanguageModel, constraints: [ContextConstraint], goals: [Goal], samples: Int) -> [UInt8]? {
        let w = model.contextLength
        var allowed = [[UInt8]](repeating: (0...255).map { UInt8($0) }, count: w)
        for c in constraints { allowed[w - c.position] = allowed[w - c.position].filter { c.allowed.contains($0) } }
        guard samples > 0, allowed.allSatisfy({ !$0.isEmpty }) else { return nil }
        var rng = SplitMix64(seed: 0x9E37)
        var contexts = [UInt8](repeating: 0, count: samples * w)
        for k in 0..<samples { for j in 0..<w { contexts[k * w + j] = allowed[j][Int(rng.next() % UInt64(allowed[j].count))] } }
        let predictions = model.predictions(contexts: contexts, count: samples)
        let nodes = goals.contains { if case .node = $0 { true } else { false } } ? NodeValues(model, contexts: contexts, count: samples) : nil
        for (k, p) in predictions.enumerated() where goals.allSatisfy({ holds($0, p, model, nodes: nodes, pattern: k) }) {
            return Array(contexts[k * w ..< (k + 1) * w])
        }
        return nil
    }

    /// Whether every goal (none on named nodes) holds on `context`.
    static func goalsHold(model: CircuitLanguageModel, context: [UInt8], goals: [Goal]) -> Bool {
        let p = model.predictions(contexts: context, count: 1)[0]
        return goals.allSatisfy { holds($0, p, model) }
    }

    /// Whether `goal` holds of prediction `p` (false for a byte without a class).
    static func holds(_ goal: Goal, _ p: Prediction, _ model: CircuitLanguageModel, nodes: NodeValues? = nil, pattern: Int = 0) -> Bool {
        switch goal {
        case .node(let name, let value):
            guard let literal = model.nodeNames.literal(named: name), let nodes else { return false }
            return nodes.value(literal, pattern: pattern) == value
        case .top(let b): return model.classIndex(of: b) == p.topClass
        case .notTop(let b): return model.classIndex(of: b).map { $0 != p.topClass } ?? false
        case .score(let b, let relation, let n):
            guard let c = model.classIndex(of: b) else { return false }
            let s = Int(p.scores[c])
            switch relation {
            case .atLeast: return s >= n
            case .atMost: return s <= n
            case .greater: return s > n
            case .less: return s < n
            case .equal: return s == n
            case .notEqual: return s != n
            }
        }
    }

    /// The question as gates: the prediction circuit, the fixed conditions (constraints and every goal but
    /// `top`), each `top` goal's comparisons kept apart (see `solveLazily`), and the whole question's literal.
    struct Gates {
        var circuit: PredictionCircuit
        var fixed: Literal
        var tops: [(c: Int, beats: [Literal])]
        var all: Literal
    }

    static func gates(model: CircuitLanguageModel, constraints: [ContextConstraint], goals: [Goal]) throws(QueryError) -> Gates {
        var circuit = PredictionCircuit(model)
        var conditions = [Literal]()
        func classOf(_ byte: UInt8) throws(QueryError) -> Int {
            guard let c = model.classIndex(of: byte) else {
                throw QueryError(description: "the model has no class for byte 0x\(hexString([byte])) (\(printableByte(byte))): its score is not an output")
            }
            return c
        }
        // A `top` goal is a conjunction of comparisons with every other class; they are kept apart
        // so that the solver can be given only those a witness shows are needed (below).
        var tops = [(c: Int, beats: [Literal])]()
        for constraint in constraints { conditions.append(circuit.byte(at: constraint.position, in: constraint.allowed)) }
        for goal in goals {
            switch goal {
            case .top(let b):
                let c = try classOf(b)
                tops.append((c, model.scoreOutputs.indices.map { $0 == c ? .true : circuit.beats(c, $0) }))
            case .notTop(let b): conditions.append(!circuit.isTop(try classOf(b)))
            case .score(let b, let relation, let n): conditions.append(circuit.score(try classOf(b), relation, n))
            case .node(let name, let value):
                guard let literal = model.nodeNames.literal(named: name) else {
                    throw QueryError(description: "the circuit has no node named \(name) (named nodes: `gatelm trace --values named`)")
                }
                conditions.append(circuit.node(literal).complemented(if: !value))
            }
        }
        let fixed = circuit.builder.and(conditions)
        let all = circuit.builder.and([fixed] + tops.flatMap(\.beats))
        return Gates(circuit: circuit, fixed: fixed, tops: tops, all: all)
    }

    /// The cube search's question: the whole question's literal over every input, split from the most recent
    /// byte back, the constrained bytes first (their excluded values are refuted as soon as they are split).
    static func cubeQuestion(_ aig: AIG, all: Literal, constraints: [ContextConstraint]) -> CubeQuestion {
        let constrained = Set(constraints.map(\.position))
        // Every input free; the order holds the question's cone only (inputs outside it never need a value).
        let free = try! CubeQuestion(aig: aig, root: all, values: Array(repeating: nil, count: aig.inputCount))
        let order = free.cone.support.inputs.sorted { a, b in
            let ca = constrained.contains(a / 8 + 1), cb = constrained.contains(b / 8 + 1)
            return ca != cb ? ca : a < b
        }
        return try! free.with(values: free.values, order: order)
    }

    /// Answers the question: `randomSamples` random contexts under the constraints are simulated first; then
    /// the witness search (`witnessSearch`) gets up to `searchRounds` rounds and a quarter of the time, the cube
    /// search up to `maxCubes` cubes until 60 % of the time, and CaDiCaL the rest.
    public init(model: CircuitLanguageModel, constraints: [ContextConstraint], goals: [Goal], timeLimit: Double = 60,
                randomSamples: Int = Query.randomSamples, searchRounds: Int = Query.searchRounds, maxCubes: Int = Query.maxCubes) throws(QueryError) {
        let start = ContinuousClock.now
        let deadline = start + .milliseconds(Int64(timeLimit * 1000))
        let gates = try Self.gates(model: model, constraints: constraints, goals: goals)
        let circuit = gates.circuit
        let fixed = gates.fixed, tops = gates.tops, all = gates.all
        let questionAIG = circuit.builder.build()
        var question = EncodedQuestion(questionAIG)
        let solver = question.solver
        for input in circuit.inputs { _ = question.satLiteral(input) }   // every input has a value in a model
        var outcome: SATResult
        var assertedComparisons = 0
        var simulatedWitness: [UInt8]?
        var cubeStats = CubeSearchStats()
        if all == .false {   // settled by structural hashing: no call needed
            outcome = .unsatisfiable
            engine = .hashing
        } else if let found = Self.randomWitness(model: model, constraints: constraints, goals: goals, samples: randomSamples) {
            // Random contexts under the constraints first: a hit is a witness, replayed below like SAT's.
            simulatedWitness = found
            outcome = .satisfiable
            engine = .simulation
        } else if searchRounds > 0, let found = witnessSearch(model: model, constraints: constraints, goals: goals,
                                                               params: WitnessSearchParams(rounds: searchRounds, deadline: start + .milliseconds(Int64(timeLimit * 250)))) {
            // Then a beam search over contexts toward the goals: witnesses that are rare but a few bytes away.
            simulatedWitness = found
            outcome = .satisfiable
            engine = .search
        } else {
            // The cube search next: it settles questions whose constrained bytes decide the comparisons.
            outcome = .unknown
            engine = .cadical
            if maxCubes > 0 {
                let cubeDeadline = start + .milliseconds(Int64(timeLimit * 600))
                let search = cubeSearch(Self.cubeQuestion(questionAIG, all: all, constraints: constraints),
                                        params: CubeSearchParams(maxCubes: maxCubes, deadline: cubeDeadline))
                cubeStats = search.1
                switch search.0 {
                case .refuted: outcome = .unsatisfiable; engine = .cubes
                case .satisfied(let inputs): simulatedWitness = ContextBits.context(from: inputs); outcome = .satisfiable; engine = .cubes
                case .unknown: break
                }
            }
            if outcome == .unknown {
                solver.addClause(question.satLiteral(fixed))
                (outcome, assertedComparisons) = Self.solveLazily(question: &question, tops: tops, model: model, deadline: deadline)
            }
        }
        cubes = cubeStats.cubes
        self.constraints = constraints.map(\.text)
        self.goals = goals.map(\.description)
        cnfVariables = solver.variableCount
        cnfClauses = solver.clauseCount
        satCalls = solver.calls
        foundBySimulation = simulatedWitness != nil
        self.assertedComparisons = assertedComparisons
        switch outcome {
        case .unsatisfiable:
            result = .unsat
        case .unknown:
            result = .unknown
        case .satisfiable:
            let w = model.contextLength
            let context = simulatedWitness ?? ContextBits.context(from: question.inputValues())
            // Replay: the constraints and goals must hold on the simulated circuit.
            let prediction = model.predictions(contexts: context, count: 1)[0]
            let nodes = NodeValues(model, contexts: context, count: 1)
            for constraint in constraints where !constraint.allowed.contains(context[w - constraint.position]) {
                throw QueryError(description: "the SAT witness breaks \(constraint.text) when replayed: the encoding is wrong")
            }
            for goal in goals {
                let holds = Self.holds(goal, prediction, model, nodes: nodes)
                guard holds else { throw QueryError(description: "the SAT witness breaks \(goal.description) when simulated: the encoding is wrong") }
            }
            result = .sat
            witness = hexString(context)
            witnessText = context.map(printableByte).joined()
            witnessPrediction = Int(model.classBytes[prediction.topClass])
        }
        seconds = Interpret.seconds(since: start)
    }
}
