import Circuits
import Foundation
import GateLMSupport
import Learning
import Symbolic
import Text

/// A model of any family, as `gatelm train` writes it (or a `.symtx` program): what `eval`,
/// `verify`, `compile` and the rest need, behind one type, so that no command asks which
/// family it holds. The families are in `ModelFamilies.all`.
public struct TrainedModel {
    /// The family's model.
    public let model: any FamilyModel

    public init(_ model: any FamilyModel) { self.model = model }

    /// Reads the model at `path`: a checkpoint, or a text file of a family written as text (a
    /// `.symtx` program) fitted on the training split of `corpus()` (called only for those).
    public static func read(from path: String, corpus: () throws -> Corpus) throws -> TrainedModel {
        if InterchangeModel.isDirectory(path) { return try read(interchange: path) }
        if let family = ModelFamilies.sourceFamily(of: path) {
            let source: [UInt8]
            do { source = try InputFile.read(path) } catch { throw CheckpointFormatError(description: error.description) }
            return TrainedModel(try family.model(source: source, name: path, fittedOn: corpus))
        }
        return try read(from: path).model
    }

    /// Reads the interchange directory at `path` (docs/interchange.md), by the family its config names.
    public static func read(interchange path: String) throws -> TrainedModel {
        TrainedModel(try ModelFamilies.model(interchange: try InterchangeModel.read(directory: path), source: path))
    }

    /// The model in the interchange format (`gatelm export`).
    public func interchange() throws -> InterchangeModel { try model.interchange() }
    /// The wiring of the model's k-bit units, for a family that has them (see `FamilyModel.unitConnections`).
    public func unitConnections() throws -> [UnitConnections]? { try model.unitConnections() }

    /// Reads the model at `path` (`-`: standard input), recognised by the kind in its metadata.
    public static func read(from path: String) throws -> (model: TrainedModel, file: Checkpoint) {
        let file = try Checkpoint.read(from: path)
        return (try TrainedModel(file: file, source: path), file)
    }

    /// The model in an intact container, validated by the loader of the family its kind names.
    public init(file: Checkpoint, source: String) throws(CheckpointFormatError) {
        struct Kind: Decodable { var kind: String }
        let kind = (try? JSONDecoder().decode(Kind.self, from: Data(file.metadata.utf8)))?.kind
        guard let kind else { throw CheckpointFormatError(description: "\(source): not a GateLM model: its metadata has no kind") }
        guard let family = ModelFamilies.family(ofKind: kind) else {
            throw CheckpointFormatError(description: "\(source): a \(kind) checkpoint, which is no model family of GateLM (\(ModelFamilies.kinds.joined(separator: ", ")))")
        }
        self.model = try family.model(file: file, source: source)
    }

    /// `gates`, `hybrid`, `ternary` or `symbolic`, as `gatelm train` names them.
    public var family: String { model.family }
    public var vocabulary: ByteVocabulary { model.vocabulary }
    public var training: TrainingRecord { model.training }
    /// ε of the circuit's readout.
    public var epsilon: Double { model.epsilon }

    /// The compiled circuit (see `FamilyModel.circuit`).
    public func circuit(nodeNames: Bool = false, argmax: Bool = false) throws -> AIG { try model.circuit(nodeNames: nodeNames, argmax: argmax) }

    /// The discrete forward pass's class scores (see `FamilyModel.discreteScores`).
    public func discreteScores(of positions: Range<Int>, in text: [UInt8]) throws -> [Int32] { try model.discreteScores(of: positions, in: text) }

    /// Bits per byte of the model's forms on `positions`: the soft (relaxed) model where the
    /// family has one, the discrete forward pass and the compiled circuit (simulated).
    public func evaluate(on text: [UInt8], positions: Range<Int>) throws -> ModelEvaluation { try model.evaluate(on: text, positions: positions) }

    public var learnedMechanisms: [String] { model.learnedMechanisms }
    public var countedMechanisms: [String] { model.countedMechanisms }
    public var writtenMechanisms: String? { model.writtenMechanisms }
    public var size: [(key: String, value: Double)] { model.size }
}

/// Bits per byte of one model's forms on the same positions.
public struct ModelEvaluation: Sendable, Hashable {
    /// The relaxed model's (nil for a family whose forward pass is already discrete).
    public var softBitsPerByte: Double?
    public var discreteBitsPerByte: Double
    public var circuitBitsPerByte: Double
    public var bytes: Int
    public var ands: Int
}

extension ModelEvaluation {
    /// The evaluation of a family whose forward pass is already discrete: its bits per byte on
    /// `positions` of `text` beside those of its compiled circuit `aig`, simulated.
    init(discreteBitsPerByte: Double, circuit aig: AIG, on text: [UInt8], positions: Range<Int>) throws {
        let circuit = try CircuitLanguageModel(aig)
        self.init(softBitsPerByte: nil, discreteBitsPerByte: discreteBitsPerByte, circuitBitsPerByte: try circuit.bitsPerByte(on: text, positions: positions),
                  bytes: positions.count, ands: aig.andCount)
    }
}
