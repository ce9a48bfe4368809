import ArgumentParser
import Foundation
import GateLMSupport
import LanguageModels
import Learning
import Text

struct TrainCommand: NumericOptionsCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a language model: a logic-gate network over the last W bytes, or a ternary recurrent network with binary state.",
        discussion: """
            Trains on the first 90 % of the corpus (the last 10 % is validation), printing a live \
            progress line (step, training and validation bits/byte, throughput, time left). The \
            model is checkpointed atomically every minute and at the end; --resume continues a \
            run from its checkpoint. The loss curve is drawn beside the model as MODEL.curve.svg.

            Examples:
              gatelm train --minutes 5 --out fortunes.gatelm
              gatelm train --arch ternary --corpus tinyshakespeare.txt --minutes 30 --out shakespeare-rnn.gatelm
              gatelm train --corpus tinyshakespeare.txt --minutes 20 --out shakespeare.gatelm
              gatelm train --corpus tinyshakespeare.txt --minutes 20 --out shakespeare.gatelm --resume
            """
    )

    @Option(help: "Model family: 'gates' (every mechanism learned; the default), 'hybrid' (gates plus a count ROM of the training split's n-gram statistics, mixed in the score domain) or 'ternary' (a recurrent network with ternary weights and binary state: a finite state machine).")
    var arch: String?

    @OptionGroup var corpus: CorpusOption

    @Option(parsing: .unconditional, help: "Training time budget in minutes.")
    var minutes: Double?

    @Option(parsing: .unconditional, help: "Training steps (in total, counting a resumed run's earlier steps).")
    var steps: Int?

    @Option(parsing: .unconditional, help: "Seed of wiring, initial parameters and minibatches (default 1).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "W: bytes of context (default \(GateNetworkConfiguration().contextLength)).")
    var context: Int?

    @Option(parsing: .unconditional, help: "E: embedding bits per byte (default \(GateNetworkConfiguration().embeddingBits)).")
    var embeddingBits: Int?

    @Option(help: "Widths of the hidden gate layers, comma-separated (default \(GateNetworkConfiguration().hiddenWidths.map(String.init).joined(separator: ","))).")
    var widths: String?

    @Option(parsing: .unconditional, help: "k: gates per output class in the last layer (default \(GateNetworkConfiguration().groupSize)).")
    var groupSize: Int?

    @Option(parsing: .unconditional, help: "GroupSum temperature τ (default √(k/8)).")
    var tau: Float?

    @Option(parsing: .unconditional, help: "Initial logit of the pass-through gate (residual initialisation; default \(GateNetworkConfiguration().passThroughLogit)).")
    var passThroughLogit: Float?

    @Option(help: "Orders of the learned hashed-context tables, comma-separated, or 'none' (default \(Self.describeOrders(GateNetworkConfiguration().hashedOrders)), without the orders beyond --context): each table has 2^(--hashed-row-bits) rows of E learned bits, picked by a hash of the last ORDER bytes.")
    var hashedOrders: String?

    @Option(parsing: .unconditional, help: "Hash bits of each hashed-context table (default \(GateNetworkConfiguration().hashedRowBits)).")
    var hashedRowBits: Int?

    @Option(help: "Orders (bytes of context) of the count ROM's tables, comma-separated (--arch hybrid; default \(Self.describeOrders(GateNetworkConfiguration.hybridCountOrders)), without the orders beyond --context).")
    var countOrders: String?

    @Option(parsing: .unconditional, help: "Row bits of a count table (--arch hybrid; default \(GateNetworkConfiguration().countRowBits)); orders whose context fits are counted exactly.")
    var countRowBits: Int?

    @Option(parsing: .unconditional, help: "Classes kept per count-table row (--arch hybrid; default \(GateNetworkConfiguration().countSlots)).")
    var countSlots: Int?

    @Option(help: "Wiring: 'recency' (more first-layer gates on recent bytes; the default) or 'uniform'.")
    var wiring: String?

    @Option(parsing: .unconditional, help: "Fraction of the budget at the end during which logits are sharpened toward the discrete model (0 = off). Gate families; default \(GateNetworkTrainer.Options().sharpeningFraction).")
    var sharpenFraction: Double?

    @Option(parsing: .unconditional, help: "Total logit scale reached by the end of sharpening. Gate families; default \(GateNetworkTrainer.Options().sharpeningScale).")
    var sharpenScale: Float?

    @Option(parsing: .unconditional, help: "Fraction of the budget at the end trained straight through the discretisation (0 = off). Gate families; default \(GateNetworkTrainer.Options().straightThroughFraction).")
    var straightThroughFraction: Double?

    @Option(parsing: .unconditional, help: "Learning-rate factor applied when straight-through training starts. Gate families; default \(GateNetworkTrainer.Options().straightThroughLearningRateScale).")
    var straightThroughLearningRateScale: Float?

    @Option(parsing: .unconditional, help: "Factor applied to all logits when straight-through training starts. Gate families; default \(GateNetworkTrainer.Options().straightThroughLogitScale).")
    var straightThroughLogitScale: Float?

    @Flag(inversion: .prefixedNo,
          help: "Train the embedding straight through from the start (hard bits forward, sigmoid backward). Gate families; default \(GateNetworkTrainer.Options().embeddingStraightThrough).")
    var hardEmbedding: Bool?

    @Option(parsing: .unconditional, help: "Scale of the Gumbel noise added to the gate logits at every step (0 = off); with --straight-through-fraction 1 --straight-through-learning-rate-scale 1, Gumbel straight-through training. Gate families; default \(GateNetworkTrainer.Options().gumbelScale).")
    var gumbelNoise: Float?

    @Option(parsing: .unconditional, help: "Training positions the circuit's readout (τ, and a hybrid's count weights) is fitted on after training (0 = off). Gate families; default \(GateNetworkTrainer.Options().calibrationSamples).")
    var calibrationSamples: Int?

    @Option(parsing: .unconditional, help: "Cosine-decay the learning rate to this fraction of --learning-rate by the end (1 = constant). Default \(GateNetworkTrainer.Options().finalLearningRateFraction) for the gate families, \(TernaryRNNTrainer.Options().finalLearningRateFraction) for ternary.")
    var finalLearningRate: Float?

    @Option(parsing: .unconditional, help: "Minibatch size (a multiple of 16; default \(TrainingRecord().batch)).")
    var batch: Int?

    @Option(parsing: .unconditional, help: "Adam learning rate (default \(TrainingRecord().learningRate)).")
    var learningRate: Float?

    @Option(parsing: .unconditional, help: "Worker threads.")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Option(parsing: .unconditional, help: "Seconds between validations.")
    var validateEvery = GateNetworkTrainer.Options().validationInterval

    @Option(parsing: .unconditional, help: "H: state bits of --arch ternary (default \(TernaryRNNConfiguration().stateBits)).")
    var stateBits: Int?

    @Option(parsing: .unconditional, help: "E: bits of the byte code of --arch ternary (default \(TernaryRNNConfiguration().codeBits)).")
    var codeBits: Int?

    @Option(parsing: .unconditional, help: "Sparsity of --arch ternary: TWN's Δ = this · mean|w| per row; larger values give more zero weights and fewer gates (default \(TernaryRNNConfiguration().deltaFactor)).")
    var sparsity: Float?

    @Option(parsing: .unconditional, help: "Steps of truncated back-propagation through time per update, --arch ternary (default \(TernaryRNNConfiguration().unrollLength)).")
    var unroll: Int?

    @Option(parsing: .unconditional, help: "Streams trained side by side, --arch ternary (default \(TernaryRNNConfiguration().streams)).")
    var streams: Int?

    @Option(parsing: .unconditional, help: "Straight-through window of --arch ternary: the step's gradient passes where |pre-activation| ≤ this (default \(TernaryRNNConfiguration().surrogateWidth)).")
    var surrogateWidth: Float?

    @Option(parsing: .unconditional, help: "Initial gain of the normalised pre-activations, --arch ternary (default \(TernaryRNNConfiguration().initialGain)).")
    var initialGain: Float?

    @Option(parsing: .unconditional, help: "Dropout of --arch ternary's gate inputs while training, in 0...0.9 (inverted: the circuit drops nothing; default \(TernaryRNNConfiguration().dropout)).")
    var dropout: Float?

    @Option(parsing: .unconditional, help: "How --arch ternary's gates and readout see a bit while training: 'signed' (±1, centred) or 'binary' (0/1); both compile to the same kind of circuit (default \(TernaryRNNConfiguration().signedInputs ? "signed" : "binary")).")
    var inputEncoding: InputEncoding?

    /// The values of `--input-encoding`.
    enum InputEncoding: String, ExpressibleByArgument, CaseIterable {
        case signed, binary
        var isSigned: Bool { self == .signed }
    }

    @Option(help: "The model file to write.")
    var out: String

    @Flag(help: "Continue training the model in --out (model options given must match it; the corpus must be the same).")
    var resume = false

    @Flag(help: "Replace an existing --out instead of refusing to.")
    var force = false

    /// Every numeric option and its range (checked first in `validate()`).
    var numericOptions: [NumericOption] {
        [
            .real("--minutes", minutes, 0...10_080, excludingLowerBound: true),
            .integer("--steps", steps, 1...(1 << 40)),
            .integer("--seed", seed, OptionRange.seed),
            .integer("--context", context, GateNetworkConfiguration.Limits.contextLength),
            .integer("--embedding-bits", embeddingBits, GateNetworkConfiguration.Limits.embeddingBits),
            .integer("--group-size", groupSize, GateNetworkConfiguration.Limits.groupSize),
            .integer("--hashed-row-bits", hashedRowBits, GateNetworkConfiguration.Limits.hashedRowBits),
            .integer("--count-row-bits", countRowBits, GateNetworkConfiguration.Limits.countRowBits),
            .integer("--count-slots", countSlots, GateNetworkConfiguration.Limits.countSlots),
            .real("--tau", tau, Self.doubles(GateNetworkConfiguration.Limits.temperature)),
            .real("--pass-through-logit", passThroughLogit, Self.doubles(GateNetworkConfiguration.Limits.passThroughLogit)),
            .real("--sharpen-fraction", sharpenFraction, 0...1),
            .real("--sharpen-scale", sharpenScale, 1...1e6),
            .real("--straight-through-fraction", straightThroughFraction, 0...1),
            .real("--straight-through-learning-rate-scale", straightThroughLearningRateScale, 0...100, excludingLowerBound: true),
            .real("--straight-through-logit-scale", straightThroughLogitScale, 0...1e6, excludingLowerBound: true),
            .real("--final-learning-rate", finalLearningRate, 0...1),
            .real("--gumbel-noise", gumbelNoise, 0...100),
            .integer("--calibration-samples", calibrationSamples, 0...(1 << 24)),
            .integer("--batch", batch, 16...(1 << 20)),
            .real("--learning-rate", learningRate, 0...100, excludingLowerBound: true),
            .integer("--threads", threads, OptionRange.threads),
            .real("--validate-every", validateEvery, 0...1e6, excludingLowerBound: true),
            .integer("--state-bits", stateBits, TernaryRNNConfiguration.Limits.stateBits),
            .integer("--code-bits", codeBits, TernaryRNNConfiguration.Limits.codeBits),
            .real("--sparsity", sparsity, Self.doubles(TernaryRNNConfiguration.Limits.deltaFactor)),
            .integer("--unroll", unroll, TernaryRNNConfiguration.Limits.unrollLength),
            .integer("--streams", streams, TernaryRNNConfiguration.Limits.streams),
            .real("--surrogate-width", surrogateWidth, Self.doubles(TernaryRNNConfiguration.Limits.surrogateWidth)),
            .real("--initial-gain", initialGain, Self.doubles(TernaryRNNConfiguration.Limits.initialGain)),
            .real("--dropout", dropout, Self.doubles(TernaryRNNConfiguration.Limits.dropout)),
        ]
    }

    func validate() throws {
        try validateNumericOptions()
        if let arch, !Self.families.contains(arch) {
            throw ValidationError("unknown --arch \(arch): the available families are \(Self.families.joined(separator: ", "))")
        }
        try validateFamilyOptions()
        if arch != "hybrid" && (countOrders != nil || countRowBits != nil || countSlots != nil) {
            throw ValidationError("--count-orders, --count-row-bits and --count-slots shape the count ROM of --arch hybrid")
        }
        if let countOrders {
            let limits = GateNetworkConfiguration.Limits.self, w = context ?? GateNetworkConfiguration().contextLength
            guard let parsed = Self.parseWidths(countOrders), parsed.allSatisfy((1...w).contains),
                  Set(parsed).count == parsed.count, limits.countTables.contains(parsed.count), !parsed.isEmpty else {
                throw ValidationError("--count-orders must be 1...\(limits.countTables.upperBound) distinct integers in "
                                      + "1...\(w) (the context length), separated by commas; got \(countOrders.debugDescription)")
            }
        }
        if minutes == nil && steps == nil { throw ValidationError("give a budget: --minutes M or --steps N") }
        if let batch, batch % 16 != 0 { throw ValidationError("--batch must be a multiple of 16; got \(batch)") }
        if resume && force { throw ValidationError("--resume continues --out and --force replaces it: give one") }
        if let wiring, GateNetworkConfiguration.Wiring(rawValue: wiring) == nil {
            throw ValidationError("unknown --wiring \(wiring): use one of \(GateNetworkConfiguration.Wiring.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let hashedOrders {
            let limits = GateNetworkConfiguration.Limits.self, w = context ?? GateNetworkConfiguration().contextLength
            guard let parsed = Self.parseOrders(hashedOrders), parsed.allSatisfy((1...w).contains),
                  Set(parsed).count == parsed.count, limits.hashedTables.contains(parsed.count) else {
                throw ValidationError("--hashed-orders must be 'none' or at most \(limits.hashedTables.upperBound) distinct integers in "
                                      + "1...\(w) (the context length), separated by commas; got \(hashedOrders.debugDescription)")
            }
        }
        if let widths {
            let limits = GateNetworkConfiguration.Limits.self
            guard let parsed = Self.parseWidths(widths), parsed.allSatisfy(limits.hiddenWidth.contains),
                  limits.hiddenLayers.contains(parsed.count) else {
                throw ValidationError("--widths must be \(limits.hiddenLayers.lowerBound)...\(limits.hiddenLayers.upperBound) integers in "
                                      + "\(limits.hiddenWidth.lowerBound)...\(limits.hiddenWidth.upperBound), separated by commas; got \(widths.debugDescription)")
            }
        }
    }

    /// The model families `--arch` names.
    static let families = ["gates", "hybrid", "ternary"]

    /// `--hashed-orders`: integers separated by commas, or 'none'.
    static func parseOrders(_ text: String) -> [Int]? {
        text.trimmingCharacters(in: .whitespaces) == "none" ? [] : parseWidths(text)
    }

    static func describeOrders(_ orders: [Int]) -> String { orders.isEmpty ? "none" : orders.map(String.init).joined(separator: ",") }

    static func parseWidths(_ text: String) -> [Int]? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        return parts.contains(nil) || parts.isEmpty ? nil : parts.compactMap { $0 }
    }

    static func doubles(_ range: ClosedRange<Float>) -> ClosedRange<Double> { Double(range.lowerBound)...Double(range.upperBound) }

    /// The configuration the options ask for (defaults where absent).
    private var requestedConfiguration: GateNetworkConfiguration {
        var c = GateNetworkConfiguration()
        if let context { c.contextLength = context }
        if let embeddingBits { c.embeddingBits = embeddingBits }
        if let widths, let parsed = Self.parseWidths(widths) { c.hiddenWidths = parsed }
        if let groupSize { c.groupSize = groupSize }
        if let hashedOrders, let parsed = Self.parseOrders(hashedOrders) {
            c.hashedOrders = parsed
        } else {
            c.hashedOrders.removeAll { $0 > c.contextLength }   // the default orders a shorter context can hold
        }
        if let hashedRowBits { c.hashedRowBits = hashedRowBits }
        if arch == "hybrid" {
            c.countOrders = countOrders.flatMap(Self.parseWidths) ?? GateNetworkConfiguration.hybridCountOrders.filter { $0 <= c.contextLength }
            if let countRowBits { c.countRowBits = countRowBits }
            if let countSlots { c.countSlots = countSlots }
        }
        c.temperature = tau ?? GateNetworkConfiguration.recommendedTemperature(groupSize: c.groupSize)
        if let passThroughLogit { c.passThroughLogit = passThroughLogit }
        if let wiring { c.wiring = GateNetworkConfiguration.Wiring(rawValue: wiring)! }
        if let seed { c.seed = seed }
        return c
    }

    /// The model options given that disagree with `checkpoint` (for --resume).
    private func disagreements(with checkpoint: GateNetworkCheckpoint) -> [String] {
        let c = checkpoint.model.configuration, r = checkpoint.training
        var found = [String]()
        func compare<T: Equatable>(_ option: String, _ given: T?, _ saved: T) {
            if let given, given != saved { found.append("\(option) \(given) (the model has \(saved))") }
        }
        compare("--context", context, c.contextLength)
        compare("--embedding-bits", embeddingBits, c.embeddingBits)
        compare("--widths", widths.flatMap(Self.parseWidths), c.hiddenWidths)
        compare("--group-size", groupSize, c.groupSize)
        compare("--hashed-orders", hashedOrders.flatMap(Self.parseOrders), c.hashedOrders)
        compare("--hashed-row-bits", hashedRowBits, c.hashedRowBits)
        compare("--arch", arch, c.countOrders.isEmpty ? "gates" : "hybrid")
        compare("--count-orders", countOrders.flatMap(Self.parseWidths), c.countOrders)
        compare("--count-row-bits", countRowBits, c.countRowBits)
        compare("--count-slots", countSlots, c.countSlots)
        compare("--tau", tau, c.temperature ?? Float(c.groupSize).squareRoot())
        compare("--pass-through-logit", passThroughLogit, c.passThroughLogit)
        compare("--wiring", wiring, c.wiring.rawValue)
        compare("--seed", seed, c.seed)
        compare("--batch", batch, r.batch)
        compare("--learning-rate", learningRate, r.learningRate)
        return found
    }

    /// Refuses, before any training, what would fail or destroy something at the end.
    private func checkOutput() throws {
        let exists = access(out, F_OK) == 0
        if exists && !resume && !force {
            throw CLIError("\(out) exists: give --resume to continue training it, --force to replace it, or another --out")
        }
        if !exists && resume { throw CLIError("--resume: \(out) does not exist") }
        for path in [out, ModelFile.curvePath(for: out)] {
            if let problem = AtomicFile.creationFailure(at: path) { throw CLIError("cannot write \(path): \(problem)") }
        }
    }

    func run() throws {
        try checkOutput()
        let text = try corpus.load()
        let split = CorpusSplit(text)
        do { try split.checkTrainable(name: text.name) } catch { throw CLIError("\(error)") }
        let corpusIdentity = CorpusIdentity(name: text.name, bytes: text.bytes)
        if arch == "ternary" { return try runTernary(text: text, split: split, corpus: corpusIdentity) }
        var checkpoint: GateNetworkCheckpoint
        let optimizer: Adam
        if resume {
            let (loaded, file) = try ModelFile.read(out)
            let differences = disagreements(with: loaded)
            guard differences.isEmpty else {
                throw CLIError("--resume: \(differences.joined(separator: ", ")); drop these options to continue \(out), or train a new model")
            }
            if let saved = loaded.training.corpus, saved != corpusIdentity {
                throw CLIError("--resume: \(out) was trained on \(saved.name) (\(saved.bytes) bytes, hash \(saved.hash)), "
                               + "not on \(text.name) (\(corpusIdentity.bytes) bytes, hash \(corpusIdentity.hash))")
            }
            do { try GateNetworkTrainer.checkTrainable(loaded) } catch { throw CLIError("--resume: \(out): \(error)") }
            checkpoint = loaded
            checkpoint.training.corpus = corpusIdentity
            optimizer = try GateNetworkCheckpoint.optimizer(for: loaded, file: file)
            print("resuming \(out) at step \(loaded.training.step)")
        } else {
            let configuration = requestedConfiguration
            let vocabulary = ByteVocabulary(of: text.bytes[split.training])
            do { try configuration.validate(classCount: vocabulary.count) } catch { throw CLIError("the model options: \(error)") }
            let gates = configuration.hiddenWidths.reduce(vocabulary.count * configuration.groupSize, +)
            let batchSize = batch ?? TrainingRecord().batch
            // Per gate: 16 logits with gradient and two Adam moments, and a forward and a backward value per sample.
            do { try MemoryBudget.check(gates, bytesEach: 16 * 16 + 8 * batchSize, for: "training \(gates) gates at batch \(batchSize)") }
            catch { throw CLIError("\(error)") }
            let counts = configuration.countStatistics(vocabulary: vocabulary, text: text.bytes, positions: split.training)
            let model = GateNetworkModel(configuration: configuration, vocabulary: vocabulary, counts: counts)
            var record = TrainingRecord()
            if let learningRate { record.learningRate = learningRate }
            record.batch = batchSize
            record.corpus = corpusIdentity
            checkpoint = GateNetworkCheckpoint(model: model, training: record)
            optimizer = Adam(parameters: model.parameters, learningRate: record.learningRate)
        }
        let model = checkpoint.model
        print("""
            training on \(text.name): \(split.training.count) bytes, validation \(split.validation.count); \
            \(model.vocabulary.count) classes, W=\(model.configuration.contextLength) \
            E=\(model.configuration.embeddingBits) hashed orders=\(Self.describeOrders(model.configuration.hashedOrders)) \
            layers=\(model.layers.map(\.gateCount)) gates=\(model.gateCount)\
            \(model.countMixer == nil ? "" : " count orders=\(Self.describeOrders(model.configuration.countOrders)) (counted, not learned)")
            """)
        fflush(nil)  // all streams: stdout is a file or pipe in logs
        let defaults = GateNetworkTrainer.Options()
        var options = defaults
        options.steps = steps
        options.seconds = minutes.map { $0 * 60 }
        options.workers = threads
        options.validationInterval = validateEvery
        options.checkpointPath = out
        options.seed = checkpoint.model.configuration.seed
        options.sharpeningFraction = sharpenFraction ?? defaults.sharpeningFraction
        options.sharpeningScale = sharpenScale ?? defaults.sharpeningScale
        options.straightThroughFraction = straightThroughFraction ?? defaults.straightThroughFraction
        options.straightThroughLearningRateScale = straightThroughLearningRateScale ?? defaults.straightThroughLearningRateScale
        options.embeddingStraightThrough = hardEmbedding ?? defaults.embeddingStraightThrough
        options.straightThroughLogitScale = straightThroughLogitScale ?? defaults.straightThroughLogitScale
        options.finalLearningRateFraction = finalLearningRate ?? defaults.finalLearningRateFraction
        options.gumbelScale = gumbelNoise ?? defaults.gumbelScale
        options.calibrationSamples = calibrationSamples ?? defaults.calibrationSamples
        let trainer = GateNetworkTrainer(checkpoint: checkpoint, optimizer: optimizer, text: text.bytes, split: split,
                                         options: options)
        let line = ProgressLine()
        checkpoint = try trainer.run { line.show($0) }
        line.finish()
        if let c = checkpoint.training.calibration {
            print(String(format: "circuit readout calibrated on %d training positions: τ %.3f → %.3f%@, circuit %.4f → %.4f bits/byte there",
                         c.samples, c.temperatureBefore, c.temperatureAfter, c.refittedCountWeights ? " and the count ROM's weights refitted" : "",
                         c.bitsBefore, c.bitsAfter))
        }
        try drawCurve(checkpoint.training)
        print("saved \(out) (step \(checkpoint.training.step)); curve in \(ModelFile.curvePath(for: out))")
    }

    func drawCurve(_ record: TrainingRecord, title: String = "Gate network: bits per byte",
                   validation: String = "validation (soft model)") throws {
        let series = [
            SVGLinePlot.Series(name: "training (smoothed)",
                               points: record.trainingCurve.map { .init(x: Double($0.step), y: $0.bitsPerByte) }),
            SVGLinePlot.Series(name: validation,
                               points: record.validationCurve.map { .init(x: Double($0.step), y: $0.bitsPerByte) }),
        ]
        try SVGLinePlot(title: title, xLabel: "step", yLabel: "bits/byte", series: series)
            .write(to: ModelFile.curvePath(for: out))
    }
}
