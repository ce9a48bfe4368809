// The `checkpoint`, `ternary` and `integer` fuzz targets: every trained family's checkpoint loader,
// reached through the family registry as every command reaches it (a new family is fuzzed
// by adding seeds of its checkpoints, nothing else).
import LanguageModels
import Learning

/// The bytes as a checkpoint body (header and checksum added, so mutations reach the metadata
/// and the tensors), loaded by the family its kind names; a model that loads must compile to a
/// circuit. Only small files are compiled: a model's parameters are in its file, so the file's
/// size bounds the circuit's, and larger ones only cost time.
func fuzzModelCheckpoint(_ bytes: [UInt8]) {
    guard let file = try? Checkpoint(decoding: Checkpoint.sealed(body: bytes), source: "fuzz"),
          let model = try? TrainedModel(file: file, source: "fuzz") else { return }
    guard bytes.count <= 1 << 16 else { return }
    do { _ = try model.circuit(nodeNames: true) } catch {
        // Loaders validate what a circuit needs; a loaded model that cannot compile is a bug.
        fatalError("a checkpoint that loads does not compile: \(error)")
    }
}
