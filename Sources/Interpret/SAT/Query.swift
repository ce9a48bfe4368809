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

        public var description: String {
            switch self {
            case .top(let b): return "top = \(printableByte(b))"
            case .notTop(let b): return "top != \(printableByte(b))"
            case .score(let b, let relation, let n): return "score(\(printableByte(b))) \(relation.rawValue) \(n)"
            }
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
    public var seconds: Double

    public struct QueryError: Error, CustomStringConvertible {
        public var description: String
    }

    public init(model: CircuitLanguageModel, constraints: [ContextConstraint], goals: [Goal], timeLimit: Double = 60) throws(QueryError) {
        let start = ContinuousClock.now
        var circuit = PredictionCircuit(model)
        var conditions = [Literal]()
        func classOf(_ byte: UInt8) throws(QueryError) -> Int {
            guard let c = model.classIndex(of: byte) else {
                throw QueryError(description: "the model has no class for byte 0x\(hexString([byte])) (\(printableByte(byte))): its score is not an output")
            }
            return c
        }
        for constraint in constraints { conditions.append(circuit.byte(at: constraint.position, in: constraint.allowed)) }
        for goal in goals {
            switch goal {
            case .top(let b): conditions.append(circuit.isTop(try classOf(b)))
            case .notTop(let b): conditions.append(!circuit.isTop(try classOf(b)))
            case .score(let b, let relation, let n): conditions.append(circuit.score(try classOf(b), relation, n))
            }
        }
        let all = circuit.builder.and(conditions)
        var question = EncodedQuestion(circuit.builder.build())
        let solver = question.solver
        for input in circuit.inputs { _ = question.satLiteral(input) }   // every input has a value in a model
        let outcome: SATResult
        if all == .false {   // settled by structural hashing: no call needed
            outcome = .unsatisfiable
        } else {
            solver.addClause(question.satLiteral(all))
            outcome = solver.solve(deadline: start + .milliseconds(Int64(timeLimit * 1000)))
        }
        self.constraints = constraints.map(\.text)
        self.goals = goals.map(\.description)
        cnfVariables = solver.variableCount
        cnfClauses = solver.clauseCount
        satCalls = solver.calls
        switch outcome {
        case .unsatisfiable:
            result = .unsat
        case .unknown:
            result = .unknown
        case .satisfiable:
            let w = model.contextLength
            var context = [UInt8](repeating: 0, count: w)
            for (b, on) in question.inputValues().enumerated() where on { context[w - 1 - b / 8] |= 1 << UInt8(b % 8) }
            // Replay: the constraints and goals must hold on the simulated circuit.
            let prediction = model.predictions(contexts: context, count: 1)[0]
            for constraint in constraints where !constraint.allowed.contains(context[w - constraint.position]) {
                throw QueryError(description: "the SAT witness breaks \(constraint.text) when replayed: the encoding is wrong")
            }
            for goal in goals {
                let holds: Bool
                switch goal {
                case .top(let b): holds = prediction.topClass == (try classOf(b))
                case .notTop(let b): holds = prediction.topClass != (try classOf(b))
                case .score(let b, let relation, let n):
                    let s = Int(prediction.scores[try classOf(b)])
                    switch relation {
                    case .atLeast: holds = s >= n
                    case .atMost: holds = s <= n
                    case .greater: holds = s > n
                    case .less: holds = s < n
                    case .equal: holds = s == n
                    case .notEqual: holds = s != n
                    }
                }
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
