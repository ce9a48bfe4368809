import Circuits
import Foundation
import GateLMSupport
import Learning
import Text

/// A model family: the kind its checkpoints carry and how a checkpoint of that kind becomes a
/// model. A family is one folder with a type conforming to this and one line in
/// `ModelFamilies.all`; every command reaches its models through `TrainedModel`, never by name.
public protocol LanguageModelFamily {
    /// The `kind` in the metadata of the family's checkpoints (nil for a family with none).
    static var checkpointKind: String? { get }
    /// The family names it answers to (`gatelm train NAME`, `eval --json`'s `family`).
    static var names: [String] { get }
    /// The model in an intact container of the family's kind, validated field by field.
    static func model(file: Checkpoint, source: String) throws(CheckpointFormatError) -> any FamilyModel
    /// The extension of the family's model files (`gatelm`, `symtx`).
    static var fileExtension: String { get }
    /// The model in `source`, the text of a file named `name` with the family's extension, for a
    /// family whose models are written as text rather than saved as checkpoints (its
    /// `checkpointKind` is nil); `corpus()` gives what its statistics are fitted on.
    static func model(source: [UInt8], name: String, fittedOn corpus: () throws -> Corpus) throws -> any FamilyModel
    /// A small model of the family over `text`'s bytes, made without training (random
    /// parameters from `seed`, or a fixed small program): what the conformance tests check
    /// every family on, so a new family gets them by supplying this.
    static func sample(text: Corpus, seed: UInt64) throws -> any FamilyModel
    /// The kinds of model `gatelm train` trains in this family, one subcommand each (none for
    /// a family whose models are written rather than trained).
    static var trainings: [any FamilyTraining.Type] { get }
    /// The model of an interchange directory whose `family` is one of `names`, validated field by
    /// field (docs/interchange.md); `source` is the directory, for messages.
    static func model(interchange: InterchangeModel, source: String) throws -> any FamilyModel
}

extension LanguageModelFamily {
    public static var trainings: [any FamilyTraining.Type] { [] }

    public static func model(source: [UInt8], name: String, fittedOn corpus: () throws -> Corpus) throws -> any FamilyModel {
        throw CheckpointFormatError(description: "\(name): a \(names.joined(separator: "/")) model is a checkpoint, not a text file")
    }

    public static func model(interchange: InterchangeModel, source: String) throws -> any FamilyModel {
        throw InterchangeError("\(source): the \(names.joined(separator: "/")) family has no interchange format yet")
    }
}

/// What every command needs of a model, whatever its family.
public protocol FamilyModel {
    /// The family's name for this model (`gates`, `hybrid`, `ternary`, `symbolic`, …).
    var family: String { get }
    var vocabulary: ByteVocabulary { get }
    var training: TrainingRecord { get }
    /// ε of the circuit's readout.
    var epsilon: Double { get }
    /// The compiled circuit with its readout in the comments: combinational over the last W
    /// bytes, or sequential (a byte per clock, the state in latches); `argmax` adds the index of
    /// the first highest score where the family supports it.
    func circuit(nodeNames: Bool, argmax: Bool) throws -> AIG
    /// The circuit for `gatelm compile`, with its summary (and readout pruning where the family has a readout to prune).
    func compile(argmax: Bool, nodeNames: Bool, pruning: TrainedModel.PruningRequest?) throws -> TrainedModel.Compilation
    /// The discrete forward pass's class scores for `positions` (position-major): the reference
    /// the circuit must equal, read as `CircuitLanguageModel.scores(of:in:)` reads the circuit's.
    func discreteScores(of positions: Range<Int>, in text: [UInt8]) throws -> [Int32]
    /// Bits per byte of the model's forms on `positions`.
    func evaluate(on text: [UInt8], positions: Range<Int>) throws -> ModelEvaluation
    /// What gradient descent learned, in words.
    var learnedMechanisms: [String] { get }
    /// What was counted from the training text rather than learned.
    var countedMechanisms: [String] { get }
    /// What a person wrote rather than what was learned or counted (nil for trained families).
    var writtenMechanisms: String? { get }
    /// The model's size, by stable keys (for `--json`) in a fixed order.
    var size: [(key: String, value: Double)] { get }
    /// Writes the model's file (atomically), which `TrainedModel.read(from:corpus:)` reads back.
    func write(to path: String) throws
    /// The model in the interchange format (`gatelm export`; docs/interchange.md).
    func interchange() throws -> InterchangeModel
    /// The wiring of the k-bit units its circuit names (`L1.u17[b]`), for a family that has
    /// them; nil otherwise.
    func unitConnections() throws -> [UnitConnections]?
}

extension FamilyModel {
    public var writtenMechanisms: String? { nil }

    public func unitConnections() throws -> [UnitConnections]? { nil }

    public func interchange() throws -> InterchangeModel {
        throw InterchangeError("a \(family) model has no interchange format yet (the integer window family has: gatelm train integer)")
    }

    /// A family without a readout to prune: the circuit and a summary, pruning refused.
    func compileWithoutPruning(argmax: Bool, nodeNames: Bool, pruning: TrainedModel.PruningRequest?, what: String,
                               summary: (AIG) -> String) throws -> TrainedModel.Compilation {
        guard pruning == nil else {
            throw CircuitLanguageModel.InterfaceError(description: "--prune-readout prunes the votes of a window family's readout; \(what) has none")
        }
        let aig = try circuit(nodeNames: nodeNames, argmax: argmax)
        return TrainedModel.Compilation(aig: aig, summary: summary(aig))
    }
}

/// The families GateLM knows, in the order commands list them.
public enum ModelFamilies {
    public static var all: [any LanguageModelFamily.Type] { [GateNetworkFamily.self, TernaryRNNFamily.self, IntegerWindowFamily.self, SymbolicFamily.self] }

    /// The family whose checkpoints carry `kind`.
    public static func family(ofKind kind: String) -> (any LanguageModelFamily.Type)? {
        all.first { $0.checkpointKind == kind }
    }

    /// The family called `name` (`gatelm train NAME`, an interchange model's `family`).
    public static func family(named name: String) -> (any LanguageModelFamily.Type)? {
        all.first { $0.names.contains(name) }
    }

    /// The model of an interchange directory, by the family its config names.
    public static func model(interchange: InterchangeModel, source: String) throws -> any FamilyModel {
        guard let named = family(named: interchange.family) else {
            throw InterchangeError("\(source)/\(InterchangeModel.configName): family \(UntrustedText.quoted(interchange.family, limit: 40)) is no model family of GateLM "
                                   + "(\(all.flatMap { $0.names }.joined(separator: ", ")))")
        }
        return try named.model(interchange: interchange, source: source)
    }

    /// The family whose models are text files named like `path` (`.symtx`), if any.
    public static func sourceFamily(of path: String) -> (any LanguageModelFamily.Type)? {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        return all.first { $0.checkpointKind == nil && $0.fileExtension == ext }
    }

    /// Every kind `gatelm train` trains, in the order of `all`.
    public static var trainings: [any FamilyTraining.Type] { all.flatMap { $0.trainings } }

    /// What `gatelm train` trains when no kind is named: the best pure family (every mechanism
    /// learned, nothing counted) as measured on tinyshakespeare and fortunes at equal wall-clock
    /// (`docs/experiments/2026-12-06-integer-window.md`): the integer window family.
    public static var defaultTraining: any FamilyTraining.Type { IntegerWindowTraining.self }

    /// The checkpoint kinds, for messages.
    public static var kinds: [String] { all.compactMap { $0.checkpointKind } }
}
