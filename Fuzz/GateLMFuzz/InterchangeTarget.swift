// The `interchange` fuzz target: the interchange directory reader (docs/interchange.md) on the
// bytes as the directory's two files, its safetensors container first, then config.json and
// the family's field-by-field validation, reached through the family registry as every
// command reaches it; and the scores-file reader on the same container.
import LanguageModels
import Learning

/// The bytes as a directory: a 2-byte little-endian length n, n bytes of `config.json`, then
/// the bytes of `model.safetensors` (the layout of the seeds in Fuzz/corpus/interchange).
func fuzzInterchange(_ bytes: [UInt8]) {
    guard bytes.count >= 2 else { return }
    let n = Int(bytes[0]) | Int(bytes[1]) << 8
    guard bytes.count >= 2 + n else { return }
    let config = Array(bytes[2 ..< 2 + n])
    guard let tensors = try? SafeTensors(decoding: Array(bytes[(2 + n)...]), source: "fuzz") else { return }
    // Whatever decodes must encode and decode back equal.
    guard let again = try? SafeTensors(decoding: tensors.encoded(), source: "fuzz-again"), again == tensors else {
        fatalError("a safetensors file that decodes does not read back equal after encoding")
    }
    _ = try? ReferenceScores(file: tensors, source: "fuzz")
    guard let interchange = try? InterchangeModel.decode(config: config, tensors: tensors, source: "fuzz"),
          let model = try? ModelFamilies.model(interchange: interchange, source: "fuzz") else { return }
    // A model that loads must export to what loads back with the same tensors, and compile (small ones).
    do {
        let exported = try model.interchange()
        let reloaded = try ModelFamilies.model(interchange: InterchangeModel.decode(config: exported.configBytes, tensors: exported.tensors, source: "fuzz-export"),
                                               source: "fuzz-export")
        let tensors = try reloaded.interchange().tensors
        precondition(tensors == exported.tensors, "an interchange model reads back different after exporting it")
    } catch {
        fatalError("an interchange model that loads does not export and load back: \(error)")
    }
    guard bytes.count <= 1 << 16 else { return }
    do { _ = try model.circuit(nodeNames: true, argmax: false) } catch {
        fatalError("an interchange model that loads does not compile: \(error)")
    }
}
