import Circuits
import Foundation
import Learning
import Symbolic
import Text

/// A trained model of any family, as `gatelm train` writes it: what `eval`, `verify` and
/// `compile` need, behind one type, so that the commands never ask which family they hold.
public enum TrainedModel {
    /// The window families (`gates`, `hybrid`): a logic-gate network over the last W bytes.
    case gateNetwork(GateNetworkCheckpoint)
    /// A ternary recurrent network with binary state.
    case ternaryRNN(TernaryRNNCheckpoint)
    /// A symbolic transformer program with its fitted rows.
    case symbolic(SymbolicModel)

    /// Reads the model at `path`: a checkpoint, or a `.symtx` program fitted on the training
    /// split of `corpus()` (called only for a program).
    public static func read(from path: String, corpus: () throws -> Corpus) throws -> TrainedModel {
        if SymbolicModel.isProgram(path) { return .symbolic(try SymbolicModel(contentsOf: path, fittedOn: corpus())) }
        return try read(from: path).model
    }

    /// Reads the model at `path` (`-`: standard input), recognised by the kind in its metadata.
    public static func read(from path: String) throws -> (model: TrainedModel, file: Checkpoint) {
        let file = try Checkpoint.read(from: path)
        return (try TrainedModel(file: file, source: path), file)
    }

    /// The model in an intact container, validated by its family's loader.
    public init(file: Checkpoint, source: String) throws(CheckpointFormatError) {
        struct Kind: Decodable { var kind: String }
        let kind = (try? JSONDecoder().decode(Kind.self, from: Data(file.metadata.utf8)))?.kind
        switch kind {
        case TernaryRNNCheckpoint.kind: self = .ternaryRNN(try TernaryRNNCheckpoint(file: file, source: source))
        case GateNetworkCheckpoint.kind: self = .gateNetwork(try GateNetworkCheckpoint(file: file, source: source))
        case let other?:
            throw CheckpointFormatError(description: "\(source): a \(other) checkpoint, which is no model family of GateLM (\(GateNetworkCheckpoint.kind), \(TernaryRNNCheckpoint.kind))")
        case nil:
            throw CheckpointFormatError(description: "\(source): not a GateLM model: its metadata has no kind")
        }
    }

    /// `gates`, `hybrid` or `ternary`, as `gatelm train --arch` names them.
    public var family: String {
        switch self {
        case .gateNetwork(let c): c.model.countMixer == nil ? "gates" : "hybrid"
        case .ternaryRNN: "ternary"
        case .symbolic: "symbolic"
        }
    }

    public var vocabulary: ByteVocabulary {
        switch self {
        case .gateNetwork(let c): c.model.vocabulary
        case .ternaryRNN(let c): c.vocabulary
        case .symbolic(let m): m.vocabulary
        }
    }

    public var training: GateNetworkCheckpoint.TrainingRecord {
        switch self {
        case .gateNetwork(let c): c.training
        case .ternaryRNN(let c): c.training
        case .symbolic(let m):
            {
                var record = GateNetworkCheckpoint.TrainingRecord()
                record.corpus = m.corpus
                return record
            }()
        }
    }

    /// ε of the circuit's readout.
    public var epsilon: Double {
        switch self {
        case .gateNetwork(let c): Double(c.model.readout.epsilon)
        case .ternaryRNN(let c): Double(c.network.configuration.epsilon)
        case .symbolic(let m): m.table.epsilon
        }
    }

    /// The compiled circuit with its readout recorded in the comments: combinational over the
    /// last W bytes, or sequential (a byte per clock, the state in latches). `argmax` adds the
    /// index of the first highest score (window families only).
    public func circuit(nodeNames: Bool = false, argmax: Bool = false) throws -> AIG {
        switch self {
        case .gateNetwork(let c):
            return c.model.discretized().circuit(argmax: argmax, readout: c.model.readoutParameters, nodeNames: nodeNames)
        case .ternaryRNN(let c):
            guard !argmax else { throw CircuitLanguageModel.InterfaceError(description: "--argmax is built for window circuits only") }
            let (machine, readout) = try c.discrete()
            return machine.circuit(readout: readout)
        case .symbolic(let m):
            return m.circuit(nodeNames: nodeNames, argmax: argmax)
        }
    }

