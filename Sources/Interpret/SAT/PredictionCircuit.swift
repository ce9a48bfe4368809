import Circuits
import LanguageModels
import Solver

/// A model's circuit rebuilt in a builder so that questions about its
/// prediction become gates: "class c is the top prediction" is a set of
/// comparators over the scores, and a context constraint is a truth table
/// over a byte's 8 inputs. The cube search and CaDiCaL then decide the question.
///
/// Arithmetic-aware where the readout allows: when each class's score is the popcount of its named votes (the
/// gate network's GroupSum), comparisons are built on unary counts (`AIGBuilder.sortingNetwork`) rather than on
/// the binary adder trees of the model's score outputs. Unary counts are monotone, so three-valued simulation
/// and unit propagation bound every score exactly by its votes (k known 1 and u unknown: the interval
/// [k, k + u]), where through an adder tree one unknown vote makes the high bits unknown. The encoding stays
/// plain gates, so refutations remain DRAT proofs over its Tseitin clauses.
struct PredictionCircuit {
    var builder: AIGBuilder
    /// The context inputs, `ctx[-p][b]` at 8·(p − 1) + b.
    let inputs: [Literal]
    /// Each class's score.
    let scores: [BitVector]
    /// The image of every variable of the model's AIG in the builder.
    let image: [Literal]
    /// Each class's votes (builder literals) when its score is their popcount; nil: compare the score outputs.
    let votes: [[Literal]]?
    /// Unary counts of the votes, built on first use.
    private var unary: [Int: [Literal]] = [:]

    init(_ model: CircuitLanguageModel) {
        let aig = model.aig
        var builder = AIGBuilder(expectedAnds: aig.andCount + 1024)
        let inputs = (0..<aig.inputCount).map { builder.addInput(name: aig.names.input($0)) }
        let image = builder.copyLogic(of: aig, leaves: inputs)
        scores = model.scoreOutputs.map { bits in bits.map { image.image(of: aig.outputs[$0]) } }
        self.image = image
        self.builder = builder
        self.inputs = inputs
        votes = Self.popcountVotes(model)?.map { group in group.map { image.image(of: $0) } }
    }

    /// The model's named votes, if every class's score equals the number of its votes that are 1 on 256
    /// random contexts and the all-zero one (a readout with other terms, such as a count ROM, fails this).
    static func popcountVotes(_ model: CircuitLanguageModel) -> [[Literal]]? {
        guard let groups = model.namedVotes else { return nil }
        let w = model.contextLength, count = 257
        var rng = SplitMix64(seed: 0x707C)
        var contexts = [UInt8](repeating: 0, count: count * w)
        for i in w ..< contexts.count { contexts[i] = UInt8(truncatingIfNeeded: rng.next()) }
        let scores = model.scores(contexts: contexts, count: count)
        let values = NodeValues(model, contexts: contexts, count: count)
        for k in 0..<count {
            for (c, group) in groups.enumerated() where group.filter({ values.value($0, pattern: k) }).count != Int(scores[k * groups.count + c]) {
                return nil
            }
        }
        return groups
    }

    /// Class `c`'s unary vote count (`votes` only).
    private mutating func unaryCount(_ c: Int) -> [Literal] {
        if let sorted = unary[c] { return sorted }
        let sorted = builder.sortingNetwork(votes![c])
        unary[c] = sorted
        return sorted
    }

    /// True exactly when class `c` wins against `other` under the first-best
    /// rule (`Prediction.beats`, as gates): its score beats an earlier class's and is at least a later class's.
    mutating func beats(_ c: Int, _ other: Int) -> Literal {
        if votes != nil {
            let a = unaryCount(c), b = unaryCount(other)
            return builder.unaryGreaterOrEqual(a, b, margin: other < c ? 1 : 0)
        }
        return other < c ? builder.greaterThan(scores[c], scores[other]) : builder.greaterThanOrEqual(scores[c], scores[other])
    }

    /// True exactly when class `c` is the prediction: it wins against every other class.
    mutating func isTop(_ c: Int) -> Literal {
        builder.and(scores.indices.filter { $0 != c }.map { beats(c, $0) })
    }

    /// True exactly when class `c`'s score compares with `value` as `relation` says.
    mutating func score(_ c: Int, _ relation: ScoreRelation, _ value: Int) -> Literal {
        if votes != nil {
            let u = unaryCount(c)
            func atLeast(_ n: Int) -> Literal { AIGBuilder.unaryAtLeast(u, n) }
            switch relation {
            case .atLeast: return atLeast(value)
            case .atMost: return !atLeast(value + 1)
            case .greater: return atLeast(value + 1)
            case .less: return !atLeast(value)
            case .equal: return builder.and(atLeast(value), !atLeast(value + 1))
            case .notEqual: return !builder.and(atLeast(value), !atLeast(value + 1))
            }
        }
        let x = scores[c]
        switch relation {
        case .atLeast: return builder.greaterThanOrEqual(x, value)
        case .atMost: return builder.lessThanOrEqual(x, value)
        case .greater: return builder.greaterThan(x, value)
        case .less: return builder.lessThan(x, value)
        case .equal: return builder.equal(x, value)
        case .notEqual: return !builder.equal(x, value)
        }
    }

    /// True exactly when the model's node `literal` (a literal of its AIG) is 1.
    func node(_ literal: Literal) -> Literal { image.image(of: literal) }

    /// True exactly when the byte at `position` (1 = most recent) is in `set`.
    mutating func byte(at position: Int, in set: ByteSet) -> Literal {
        let bits = Array(inputs[8 * (position - 1) ..< 8 * position])
        return builder.truthTable((0..<256).map { set.contains(UInt8($0)) }, inputs: bits)
    }
}

/// A comparison of a score with a constant.
public enum ScoreRelation: String, Sendable, Codable, CaseIterable {
    case atLeast = ">=", atMost = "<=", greater = ">", less = "<", equal = "==", notEqual = "!="
}

/// A circuit and its incremental CNF in one solver.
struct EncodedQuestion {
    let solver = SATSolver()
    var cnf: AIGCNF
    let aig: AIG

    init(_ aig: AIG) {
        self.aig = aig
        cnf = AIGCNF(aig)
    }

    mutating func satLiteral(_ literal: Literal) -> Int32 { cnf.literal(for: literal, in: solver) }

    /// The input values of the last satisfiable call (free inputs outside every encoded cone read 0).
    func inputValues() -> [Bool] {
        (0..<aig.inputCount).map { i in cnf.satVariable(of: 1 + i).map { solver.value($0) } ?? false }
    }
}
