// The `ternary` fuzz target: the ternary recurrent model's checkpoint loader.
import LanguageModels
import Learning

/// The bytes as a checkpoint body (header and checksum added, so mutations reach the
/// metadata and the tensors); a model that loads and folds must compile to a circuit when it is small.
func fuzzTernary(_ bytes: [UInt8]) {
    guard let file = try? Checkpoint(decoding: Checkpoint.sealed(body: bytes), source: "fuzz"),
          let checkpoint = try? TernaryRNNCheckpoint(file: file, source: "fuzz"),
          let (model, readout) = try? checkpoint.discrete() else { return }
    // Only small state machines are worth compiling here; the loader bounds the rest.
    if model.stateBits <= 64 { _ = model.circuit(readout: readout) }
}