    /// The discrete forward pass's class scores for the bytes at `positions` (position-major):
    /// the reference the circuit must equal, under the same reading as
    /// `CircuitLanguageModel.scores(of:in:)`.
    public func discreteScores(of positions: Range<Int>, in text: [UInt8]) throws -> [Int32] {
        switch self {
        case .gateNetwork(let c):
            let network = c.model.discretized(), w = network.contextLength
            var contexts = [UInt8](repeating: 0, count: positions.count * w)
            text.withUnsafeBufferPointer { bytes in
                contexts.withUnsafeMutableBufferPointer { ContextWindow(width: w).fill($0, for: positions, in: bytes) }
            }
            return network.scores(contexts: contexts, count: positions.count)
        case .ternaryRNN(let c):
            return try c.discrete().model.scores(of: positions, in: text)
        case .symbolic(let m):
            return m.scores(of: positions, in: text)
        }
    }

    /// Bits per byte of the model's forms on `positions`: the soft (relaxed) model where the
    /// family has one, the discrete forward pass and the compiled circuit (simulated).
    public func evaluate(on text: [UInt8], positions: Range<Int>) throws -> ModelEvaluation {
        switch self {
        case .gateNetwork(let c):
            let circuit = try CircuitLanguageModel(try self.circuit())
            let r = c.model.evaluate(on: text, positions: positions, circuit: circuit)
            return ModelEvaluation(softBitsPerByte: r.softBitsPerByte, discreteBitsPerByte: r.discreteBitsPerByte,
                                   circuitBitsPerByte: r.circuitBitsPerByte ?? .nan, bytes: r.bytes, ands: circuit.aig.andCount)
        case .ternaryRNN(let c):
            let (machine, readout) = try c.discrete()
            let circuit = try CircuitLanguageModel(machine.circuit(readout: readout))
            return ModelEvaluation(softBitsPerByte: nil,
                                   discreteBitsPerByte: machine.bitsPerByte(on: text, positions: positions, readout: readout),
                                   circuitBitsPerByte: try circuit.bitsPerByte(on: text, positions: positions),
                                   bytes: positions.count, ands: circuit.aig.andCount)
        case .symbolic(let m):
            let circuit = try CircuitLanguageModel(m.circuit())
            return ModelEvaluation(softBitsPerByte: nil, discreteBitsPerByte: m.bitsPerByte(on: text, positions: positions).quantised,
                                   circuitBitsPerByte: try circuit.bitsPerByte(on: text, positions: positions),
                                   bytes: positions.count, ands: circuit.aig.andCount)
        }
    }

    /// What gradient descent learned, in words.
    public var learnedMechanisms: [String] {
        switch self {
        case .gateNetwork(let c): c.model.learnedMechanisms
        case .ternaryRNN(let c):
            ["the \(c.network.codeBits)-bit byte code", "\(2 * c.network.stateBits) ternary threshold gates (update and candidate) over the \(c.network.stateBits) state bits and the code",
             "the ternary readout and its offsets"]
        case .symbolic: []
        }
    }

    /// What was counted from the training text rather than learned.
    public var countedMechanisms: [String] {
        switch self {
        case .gateNetwork(let c): c.model.countedMechanisms
        case .ternaryRNN: []
        case .symbolic(let m):
            ["the next-byte row of each of the \(m.interpreter.predictionLabels.count) prediction labels and the unigram"]
        }
    }

    /// What a person wrote rather than what was learned or counted (nil for the trained families).
    public var writtenMechanisms: String? {
        guard case .symbolic(let m) = self else { return nil }
        let c = m.program.counts
        return "the program: \(c.rules) rules, \(c.heads) heads and \(c.shifts) shifts over \(m.interpreter.universe.count) labels"
    }

    /// The model's size, by stable keys (for `--json`) in a fixed order.
    public var size: [(key: String, value: Double)] {
        switch self {
        case .gateNetwork(let c): [("gates", Double(c.model.gateCount))]
        case .ternaryRNN(let c):
            [("state_bits", Double(c.network.stateBits)), ("code_bits", Double(c.network.codeBits)),
             ("zero_fraction", c.network.zeroFraction)]
        case .symbolic(let m):
            [("labels", Double(m.interpreter.universe.count)), ("rules", Double(m.program.counts.rules)),
             ("heads", Double(m.program.counts.heads)), ("prediction_labels", Double(m.interpreter.predictionLabels.count))]
        }
    }
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
