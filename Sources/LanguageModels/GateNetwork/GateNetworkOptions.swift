import ArgumentParser
import CommandLineOptions

/// `gatelm train gates` and `gatelm train hybrid`: the gate network's shape, its training
/// record and its trainer's schedule (every option absent means the default).
public struct GateNetworkOptions: NumericOptions {
    @Option(parsing: .unconditional, help: "W: bytes of context (default \(GateNetworkConfiguration().contextLength)).")
    public var context: Int?

    @Option(parsing: .unconditional, help: "E: embedding bits per byte (default \(GateNetworkConfiguration().embeddingBits)).")
    public var embeddingBits: Int?

    @Option(help: "Widths of the hidden gate layers, comma-separated (default \(IntegerList.describe(GateNetworkConfiguration().hiddenWidths))).")
    public var widths: String?

    @Option(parsing: .unconditional, help: "k: gates per output class in the last layer (default \(GateNetworkConfiguration().groupSize)).")
    public var groupSize: Int?

    @Option(parsing: .unconditional, help: "GroupSum temperature τ (default √(k/8)).")
    public var tau: Float?

    @Option(parsing: .unconditional, help: "Initial logit of the pass-through gate (residual initialisation; default \(GateNetworkConfiguration().passThroughLogit)).")
    public var passThroughLogit: Float?

    @Option(help: "Orders of the learned hashed-context tables, comma-separated, or 'none' (default \(IntegerList.describe(GateNetworkConfiguration().hashedOrders)), without the orders beyond --context): each table has 2^(--hashed-row-bits) rows of E learned bits, picked by a hash of the last ORDER bytes.")
    public var hashedOrders: String?

    @Option(parsing: .unconditional, help: "Hash bits of each hashed-context table (default \(GateNetworkConfiguration().hashedRowBits)).")
    public var hashedRowBits: Int?

    @Option(help: "Wiring: 'recency' (more first-layer gates on recent bytes; the default) or 'uniform'.")
    public var wiring: String?

    @Option(parsing: .unconditional, help: "Minibatch size (a multiple of \(GateNetworkWorkspace.batchMultiple); default \(TrainingRecord().batch)).")
    public var batch: Int?

    @Option(parsing: .unconditional, help: "Adam learning rate (default \(TrainingRecord().learningRate)).")
    public var learningRate: Float?

    @Option(parsing: .unconditional, help: "Cosine-decay the learning rate to this fraction of --learning-rate by the end (1 = constant; default \(GateNetworkTrainer.Options().finalLearningRateFraction)).")
    public var finalLearningRate: Float?

    @Option(parsing: .unconditional, help: "Fraction of the budget at the end during which logits are sharpened toward the discrete model (0 = off; default \(GateNetworkTrainer.Options().sharpeningFraction)).")
    public var sharpenFraction: Double?

    @Option(parsing: .unconditional, help: "Total logit scale reached by the end of sharpening (default \(GateNetworkTrainer.Options().sharpeningScale)).")
    public var sharpenScale: Float?

    @Option(parsing: .unconditional, help: "Fraction of the budget at the end trained straight through the discretisation (0 = off; default \(GateNetworkTrainer.Options().straightThroughFraction)).")
    public var straightThroughFraction: Double?

    @Option(parsing: .unconditional, help: "Learning-rate factor applied when straight-through training starts (default \(GateNetworkTrainer.Options().straightThroughLearningRateScale)).")
    public var straightThroughLearningRateScale: Float?

    @Option(parsing: .unconditional, help: "Factor applied to all logits when straight-through training starts (default \(GateNetworkTrainer.Options().straightThroughLogitScale)).")
    public var straightThroughLogitScale: Float?

    @Flag(inversion: .prefixedNo,
          help: "Train the embedding straight through from the start (hard bits forward, sigmoid backward; default \(GateNetworkTrainer.Options().embeddingStraightThrough)).")
    public var hardEmbedding: Bool?

