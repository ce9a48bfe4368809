import Circuits
import LanguageModels
import Solver

/// A model's circuit rebuilt in a builder so that questions about its
/// prediction become gates: "class c is the top prediction" is a set of
/// comparators over the score bit vectors (the builder's, not a
/// pseudo-Boolean constraint), and a context constraint is a truth table
/// over a byte's 8 inputs. `encode` then hands the question to CaDiCaL,
/// cone by cone.
struct PredictionCircuit {
    var builder: AIGBuilder
    /// The context inputs, `ctx[-p][b]` at 8·(p − 1) + b.
    let inputs: [Literal]
    /// Each class's score.
    let scores: [BitVector]
    /// The image of every variable of the model's AIG in the builder.
    let image: [Literal]

    init(_ model: CircuitLanguageModel) {
        let aig = model.aig
        var builder = AIGBuilder(expectedAnds: aig.andCount + 1024)
        let inputs = (0..<aig.inputCount).map { builder.addInput(name: aig.names.input($0)) }
        let image = builder.copyLogic(of: aig, leaves: inputs)
        scores = model.scoreOutputs.map { bits in bits.map { image.image(of: aig.outputs[$0]) } }
        self.image = image
        self.builder = builder
        self.inputs = inputs
    }

    /// True exactly when class `c` wins against `other` under the first-best
    /// rule (`Prediction.beats`, as gates): its score beats an earlier class's and is at least a later class's.
    mutating func beats(_ c: Int, _ other: Int) -> Literal {
        other < c ? builder.greaterThan(scores[c], scores[other]) : builder.greaterThanOrEqual(scores[c], scores[other])
    }

    /// True exactly when class `c` is the prediction: it wins against every other class.
    mutating func isTop(_ c: Int) -> Literal {
        builder.and(scores.indices.filter { $0 != c }.map { beats(c, $0) })
    }

    /// True exactly when class `c`'s score compares with `value` as `relation` says.
    mutating func score(_ c: Int, _ relation: ScoreRelation, _ value: Int) -> Literal {
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
