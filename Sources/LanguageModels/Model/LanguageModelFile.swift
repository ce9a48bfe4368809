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
    /// (a GateLM checkpoint or an AIGER file) or as a text model (a `.symtx` program), which is fitted on the
    /// training split of `corpus()` (default: the default corpus); every error names the file.
    public static func load(_ path: String, corpus: () throws -> Corpus = { try Corpus.default() }) throws(LoadError) -> CircuitLanguageModel {
        if InterchangeModel.isDirectory(path) {
            do { return try CircuitLanguageModel(TrainedModel.read(interchange: path).circuit(nodeNames: true)) } catch {
                throw LoadError(description: "\(error)")
            }
        }
        let bytes: [UInt8]
        do { bytes = try InputFile.read(path) } catch { throw LoadError(description: error.description) }
        return try load(bytes: bytes, name: path, corpus: corpus)
    }

    /// The circuit of the interchange model whose two files hold `config` and `tensors`, read
    /// from the directory `name` by a caller that confines what it reads (the MCP server).
    public static func load(interchangeConfig config: [UInt8], tensors: [UInt8], name: String) throws(LoadError) -> CircuitLanguageModel {
        do {
            let file = try SafeTensors(decoding: tensors, source: name + "/" + InterchangeModel.tensorsName)
            let model = try ModelFamilies.model(interchange: InterchangeModel.decode(config: config, tensors: file, source: name + "/" + InterchangeModel.configName),
                                                source: name)
            return try CircuitLanguageModel(model.circuit(nodeNames: true, argmax: false))
        } catch { throw LoadError(description: "\(error)") }
    }

    /// The circuit of the model whose file contents are `bytes`, read from `name` (its
    /// extension tells a `.symtx` program or an AIGER file; errors quote it).
    public static func load(bytes: [UInt8], name: String, corpus: () throws -> Corpus = { try Corpus.default() }) throws(LoadError) -> CircuitLanguageModel {
        if let family = ModelFamilies.sourceFamily(of: name) {
            do {
                let model = try family.model(source: bytes, name: name, fittedOn: corpus)
                return try CircuitLanguageModel(model.circuit(nodeNames: true, argmax: false))
            } catch { throw LoadError(description: "\(error)") }
        }
        let aig: AIG
        if bytes.starts(with: Checkpoint.magic) {
            do {
                let file = try Checkpoint(decoding: bytes, source: name)
                aig = try TrainedModel(file: file, source: name).circuit(nodeNames: true)
            } catch {
                throw LoadError(description: "\(error)")
            }
        } else if isCircuit(name) || bytes.starts(with: Array("aag".utf8)) || bytes.starts(with: Array("aig".utf8)) {
            do { aig = try AIGERReader.read(bytes: bytes) } catch {
                var located = error
                located.path = name
                throw LoadError(description: located.description)
            }
        } else {
            throw LoadError(description: "\(name): not a model: neither a GateLM checkpoint (magic GLMCKPT) nor an AIGER file (aag/aig header)")
        }
        do { return try CircuitLanguageModel(aig) } catch { throw LoadError(description: "\(name): \(error)") }
    }
}