    @Option(parsing: .unconditional, help: "Scale of the Gumbel noise added to the gate logits at every step (0 = off); with --straight-through-fraction 1 --straight-through-learning-rate-scale 1, Gumbel straight-through training (default \(GateNetworkTrainer.Options().gumbelScale)).")
    public var gumbelNoise: Float?

    @Option(parsing: .unconditional, help: "Training positions the circuit's readout (τ, and a hybrid's count weights) is fitted on after training (0 = off; default \(GateNetworkTrainer.Options().calibrationSamples)).")
    public var calibrationSamples: Int?

    public init() {}

    public var numericOptions: [NumericOption] {
        typealias Limits = GateNetworkConfiguration.Limits
        return [
            .integer("--context", context, Limits.contextLength),
            .integer("--embedding-bits", embeddingBits, Limits.embeddingBits),
            .integer("--group-size", groupSize, Limits.groupSize),
            .integer("--hashed-row-bits", hashedRowBits, Limits.hashedRowBits),
            .real("--tau", tau, limits: Limits.temperature),
            .real("--pass-through-logit", passThroughLogit, limits: Limits.passThroughLogit),
            .integer("--batch", batch, GateNetworkWorkspace.batchMultiple...TrainingRecord.batchLimit),
            .real("--learning-rate", learningRate, 0...100, excludingLowerBound: true),
            .real("--final-learning-rate", finalLearningRate, 0...1),
            .real("--sharpen-fraction", sharpenFraction, 0...1),
            .real("--sharpen-scale", sharpenScale, 1...1e6),
            .real("--straight-through-fraction", straightThroughFraction, 0...1),
            .real("--straight-through-learning-rate-scale", straightThroughLearningRateScale, 0...100, excludingLowerBound: true),
            .real("--straight-through-logit-scale", straightThroughLogitScale, 0...1e6, excludingLowerBound: true),
            .real("--gumbel-noise", gumbelNoise, 0...100),
            .integer("--calibration-samples", calibrationSamples, 0...(1 << 24)),
        ]
    }

