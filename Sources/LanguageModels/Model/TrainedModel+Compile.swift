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
        switch self {
        case .gateNetwork(let c):
            var network = c.model.discretized()
            let readout = c.model.readoutParameters
            var note: String?, report: ReadoutPruningReport?, before: Double?, after: Double?
            if let pruning {
                let split = CorpusSplit(pruning.text)
                let (result, pruned) = network.prunedReadout(text: pruning.text.bytes, trainingPositions: split.training, readout: readout,
                                                              options: pruning.options, progress: pruning.progress)
                let b = try CircuitLanguageModel(network.circuit(readout: readout)).bitsPerByte(on: pruning.text.bytes, positions: split.validation)
                let a = try CircuitLanguageModel(result.circuit(readout: readout)).bitsPerByte(on: pruning.text.bytes, positions: split.validation)
                note = String(format: "gatelm readout pruned (approximate): %d of %d votes constant on %d training contexts of %@; "
                              + "validation bits/byte %.4f -> %.4f", pruned.prunedGates, network.classCount * network.groupSize,
                              pruned.samples, pruning.text.name, b, a)
                (report, before, after) = (pruned, b, a)
                network = result
            }
            var aig = network.circuit(argmax: argmax, readout: readout, nodeNames: nodeNames)
            if let note { aig.comments.insert(note, at: min(3, aig.comments.count)) }
            let unhashed = network.circuit(argmax: argmax, readout: readout, structuralHashing: false)
            return Compilation(aig: aig, summary: "\(network.gateCount) learned gates; \(unhashed.andCount) ANDs as written, \(aig.andCount) after structural hashing",
                               pruningNote: note, pruningReport: report, validationBefore: before, validationAfter: after)
        case .ternaryRNN(let c):
            guard pruning == nil else {
                throw CircuitLanguageModel.InterfaceError(description: "--prune-readout prunes the votes of a window family's readout; a ternary model has none")
            }
            let aig = try circuit(nodeNames: nodeNames, argmax: argmax)
            let n = c.network
            return Compilation(aig: aig, summary: String(format: "%d state latches, %d threshold gates over %d inputs each, zero fraction %.3f; %d ANDs",
                                                         n.stateBits, 2 * n.stateBits, n.inputWidth, n.zeroFraction, aig.andCount))
        case .symbolic(let m):
            guard pruning == nil else {
                throw CircuitLanguageModel.InterfaceError(description: "--prune-readout prunes the votes of a window family's readout; a symbolic program has none")
            }
            let aig = m.circuit(nodeNames: nodeNames, argmax: argmax)
            let c = m.program.counts
            return Compilation(aig: aig, summary: "\(c.rules) rules, \(c.heads) heads, \(c.shifts) shifts over \(m.interpreter.universe.count) labels; "
                               + "W = \(m.interpreter.windowLength); \(m.interpreter.predictionLabels.count + 1) winners, scores of \(m.table.bits) bits "
                               + "(\(m.table.scale) per bit); \(aig.andCount) ANDs")
        }
    }
}
