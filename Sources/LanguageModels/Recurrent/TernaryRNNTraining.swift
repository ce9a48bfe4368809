import Foundation
import Learning
import Text

/// `gatelm train ternary`: a recurrent network with ternary weights and binary state, trained
/// by truncated BPTT over streams; its circuit is a finite state machine.
public enum TernaryRNNTraining: FamilyTraining {
    public static let name = "ternary"
    public static let abstract = "A recurrent network with ternary weights and binary state: a finite state machine in gates."
    public static let examples = ["--corpus tinyshakespeare.txt --minutes 30 --out shakespeare-rnn.gatelm",
                                  "--corpus tinyshakespeare.txt --minutes 30 --state-bits 256 --sparsity 1 --out small-rnn.gatelm"]
    public static let curveTitle = "Ternary recurrent network: bits per byte"
    public static let validationCurveName = "validation (the state machine)"
    /// Adam's learning rate when `--learning-rate` is absent.
    public static let defaultLearningRate: Float = 3e-3

    public static func modelOptions(_ options: TernaryRNNOptions, savedIn saved: TernaryRNNCheckpoint) -> [OptionComparison] {
        options.comparisons(with: saved)
    }

    public static func memoryEstimate(_ options: TernaryRNNOptions, classCount: Int) throws -> MemoryEstimate {
        let c = options.configuration(seed: 1)
        try c.validate()
        let h = c.stateBits, rows = c.streams * c.unrollLength
        // Per chunk row: v, a, z/n, derivatives, h′, their gradients, the dropout masks; per weight: the value, its
        // gradient, two moments, Ŵ, dŴ.
        let masks = c.dropout > 0 ? h + c.codeBits : 0
        return MemoryEstimate(count: rows * (12 * h + 2 * classCount + masks) + 8 * h * (h + c.codeBits), bytesEach: 4,
                              what: "training \(h) state bits over \(c.streams) streams × \(c.unrollLength) steps")
    }

    public static func initialState(_ options: TernaryRNNOptions, seed: UInt64, corpus: TrainingCorpus) throws -> TernaryRNNCheckpoint {
        let configuration = options.configuration(seed: seed)
        try configuration.validate()
        let training = corpus.split.training
        guard training.count / configuration.streams > configuration.unrollLength + 1 else {
            throw TrainingSetupError("the training split of \(corpus.name) (\(training.count) bytes) is too short for \(configuration.streams) "
                                     + "streams of \(configuration.unrollLength + 1) bytes: give fewer --streams or a shorter --unroll")
        }
        let vocabulary = ByteVocabulary(of: corpus.trainingBytes)
        // q starts at the log class frequencies, so the first steps learn the state, not the unigram.
        var counts = [Double](repeating: 1, count: vocabulary.count)
        for byte in corpus.trainingBytes { counts[vocabulary.classIndex(of: byte)!] += 1 }
        let total = counts.reduce(0, +)
        let network = TernaryRNN(configuration: configuration, classCount: vocabulary.count,
                                 initialReadoutBias: counts.map { Float(log($0 / total)) })
        var record = TrainingRecord()
        record.learningRate = options.learningRate ?? defaultLearningRate
        record.batch = configuration.streams
        record.corpus = corpus.identity
        return TernaryRNNCheckpoint(network: network, vocabulary: vocabulary, training: record)
    }

    public static func savedState(at path: String) throws -> (state: TernaryRNNCheckpoint, optimizer: Adam) {
        let (checkpoint, file) = try TernaryRNNCheckpoint.read(from: path)
        return (checkpoint, try TernaryRNNCheckpoint.optimizer(for: checkpoint, file: file))
    }

    public static func optimizer(for state: TernaryRNNCheckpoint) -> Adam {
        Adam(parameters: state.network.parameters, learningRate: state.training.learningRate)
    }

    public static func train(_ state: TernaryRNNCheckpoint, optimizer: Adam, options: TernaryRNNOptions, run: TrainingRun,
                             report: (TrainingProgress) -> Void) throws -> TernaryRNNCheckpoint {
        let trainerOptions = TrainerOptions(run: run, finalLearningRate: options.finalLearningRate)
        let trainer = TernaryRNNTrainer(checkpoint: state, optimizer: optimizer, text: run.corpus.bytes, split: run.corpus.split,
                                        options: trainerOptions)
        return try trainer.run(report: report)
    }

    public static func describe(_ state: TernaryRNNCheckpoint) -> String {
        let c = state.network.configuration
        return "\(state.vocabulary.count) classes, ternary recurrent: H=\(c.stateBits) state units of k=\(c.activationBits) bits, E=\(c.codeBits) code bits, "
            + "\(c.streams) streams × \(c.unrollLength) steps, Δ factor \(c.deltaFactor), "
            + "\(c.signedInputs ? "signed" : "binary") inputs, dropout \(c.dropout)"
    }

    public static func summary(of state: TernaryRNNCheckpoint) -> [String] {
        [String(format: "zero fraction of the ternary weights: %.3f", state.network.zeroFraction)]
    }

    /// Sixteen 2-bit state units, an 8-bit code, 4 streams of 8 steps.
    public static let sampleArguments = ["--state-bits", "16", "--activation-bits", "2", "--code-bits", "8", "--streams", "4", "--unroll", "8"]
    public static let changedModelArguments = [
        ["--state-bits", "12"], ["--activation-bits", "1"], ["--code-bits", "6"], ["--sparsity", "1"], ["--unroll", "6"], ["--streams", "3"],
        ["--surrogate-width", "1"], ["--initial-gain", "2"], ["--input-encoding", "signed"], ["--dropout", "0"],
        ["--learning-rate", "0.01"],
    ]
}

extension TernaryRNNCheckpoint: TrainingState {
    public var seed: UInt64 { network.configuration.seed }
    public var trainingName: String { TernaryRNNTraining.name }
}
