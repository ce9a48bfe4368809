import Circuits
import Foundation
import GateLMSupport
import Learning
import Text

/// The ternary recurrent family (`ternary`): a finite state machine of ternary threshold gates.
public enum TernaryRNNFamily: LanguageModelFamily {
    public static let checkpointKind: String? = TernaryRNNCheckpoint.kind
    public static let names = ["ternary"]
    public static func model(file: Checkpoint, source: String) throws(CheckpointFormatError) -> any FamilyModel {
        try TernaryRNNCheckpoint(file: file, source: source)
    }
    public static let fileExtension = "gatelm"
    public static var trainings: [any FamilyTraining.Type] { [TernaryRNNTraining.self] }

    /// An untrained machine of 12 state units (of the default k bits) over a 6-bit code, its gains and biases drawn from
    /// `seed` and spread so that units fire on some inputs only.
    public static func sample(text: Corpus, seed: UInt64) throws -> any FamilyModel {
        var c = TernaryRNNConfiguration()
        c.stateBits = 12
        c.codeBits = 6
        c.seed = seed
        let vocabulary = ByteVocabulary(of: text.bytes)
        let network = TernaryRNN(configuration: c, classCount: vocabulary.count,
                                 initialReadoutBias: (0..<vocabulary.count).map { Float($0 % 5) * 0.37 - 0.6 })
        var rng = SplitMix64(seed: seed)
        for i in 0..<network.bias.count {
            network.bias[i] = rng.nextNormal(deviation: 0.7)
            network.gain[i] = rng.nextNormal(deviation: 2)
        }
        network.prepare()
        var record = TrainingRecord()
        record.corpus = .init(name: text.name, bytes: text.bytes)
        return TernaryRNNCheckpoint(network: network, vocabulary: vocabulary, training: record)
    }
}

extension TernaryRNNCheckpoint: FamilyModel {
    public var family: String { "ternary" }
    public var epsilon: Double { Double(network.configuration.epsilon) }

    public func circuit(nodeNames: Bool, argmax: Bool) throws -> AIG {
        guard !argmax else { throw CircuitLanguageModel.InterfaceError(description: "--argmax is built for window circuits only") }
        let (machine, readout) = try discrete()
        return machine.circuit(readout: readout)
    }

    public func compile(argmax: Bool, nodeNames: Bool, pruning: TrainedModel.PruningRequest?) throws -> TrainedModel.Compilation {
        let n = network
        return try compileWithoutPruning(argmax: argmax, nodeNames: nodeNames, pruning: pruning, what: "a ternary model") { aig in
            String(format: "%d state latches (%d units of %d bits), %d threshold gates over %d inputs each, zero fraction %.3f; %d ANDs",
                   n.stateBits * n.configuration.activationBits, n.stateBits, n.configuration.activationBits, 2 * n.stateBits,
                   n.inputWidth, n.zeroFraction, aig.andCount)
        }
    }

    public func discreteScores(of positions: Range<Int>, in text: [UInt8]) throws -> [Int32] {
        try discrete().model.scores(of: positions, in: text)
    }

    public func evaluate(on text: [UInt8], positions: Range<Int>) throws -> ModelEvaluation {
        let (machine, readout) = try discrete()
        return try ModelEvaluation(discreteBitsPerByte: machine.bitsPerByte(on: text, positions: positions, readout: readout),
                                   circuit: machine.circuit(readout: readout), on: text, positions: positions)
    }

    public var learnedMechanisms: [String] {
        ["the \(network.codeBits)-bit byte code",
         "\(2 * network.stateBits) ternary threshold units (update and candidate) over the \(network.stateBits) state units"
            + (network.configuration.activationBits > 1 ? " of \(network.configuration.activationBits) bits" : "") + " and the code",
         "the ternary readout and its offsets"]
    }
    public var countedMechanisms: [String] { [] }
    public var size: [(key: String, value: Double)] {
        [("state_bits", Double(network.stateBits)), ("activation_bits", Double(network.configuration.activationBits)),
         ("code_bits", Double(network.codeBits)), ("zero_fraction", network.zeroFraction)]
    }
    public func write(to path: String) throws { try write(to: path, optimizer: nil) }
}
