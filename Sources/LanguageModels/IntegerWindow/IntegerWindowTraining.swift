import CommandLineOptions
import Foundation
import Learning
import Text

/// `gatelm train integer`: a window network with ternary weights and k-bit integer activations
/// over byte codes and hashed-table rows; its circuit is adder trees and comparators.
public enum IntegerWindowTraining: FamilyTraining {
    public static let name = "integer"
    public static let abstract = "A window network with ternary weights and k-bit integer activations: adder trees and comparators."
    public static let examples = ["--corpus tinyshakespeare.txt --minutes 30 --out shakespeare-int.gatelm",
                                  "--corpus tinyshakespeare.txt --minutes 10 --activation-bits 3 --widths 512,256 --out int3.gatelm"]
    public static let curveTitle = "Integer window network: bits per byte"
    public static let validationCurveName = "validation (the integer circuit)"
    /// Adam's learning rate when `--learning-rate` is absent.
    public static let defaultLearningRate: Float = 3e-3

    public static func modelOptions(_ options: IntegerWindowOptions, savedIn saved: IntegerWindowCheckpoint) -> [OptionComparison] {
        options.comparisons(with: saved)
    }

    public static func memoryEstimate(_ options: IntegerWindowOptions, classCount: Int) throws -> MemoryEstimate {
        let c = options.configuration(seed: 1)
        try c.validate()
        let parameters = IntegerWindowNetwork.parameterCounts(configuration: c, classCount: classCount).reduce(0, +)
        let units = c.hiddenWidths.reduce(0, +)
        // Per parameter: the value, its gradient, two moments, the derived weights; per batch row: inputs and their
        // gradient, five buffers per unit, two per class.
        return MemoryEstimate(count: 6 * parameters + c.batchSize * (2 * c.inputWidth + 5 * units + 2 * classCount), bytesEach: 4,
                              what: "training \(units) integer units over \(c.inputWidth) inputs")
    }

    public static func initialState(_ options: IntegerWindowOptions, seed: UInt64, corpus: TrainingCorpus) throws -> IntegerWindowCheckpoint {
        let configuration = options.configuration(seed: seed)
        try configuration.validate()
        let vocabulary = ByteVocabulary(of: corpus.trainingBytes)
        // q starts at the log class frequencies, so the first steps learn the context, not the unigram.
        var counts = [Double](repeating: 1, count: vocabulary.count)
        for byte in corpus.trainingBytes { counts[vocabulary.classIndex(of: byte)!] += 1 }
        let total = counts.reduce(0, +)
        let network = IntegerWindowNetwork(configuration: configuration, classCount: vocabulary.count,
                                           initialReadoutBias: counts.map { Float(log($0 / total)) })
        var record = TrainingRecord()
        record.learningRate = options.learningRate ?? defaultLearningRate
        record.batch = configuration.batchSize
        record.corpus = corpus.identity
        return IntegerWindowCheckpoint(network: network, vocabulary: vocabulary, training: record)
    }

    public static func savedState(at path: String) throws -> (state: IntegerWindowCheckpoint, optimizer: Adam) {
        let (checkpoint, file) = try IntegerWindowCheckpoint.read(from: path)
        return (checkpoint, try IntegerWindowCheckpoint.optimizer(for: checkpoint, file: file))
    }

    public static func optimizer(for state: IntegerWindowCheckpoint) -> Adam {
        Adam(parameters: state.network.parameters, learningRate: state.training.learningRate)
    }

    public static func train(_ state: IntegerWindowCheckpoint, optimizer: Adam, options: IntegerWindowOptions, run: TrainingRun,
                             report: (TrainingProgress) -> Void) throws -> IntegerWindowCheckpoint {
        let trainerOptions = TrainerOptions(run: run, finalLearningRate: options.finalLearningRate)
        let trainer = IntegerWindowTrainer(checkpoint: state, optimizer: optimizer, text: run.corpus.bytes, split: run.corpus.split,
                                           options: trainerOptions)
        return try trainer.run(report: report)
    }

    public static func describe(_ state: IntegerWindowCheckpoint) -> String {
        let c = state.network.configuration
        return "\(state.vocabulary.count) classes, integer window: W=\(c.contextLength), E=\(c.codeWidth), k=\(c.activationBits) bits, "
            + "layers \(IntegerList.describe(c.hiddenWidths)), hashed orders \(IntegerList.describe(c.hashedOrders)) × 2^\(c.hashedRowBits) rows, "
            + "batch \(c.batchSize), Δ factor \(c.deltaFactor), dropout \(c.dropout), table dropout \(c.tableDropout), table decay \(c.tableWeightDecay)"
    }

    public static func summary(of state: IntegerWindowCheckpoint) -> [String] {
        [String(format: "zero fraction of the ternary weights: %.3f", state.network.zeroFraction)]
    }

    /// Sixteen 2-bit units over a 4-byte window, a 4-value code, one small table, batches of 16.
    public static let sampleArguments = ["--context", "4", "--code-width", "4", "--hashed-orders", "2", "--hashed-row-bits", "6",
                                         "--widths", "16", "--activation-bits", "2", "--batch", "16"]
    public static let changedModelArguments = [
        ["--context", "3"], ["--code-width", "5"], ["--hashed-orders", "none"], ["--hashed-row-bits", "5"], ["--widths", "12"],
        ["--activation-bits", "1"], ["--sparsity", "1"], ["--surrogate-width", "1"], ["--initial-gain", "2"], ["--dropout", "0"],
        ["--table-dropout", "0"], ["--table-decay", "0"], ["--batch", "8"], ["--learning-rate", "0.01"],
    ]
}

extension IntegerWindowCheckpoint: TrainingState {
    public var seed: UInt64 { network.configuration.seed }
    public var trainingName: String { IntegerWindowTraining.name }
}
