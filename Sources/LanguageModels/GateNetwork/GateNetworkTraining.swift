import CommandLineOptions
import Foundation
import Learning
import Text

/// `gatelm train gates`: a logic-gate network over the last W bytes, every mechanism learned.
public enum GatesTraining: FamilyTraining {
    public static let name = "gates"
    public static let abstract = "A logic-gate network over the last W bytes, every mechanism learned (the default)."
    public static let examples = ["--minutes 5 --out fortunes.gatelm",
                                  "--corpus tinyshakespeare.txt --minutes 20 --out shakespeare.gatelm",
                                  "--corpus tinyshakespeare.txt --minutes 20 --out shakespeare.gatelm --resume"]
    public static let curveTitle = GateNetworkTraining.curveTitle
    public static let validationCurveName = GateNetworkTraining.validationCurveName

    public static func modelOptions(_ options: GateNetworkOptions, savedIn saved: GateNetworkCheckpoint) -> [OptionComparison] {
        options.comparisons(with: saved)
    }
    public static func memoryEstimate(_ options: GateNetworkOptions, classCount: Int) throws -> MemoryEstimate {
        try GateNetworkTraining.memoryEstimate(options.configuration(seed: 1), record: options.record(corpus: nil), classCount: classCount)
    }
    public static func initialState(_ options: GateNetworkOptions, seed: UInt64, corpus: TrainingCorpus) throws -> GateNetworkCheckpoint {
        try GateNetworkTraining.initialState(options.configuration(seed: seed), record: options.record(corpus: corpus.identity), corpus: corpus)
    }
    public static func savedState(at path: String) throws -> (state: GateNetworkCheckpoint, optimizer: Adam) {
        try GateNetworkTraining.savedState(at: path)
    }
    public static func optimizer(for state: GateNetworkCheckpoint) -> Adam { GateNetworkTraining.optimizer(for: state) }
    public static func train(_ state: GateNetworkCheckpoint, optimizer: Adam, options: GateNetworkOptions, run: TrainingRun,
                             report: (TrainingProgress) -> Void) throws -> GateNetworkCheckpoint {
        try GateNetworkTraining.train(state, optimizer: optimizer, options: options, run: run, report: report)
    }
    public static func describe(_ state: GateNetworkCheckpoint) -> String { GateNetworkTraining.describe(state) }
    public static func summary(of state: GateNetworkCheckpoint) -> [String] { GateNetworkTraining.summary(of: state) }

    public static let sampleArguments = GateNetworkTraining.sampleArguments
    public static let changedModelArguments = GateNetworkTraining.changedModelArguments
}

/// `gatelm train hybrid`: the gate network plus a count ROM of the training split's n-gram
/// statistics, mixed in the score domain.
public enum HybridTraining: FamilyTraining {
    public static let name = "hybrid"
    public static let abstract = "A gate network plus a count ROM of the training split's n-gram statistics, mixed in the score domain."
    public static let examples = ["--corpus tinyshakespeare.txt --minutes 20 --out shakespeare-hybrid.gatelm",
                                  "--corpus tinyshakespeare.txt --minutes 20 --count-orders 1,2,3,4 --out shakespeare-hybrid.gatelm"]
    public static let curveTitle = GateNetworkTraining.curveTitle
    public static let validationCurveName = GateNetworkTraining.validationCurveName

    public static func modelOptions(_ options: HybridOptions, savedIn saved: GateNetworkCheckpoint) -> [OptionComparison] {
        options.gates.comparisons(with: saved) + options.counts.comparisons(with: saved)
    }
    public static func memoryEstimate(_ options: HybridOptions, classCount: Int) throws -> MemoryEstimate {
        try GateNetworkTraining.memoryEstimate(options.counts.adding(to: options.gates.configuration(seed: 1)),
                                               record: options.gates.record(corpus: nil), classCount: classCount)
    }
    public static func initialState(_ options: HybridOptions, seed: UInt64, corpus: TrainingCorpus) throws -> GateNetworkCheckpoint {
        try GateNetworkTraining.initialState(options.counts.adding(to: options.gates.configuration(seed: seed)),
                                             record: options.gates.record(corpus: corpus.identity), corpus: corpus)
    }
    public static func savedState(at path: String) throws -> (state: GateNetworkCheckpoint, optimizer: Adam) {
        try GateNetworkTraining.savedState(at: path)
    }
    public static func optimizer(for state: GateNetworkCheckpoint) -> Adam { GateNetworkTraining.optimizer(for: state) }
    public static func train(_ state: GateNetworkCheckpoint, optimizer: Adam, options: HybridOptions, run: TrainingRun,
                             report: (TrainingProgress) -> Void) throws -> GateNetworkCheckpoint {
        try GateNetworkTraining.train(state, optimizer: optimizer, options: options.gates, run: run, report: report)
    }
    public static func describe(_ state: GateNetworkCheckpoint) -> String { GateNetworkTraining.describe(state) }
    public static func summary(of state: GateNetworkCheckpoint) -> [String] { GateNetworkTraining.summary(of: state) }