    public func validate() throws {
        try validateNumericOptions()
        if let batch, batch % GateNetworkWorkspace.batchMultiple != 0 {
            throw ValidationError("--batch must be a multiple of \(GateNetworkWorkspace.batchMultiple); got \(batch)")
        }
        if let wiring, GateNetworkConfiguration.Wiring(rawValue: wiring) == nil {
            throw ValidationError("unknown --wiring \(wiring): use one of \(GateNetworkConfiguration.Wiring.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let limits = GateNetworkConfiguration.Limits.self
        if let hashedOrders {
            guard let parsed = IntegerList.parseAllowingNone(hashedOrders), parsed.allSatisfy((1...contextLength).contains),
                  Set(parsed).count == parsed.count, limits.hashedTables.contains(parsed.count) else {
                throw ValidationError("--hashed-orders must be 'none' or at most \(limits.hashedTables.upperBound) distinct integers in "
                                      + "1...\(contextLength) (the context length), separated by commas; got \(hashedOrders.debugDescription)")
            }
        }
        if let widths {
            guard let parsed = IntegerList.parse(widths), parsed.allSatisfy(limits.hiddenWidth.contains),
                  limits.hiddenLayers.contains(parsed.count) else {
                throw ValidationError("--widths must be \(limits.hiddenLayers.lowerBound)...\(limits.hiddenLayers.upperBound) integers in "
                                      + "\(limits.hiddenWidth.lowerBound)...\(limits.hiddenWidth.upperBound), separated by commas; got \(widths.debugDescription)")
            }
        }
    }

    /// W as given, or the default.
    var contextLength: Int { context ?? GateNetworkConfiguration().contextLength }

    /// The configuration asked for (defaults where absent), without a count ROM.
    func configuration(seed: UInt64) -> GateNetworkConfiguration {
        var c = GateNetworkConfiguration()
        c.contextLength = contextLength
        if let embeddingBits { c.embeddingBits = embeddingBits }
        if let parsed = widths.flatMap(IntegerList.parse) { c.hiddenWidths = parsed }
        if let groupSize { c.groupSize = groupSize }
        if let parsed = hashedOrders.flatMap(IntegerList.parseAllowingNone) {
            c.hashedOrders = parsed
        } else {
            c.hashedOrders.removeAll { $0 > c.contextLength }   // the default orders a shorter context can hold
        }
        if let hashedRowBits { c.hashedRowBits = hashedRowBits }
        c.temperature = tau ?? GateNetworkConfiguration.recommendedTemperature(groupSize: c.groupSize)
        if let passThroughLogit { c.passThroughLogit = passThroughLogit }
        if let wiring, let parsed = GateNetworkConfiguration.Wiring(rawValue: wiring) { c.wiring = parsed }
        c.seed = seed
        return c
    }

    /// The training record a fresh model starts with.
    func record(corpus: CorpusIdentity?) -> TrainingRecord {
        var record = TrainingRecord()
        if let learningRate { record.learningRate = learningRate }
        if let batch { record.batch = batch }
        record.corpus = corpus
        return record
    }

    /// The options that shape the model or its record, against `saved`'s values.
    func comparisons(with saved: GateNetworkCheckpoint) -> [OptionComparison] {
        let c = saved.model.configuration, r = saved.training
        return [
            OptionComparison("--context", given: context, saved: c.contextLength),
            OptionComparison("--embedding-bits", given: embeddingBits, saved: c.embeddingBits),
            OptionComparison("--widths", given: widths.flatMap(IntegerList.parse), saved: c.hiddenWidths, describe: IntegerList.describe),
            OptionComparison("--group-size", given: groupSize, saved: c.groupSize),
            OptionComparison("--hashed-orders", given: hashedOrders.flatMap(IntegerList.parseAllowingNone), saved: c.hashedOrders,
                             describe: IntegerList.describe),
            OptionComparison("--hashed-row-bits", given: hashedRowBits, saved: c.hashedRowBits),
            OptionComparison("--tau", given: tau, saved: c.temperature ?? Float(c.groupSize).squareRoot()),
            OptionComparison("--pass-through-logit", given: passThroughLogit, saved: c.passThroughLogit),
            OptionComparison("--wiring", given: wiring, saved: c.wiring.rawValue),
            OptionComparison("--batch", given: batch, saved: r.batch),
            OptionComparison("--learning-rate", given: learningRate, saved: r.learningRate),
        ]
    }

    /// The trainer's options for `run` (schedule as given, defaults where absent).
    func trainerOptions(run: TrainingRun, seed: UInt64) -> GateNetworkTrainer.Options {
        let defaults = GateNetworkTrainer.Options()
        var options = defaults
        options.steps = run.steps
        options.seconds = run.seconds
        options.workers = run.threads
        options.validationInterval = run.validationInterval
        options.checkpointPath = run.checkpointPath
        options.seed = seed
        options.sharpeningFraction = sharpenFraction ?? defaults.sharpeningFraction
        options.sharpeningScale = sharpenScale ?? defaults.sharpeningScale
        options.straightThroughFraction = straightThroughFraction ?? defaults.straightThroughFraction
        options.straightThroughLearningRateScale = straightThroughLearningRateScale ?? defaults.straightThroughLearningRateScale
        options.embeddingStraightThrough = hardEmbedding ?? defaults.embeddingStraightThrough
        options.straightThroughLogitScale = straightThroughLogitScale ?? defaults.straightThroughLogitScale
        options.finalLearningRateFraction = finalLearningRate ?? defaults.finalLearningRateFraction
        options.gumbelScale = gumbelNoise ?? defaults.gumbelScale
        options.calibrationSamples = calibrationSamples ?? defaults.calibrationSamples
        return options
    }
}

/// `gatelm train hybrid`'s count ROM: the counted statistics mixed into the gate network's scores.
public struct CountROMOptions: NumericOptions {
    @Option(help: "Orders (bytes of context) of the count ROM's tables, comma-separated (default \(IntegerList.describe(GateNetworkConfiguration.hybridCountOrders)), without the orders beyond --context).")
    public var countOrders: String?

    @Option(parsing: .unconditional, help: "Row bits of a count table (default \(GateNetworkConfiguration().countRowBits)); orders whose context fits are counted exactly.")
    public var countRowBits: Int?

    @Option(parsing: .unconditional, help: "Classes kept per count-table row (default \(GateNetworkConfiguration().countSlots)).")
    public var countSlots: Int?

    @Option(help: "How the orders' votes combine: 'additive' (a class gets the vote of every order whose row holds it) or 'back-off' (only of the highest such order); default \(CountVotes(backOff: GateNetworkConfiguration().countBackOff).rawValue).")
    public var countVotes: CountVotes?

    /// `--count-votes`: how the count ROM's orders vote for a class.
    public enum CountVotes: String, ExpressibleByArgument, CaseIterable, Sendable {
        case additive
        case backOff = "back-off"
        init(backOff: Bool) { self = backOff ? .backOff : .additive }
    }

    public init() {}

    public var numericOptions: [NumericOption] {
        [.integer("--count-row-bits", countRowBits, GateNetworkConfiguration.Limits.countRowBits),
         .integer("--count-slots", countSlots, GateNetworkConfiguration.Limits.countSlots)]
    }

    public func validate() throws { try validateNumericOptions() }

    /// Checks `--count-orders` against the context length W.
    func validate(contextLength w: Int) throws {
        guard let countOrders else { return }
        let limits = GateNetworkConfiguration.Limits.self
        guard let parsed = IntegerList.parse(countOrders), parsed.allSatisfy((1...w).contains),
              Set(parsed).count == parsed.count, limits.countTables.contains(parsed.count), !parsed.isEmpty else {
            throw ValidationError("--count-orders must be 1...\(limits.countTables.upperBound) distinct integers in "
                                  + "1...\(w) (the context length), separated by commas; got \(countOrders.debugDescription)")
        }
    }

    /// `configuration` with the count ROM asked for (defaults where absent).
    func adding(to configuration: GateNetworkConfiguration) -> GateNetworkConfiguration {
        var c = configuration
        c.countOrders = countOrders.flatMap(IntegerList.parse) ?? GateNetworkConfiguration.hybridCountOrders.filter { $0 <= c.contextLength }
        if let countRowBits { c.countRowBits = countRowBits }
        if let countSlots { c.countSlots = countSlots }
        if let countVotes { c.countBackOff = countVotes == .backOff }
        return c
    }

    func comparisons(with saved: GateNetworkCheckpoint) -> [OptionComparison] {
        let c = saved.model.configuration
        return [
            OptionComparison("--count-orders", given: countOrders.flatMap(IntegerList.parse), saved: c.countOrders, describe: IntegerList.describe),
            OptionComparison("--count-row-bits", given: countRowBits, saved: c.countRowBits),
            OptionComparison("--count-slots", given: countSlots, saved: c.countSlots),
            OptionComparison("--count-votes", given: countVotes, saved: CountVotes(backOff: c.countBackOff), describe: \.rawValue),
        ]
    }
}

/// `gatelm train hybrid`: the gate network's options and the count ROM's.
public struct HybridOptions: NumericOptions {
    @OptionGroup(title: "Gate network") public var gates: GateNetworkOptions
    @OptionGroup(title: "Count ROM") public var counts: CountROMOptions

    public init() {}

    public var numericOptions: [NumericOption] { gates.numericOptions + counts.numericOptions }

    public func validate() throws { try counts.validate(contextLength: gates.contextLength) }
}
