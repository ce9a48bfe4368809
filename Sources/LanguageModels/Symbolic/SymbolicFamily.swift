import Circuits
import GateLMSupport
import Learning
import Symbolic
import Text

/// The symbolic transformer (`symbolic`): a written `.symtx` program with next-byte rows fitted
/// on a corpus. It has no checkpoint: its file is the program.
public enum SymbolicFamily: LanguageModelFamily {
    public static let checkpointKind: String? = nil
    public static let names = ["symbolic"]
    public static func model(file: Checkpoint, source: String) throws(CheckpointFormatError) -> any FamilyModel {
        throw CheckpointFormatError(description: "\(source): a symbolic program is a .symtx text, not a checkpoint")
    }
    public static let fileExtension = "symtx"
    public static func model(source: [UInt8], name: String, fittedOn corpus: () throws -> Corpus) throws -> any FamilyModel {
        try SymbolicModel(source: source, name: name, fittedOn: corpus())
    }

    /// The sample's program: a group, a shift, two rules (one writing a label, one the current
    /// byte as a prediction label) and an unembed order.
    public static let sampleSource = """
        symtx 1
        window layers=1 span=2

        labels
          group letters = b:'a'..b:'z'

        layer 1
          shift p1 offset=1 copy=b:'t'
          rule w_th all {b:'h', p1.b:'t'} -> +w:th
          rule cur any {letters, b:' '} -> +c.@self

        unembed
          order w:th > c.b:*
          smooth dirichlet beta=1.0

        """

    /// `sampleSource` fitted on the training split of `text`, as reading a `.symtx` file fits it.
    public static func sample(text: Corpus, seed: UInt64) throws -> any FamilyModel {
        try SymbolicModel(source: Array(sampleSource.utf8), name: "sample.symtx", fittedOn: text)
    }
}

extension SymbolicModel: FamilyModel {
    public var family: String { "symbolic" }
    public var epsilon: Double { table.epsilon }

    public var training: TrainingRecord {
        var record = TrainingRecord()
        record.corpus = corpus
        return record
    }


    public func compile(argmax: Bool, nodeNames: Bool, pruning: TrainedModel.PruningRequest?) throws -> TrainedModel.Compilation {
        let c = program.counts
        return try compileWithoutPruning(argmax: argmax, nodeNames: nodeNames, pruning: pruning, what: "a symbolic program") { aig in
            "\(c.rules) rules, \(c.heads) heads, \(c.shifts) shifts over \(interpreter.universe.count) labels; "
                + "W = \(interpreter.windowLength); \(interpreter.predictionLabels.count + 1) winners, scores of \(table.bits) bits "
                + "(\(table.scale) per bit); \(aig.andCount) ANDs"
        }
    }

    public func discreteScores(of positions: Range<Int>, in text: [UInt8]) throws -> [Int32] { scores(of: positions, in: text) }

    public func evaluate(on text: [UInt8], positions: Range<Int>) throws -> ModelEvaluation {
        try ModelEvaluation(discreteBitsPerByte: bitsPerByte(on: text, positions: positions).quantised,
                            circuit: circuit(nodeNames: false, argmax: false) as AIG, on: text, positions: positions)
    }

    public var learnedMechanisms: [String] { [] }
    public var countedMechanisms: [String] { ["the next-byte row of each of the \(interpreter.predictionLabels.count) prediction labels and the unigram"] }
    public var writtenMechanisms: String? {
        let c = program.counts
        return "the program: \(c.rules) rules, \(c.heads) heads and \(c.shifts) shifts over \(interpreter.universe.count) labels"
    }
    public func write(to path: String) throws { try AtomicFile.write(program.text, to: path) }
    public var size: [(key: String, value: Double)] {
        [("labels", Double(interpreter.universe.count)), ("rules", Double(program.counts.rules)),
         ("heads", Double(program.counts.heads)), ("prediction_labels", Double(interpreter.predictionLabels.count))]
    }
}
