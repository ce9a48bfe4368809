import Circuits
import Foundation

/// Opening any model file as a `CircuitLanguageModel`: a compiled circuit
/// (`.aig`/`.aag`, also after optimisation) is read as it is; a trained model
/// of any family is compiled on the fly, with its node names. This is the one
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

    /// The circuit of the model at `path`; every error names the file.
    public static func load(_ path: String) throws(LoadError) -> CircuitLanguageModel {
        let aig: AIG
        if isCircuit(path) {
            guard FileManager.default.fileExists(atPath: path) else { throw LoadError(description: "\(path): no such file") }
            do { aig = try AIGERReader.read(path: path) } catch { throw LoadError(description: error.description) }
        } else {
            do {
                aig = try GateNetworkCheckpoint.read(from: path).checkpoint.model.circuit(nodeNames: true)
            } catch {
                throw LoadError(description: "\(error)")
            }
        }
        do { return try CircuitLanguageModel(aig) } catch { throw LoadError(description: "\(path): \(error)") }
    }
}