    public static let sampleArguments = GateNetworkTraining.sampleArguments + ["--count-orders", "1,2", "--count-row-bits", "6"]
    public static let changedModelArguments = GateNetworkTraining.changedModelArguments
        + [["--count-orders", "1"], ["--count-row-bits", "7"], ["--count-slots", "1"], ["--count-votes", "back-off"]]
}

extension GateNetworkCheckpoint: TrainingState {
    public var seed: UInt64 { model.configuration.seed }
    public var trainingName: String { family }
}

/// What the two gate-network kinds share: everything but their options.
enum GateNetworkTraining {
    static let curveTitle = "Gate network: bits per byte"
    static let validationCurveName = "validation (soft model)"

    static func memoryEstimate(_ configuration: GateNetworkConfiguration, record: TrainingRecord, classCount: Int) throws -> MemoryEstimate {
        try configuration.validate(classCount: classCount)
        let gates = configuration.hiddenWidths.reduce(classCount * configuration.groupSize, +)
        // Per gate: 16 logits with gradient and two Adam moments, and a forward and a backward value per sample.
        return MemoryEstimate(count: gates, bytesEach: 16 * 16 + 8 * record.batch, what: "training \(gates) gates at batch \(record.batch)")
    }

    static func initialState(_ configuration: GateNetworkConfiguration, record: TrainingRecord,
                             corpus: TrainingCorpus) throws -> GateNetworkCheckpoint {
        let vocabulary = ByteVocabulary(of: corpus.trainingBytes)
        try configuration.validate(classCount: vocabulary.count)
        let counts = configuration.countStatistics(vocabulary: vocabulary, text: corpus.bytes, positions: corpus.split.training)
        return GateNetworkCheckpoint(model: GateNetworkModel(configuration: configuration, vocabulary: vocabulary, counts: counts),
                                     training: record)
    }

    static func savedState(at path: String) throws -> (state: GateNetworkCheckpoint, optimizer: Adam) {
        let (checkpoint, file) = try GateNetworkCheckpoint.read(from: path)
        do { try GateNetworkTrainer.checkTrainable(checkpoint) } catch { throw TrainingSetupError("--resume: \(path): \(error)") }
        return (checkpoint, try GateNetworkCheckpoint.optimizer(for: checkpoint, file: file))
    }

    static func optimizer(for state: GateNetworkCheckpoint) -> Adam {
        Adam(parameters: state.model.parameters, learningRate: state.training.learningRate)
    }

    static func train(_ state: GateNetworkCheckpoint, optimizer: Adam, options: GateNetworkOptions, run: TrainingRun,
                      report: (TrainingProgress) -> Void) throws -> GateNetworkCheckpoint {
        let trainer = GateNetworkTrainer(checkpoint: state, optimizer: optimizer, text: run.corpus.bytes, split: run.corpus.split,
                                         options: options.trainerOptions(run: run, seed: state.seed))
        return try trainer.run(report: report)
    }

    static func describe(_ state: GateNetworkCheckpoint) -> String {
        let model = state.model, c = model.configuration
        return "\(model.vocabulary.count) classes, W=\(c.contextLength) E=\(c.embeddingBits) "
            + "hashed orders=\(IntegerList.describe(c.hashedOrders)) layers=\(model.layers.map(\.gateCount)) gates=\(model.gateCount)"
            + (model.countMixer == nil ? "" : " count orders=\(IntegerList.describe(c.countOrders)) (counted, not learned)")
    }

    static func summary(of state: GateNetworkCheckpoint) -> [String] {
        guard let c = state.training.calibration else { return [] }
        return [String(format: "circuit readout calibrated on %d training positions: τ %.3f → %.3f%@, circuit %.4f → %.4f bits/byte there",
                       c.samples, c.temperatureBefore, c.temperatureAfter, c.refittedCountWeights ? " and the count ROM's weights refitted" : "",
                       c.bitsBefore, c.bitsAfter)]
    }

    /// Two bytes of context, a 4-bit embedding, one layer of 48 gates, groups of 8.
    static let sampleArguments = ["--context", "2", "--embedding-bits", "4", "--widths", "48", "--group-size", "8",
                                  "--hashed-orders", "2", "--hashed-row-bits", "6", "--batch", "32", "--calibration-samples", "64"]
    static let changedModelArguments = [
        ["--context", "3"], ["--embedding-bits", "5"], ["--widths", "32"], ["--group-size", "4"], ["--hashed-orders", "none"],
        ["--hashed-row-bits", "5"], ["--tau", "0.5"], ["--pass-through-logit", "1"], ["--wiring", "uniform"], ["--batch", "48"],
        ["--learning-rate", "0.01"],
    ]
}
