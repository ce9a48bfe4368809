import Circuits
import Text

/// Compiling a trained model for `gatelm compile`.
extension TrainedModel {
    /// What `compile` reports beside the circuit.
    public struct Compilation {
        public var aig: AIG
        /// One line on the model's size and what structural hashing did.
        public var summary: String
        /// The approximate readout pruning applied, if any, as recorded in the circuit's comments.
        public var pruningNote: String?
        public var pruningReport: ReadoutPruningReport?
        public var validationBefore: Double?, validationAfter: Double?
    }

    /// Readout pruning's inputs: the corpus whose training contexts decide, and the options.
    public struct PruningRequest {
        public var text: Corpus
        public var options: ReadoutPruningOptions
        public var progress: (ReadoutPruningReport) -> Void
        public init(text: Corpus, options: ReadoutPruningOptions, progress: @escaping (ReadoutPruningReport) -> Void) {
            self.text = text
            self.options = options
            self.progress = progress
        }
    }

    /// The circuit (with node names in the comments when asked), optionally with the readout
    /// pruned (window families only; approximate, recorded in the comments).
    public func compile(argmax: Bool = false, nodeNames: Bool = false, pruning: PruningRequest? = nil) throws -> Compilation {
        try model.compile(argmax: argmax, nodeNames: nodeNames, pruning: pruning)
    }
}
