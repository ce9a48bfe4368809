import Circuits
import Foundation
import GateLMSupport
import Learning
import Text

/// Opening any model file as a `CircuitLanguageModel`: a compiled circuit
/// (`.aig`/`.aag`, also after optimisation) is read as it is; a trained model
/// of any family (a checkpoint, or an interchange directory) is compiled on the fly, with its node names. This is the one
/// place that knows which file holds which family.
public enum LanguageModelFile {
    /// Why a model file cannot be used.
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Whether `path` names a circuit file (by extension) rather than a trained model.
    public static func isCircuit(_ path: String) -> Bool {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        return ext == "aig" || ext == "aag"
    }

    /// The circuit of the model at `path` (`-`: standard input), recognised by its contents
    /// (a GateLM checkpoint or an AIGER file), as a directory (an interchange model) or as a text
    /// model (a `.symtx` program), which is fitted on the training split of `corpus()` (default:
    /// the default corpus); every error names the file.
    public static func load(_ path: String, corpus: () throws -> Corpus = { try Corpus.default() }) throws(LoadError) -> CircuitLanguageModel {
        try open(path, corpus: corpus).circuit
    }

    /// The model at `path` opened once: its circuit, and the model itself where the file holds one
    /// rather than a bare AIGER circuit (what `features` reads the units' wiring from).
    public static func open(_ path: String, corpus: () throws -> Corpus = { try Corpus.default() }) throws(LoadError) -> (circuit: CircuitLanguageModel, model: TrainedModel?) {
        if InterchangeModel.isDirectory(path) {
            do { return try opened(TrainedModel.read(interchange: path), name: path) } catch let error as LoadError { throw error } catch {
                throw LoadError(description: "\(error)")
            }
        }
        let bytes: [UInt8]
        do { bytes = try InputFile.read(path) } catch { throw LoadError(description: error.description) }
        return try open(bytes: bytes, name: path, corpus: corpus)
    }

    /// The circuit of the interchange model whose two files hold `config` and `tensors`, read
    /// from the directory `name` by a caller that confines what it reads (the MCP server).
    public static func load(interchangeConfig config: [UInt8], tensors: [UInt8], name: String) throws(LoadError) -> CircuitLanguageModel {
        let model: TrainedModel
        do {
            model = TrainedModel(try ModelFamilies.model(interchange: InterchangeModel.decode(config: config, tensorBytes: tensors, directory: name), source: name))
        } catch { throw LoadError(description: "\(error)") }
        return try opened(model, name: name).circuit
    }

    /// The circuit of the model whose file contents are `bytes`, read from `name` (its
    /// extension tells a `.symtx` program or an AIGER file; errors quote it).
    public static func load(bytes: [UInt8], name: String, corpus: () throws -> Corpus = { try Corpus.default() }) throws(LoadError) -> CircuitLanguageModel {
        try open(bytes: bytes, name: name, corpus: corpus).circuit
    }

    /// `open(_:corpus:)` on a file's contents.
    public static func open(bytes: [UInt8], name: String, corpus: () throws -> Corpus = { try Corpus.default() }) throws(LoadError) -> (circuit: CircuitLanguageModel, model: TrainedModel?) {
        if let family = ModelFamilies.sourceFamily(of: name) {
            let model: TrainedModel
            do { model = TrainedModel(try family.model(source: bytes, name: name, fittedOn: corpus)) } catch { throw LoadError(description: "\(error)") }
            return try opened(model, name: name)
        }
        if bytes.starts(with: Checkpoint.magic) {
            let model: TrainedModel
            do { model = try TrainedModel(file: Checkpoint(decoding: bytes, source: name), source: name) } catch { throw LoadError(description: "\(error)") }
            return try opened(model, name: name)
        }
        guard isCircuit(name) || bytes.starts(with: Array("aag".utf8)) || bytes.starts(with: Array("aig".utf8)) else {
            throw LoadError(description: "\(name): not a model: neither a GateLM checkpoint (magic GLMCKPT) nor an AIGER file (aag/aig header)")
        }
        let aig: AIG
        do { aig = try AIGERReader.read(bytes: bytes) } catch {
            var located = error
            located.path = name
            throw LoadError(description: located.description)
        }
        do { return (try CircuitLanguageModel(aig), nil) } catch { throw LoadError(description: "\(name): \(error)") }
    }

    /// A trained model with its circuit compiled, node names included.
    private static func opened(_ model: TrainedModel, name: String) throws(LoadError) -> (circuit: CircuitLanguageModel, model: TrainedModel?) {
        do { return (try CircuitLanguageModel(model.circuit(nodeNames: true)), model) } catch { throw LoadError(description: "\(error)") }
    }
}
