import ArgumentParser
import Foundation
import GateLMSupport
import LanguageModels
import Learning
import Text

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a logic-gate network language model.",
        discussion: """
            Trains on the first 90 % of the corpus (the last 10 % is validation), printing a live \
            progress line (step, training and validation bits/byte, throughput, time left). The \
            model is checkpointed atomically every minute and at the end; --resume continues a \
            run from its checkpoint. The loss curve is drawn beside the model as MODEL.curve.svg.

            Examples:
              gatelm train --minutes 5 --out fortunes.gatelm
              gatelm train --corpus tinyshakespeare.txt --minutes 20 --out shakespeare.gatelm
              gatelm train --corpus tinyshakespeare.txt --minutes 20 --out shakespeare.gatelm --resume
            """
    )

    @Option(help: "Model family (only 'gates' for now).")
    var arch = "gates"

    @OptionGroup var corpus: CorpusOption

    @Option(help: "Training time budget in minutes.")
    var minutes: Double?

    @Option(help: "Training steps (in total, counting a resumed run's earlier steps).")
    var steps: Int?

    @Option(help: "Seed of wiring, initial parameters and minibatches.")
    var seed: UInt64 = 1

    @Option(help: "W: bytes of context.")
    var context = GateNetworkConfiguration().contextLength

    @Option(help: "E: embedding bits per byte.")
    var embeddingBits = GateNetworkConfiguration().embeddingBits

    @Option(help: "Widths of the hidden gate layers, comma-separated.")
    var widths = GateNetworkConfiguration().hiddenWidths.map(String.init).joined(separator: ",")

    @Option(help: "k: gates per output class in the last layer.")
    var groupSize = GateNetworkConfiguration().groupSize

    @Option(help: "GroupSum temperature τ (default √(k/8)).")
    var tau: Float?

    @Option(help: "Initial logit of the pass-through gate (residual initialisation).")
    var passThroughLogit = GateNetworkConfiguration().passThroughLogit

    @Option(help: "Wiring: 'recency' (more first-layer gates on recent bytes) or 'uniform'.")
    var wiring = GateNetworkConfiguration().wiring.rawValue

    @Option(help: "Fraction of the budget at the end during which logits are sharpened toward the discrete model (0 = off).")
    var sharpenFraction = GateNetworkTrainer.Options().sharpeningFraction

    @Option(help: "Total logit scale reached by the end of sharpening.")
    var sharpenScale = GateNetworkTrainer.Options().sharpeningScale

    @Option(help: "Fraction of the budget at the end trained straight through the discretisation (0 = off).")
    var straightThroughFraction = GateNetworkTrainer.Options().straightThroughFraction

    @Option(help: "Learning-rate factor applied when straight-through training starts.")
    var straightThroughLearningRateScale = GateNetworkTrainer.Options().straightThroughLearningRateScale

    @Option(help: "Factor applied to all logits when straight-through training starts.")
    var straightThroughLogitScale = GateNetworkTrainer.Options().straightThroughLogitScale

    @Flag(inversion: .prefixedNo,
          help: "Train the embedding straight through from the start (hard bits forward, sigmoid backward).")
    var hardEmbedding = GateNetworkTrainer.Options().embeddingStraightThrough

    @Option(help: "Cosine-decay the learning rate to this fraction of --learning-rate by the end (1 = constant).")
    var finalLearningRate = GateNetworkTrainer.Options().finalLearningRateFraction

    @Option(help: "Minibatch size (a multiple of 16).")
    var batch = GateNetworkCheckpoint.TrainingRecord().batch

    @Option(help: "Adam learning rate.")
    var learningRate = GateNetworkCheckpoint.TrainingRecord().learningRate

    @Option(help: "Worker threads.")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Seconds between validations.")
    var validateEvery = GateNetworkTrainer.Options().validationInterval

    @Option(help: "The model file to write.")
    var out: String

    @Flag(help: "Continue training the model in --out.")
    var resume = false

    func validate() throws {
        guard arch == "gates" else { throw ValidationError("unknown --arch \(arch): the available family is 'gates'") }
        if minutes == nil && steps == nil { throw ValidationError("give a budget: --minutes M or --steps N") }
        if let minutes, minutes <= 0 { throw ValidationError("--minutes must be positive") }
        if let steps, steps <= 0 { throw ValidationError("--steps must be positive") }
        if batch <= 0 || batch % 16 != 0 { throw ValidationError("--batch must be a positive multiple of 16") }
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
        if !(0...1).contains(sharpenFraction) { throw ValidationError("--sharpen-fraction must lie in 0...1") }
        if !(0...1).contains(finalLearningRate) { throw ValidationError("--final-learning-rate must lie in 0...1") }
        if sharpenScale < 1 { throw ValidationError("--sharpen-scale must be at least 1") }
        if GateNetworkConfiguration.Wiring(rawValue: wiring) == nil {
            throw ValidationError("unknown --wiring \(wiring): use one of \(GateNetworkConfiguration.Wiring.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if parsedWidths == nil { throw ValidationError("--widths must be positive integers separated by commas") }
    }

    private var parsedWidths: [Int]? {
        let parts = widths.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        return parts.compactMap { $0 }
    }

    func run() throws {
        let text = try corpus.load()
        let split = CorpusSplit(text)
        var checkpoint: GateNetworkCheckpoint
        let optimizer: Adam
        if resume {
            let (loaded, file) = try ModelFile.read(out)
            checkpoint = loaded
            optimizer = try GateNetworkCheckpoint.optimizer(for: loaded, file: file)
            print("resuming \(out) at step \(loaded.training.step)")
        } else {
            var configuration = GateNetworkConfiguration()
            configuration.contextLength = context
            configuration.embeddingBits = embeddingBits
            configuration.hiddenWidths = parsedWidths!
            configuration.groupSize = groupSize
            configuration.temperature = tau ?? GateNetworkConfiguration.recommendedTemperature(groupSize: groupSize)
            configuration.passThroughLogit = passThroughLogit
            configuration.wiring = GateNetworkConfiguration.Wiring(rawValue: wiring)!
            configuration.seed = seed
            let vocabulary = ByteVocabulary(of: text.bytes[split.training])
            let model = GateNetworkModel(configuration: configuration, vocabulary: vocabulary)
            var record = GateNetworkCheckpoint.TrainingRecord()
            record.learningRate = learningRate
            record.batch = batch
            checkpoint = GateNetworkCheckpoint(model: model, training: record)
            optimizer = Adam(parameters: model.parameters, learningRate: learningRate)
        }
        let model = checkpoint.model
        print("""
            training on \(text.name): \(split.training.count) bytes, validation \(split.validation.count); \
            \(model.vocabulary.count) classes, W=\(model.configuration.contextLength) \
            E=\(model.configuration.embeddingBits) layers=\(model.layers.map(\.gateCount)) gates=\(model.gateCount)
            """)
        fflush(nil)  // all streams: stdout is a file or pipe in logs
        var options = GateNetworkTrainer.Options()
        options.steps = steps
        options.seconds = minutes.map { $0 * 60 }
        options.workers = threads
        options.validationInterval = validateEvery
        options.checkpointPath = out
        options.seed = seed
        options.sharpeningFraction = sharpenFraction
        options.sharpeningScale = sharpenScale
        options.straightThroughFraction = straightThroughFraction
        options.straightThroughLearningRateScale = straightThroughLearningRateScale
        options.embeddingStraightThrough = hardEmbedding
        options.straightThroughLogitScale = straightThroughLogitScale
        options.finalLearningRateFraction = finalLearningRate
        let trainer = GateNetworkTrainer(checkpoint: checkpoint, optimizer: optimizer, text: text.bytes, split: split,
                                         options: options)
        let line = ProgressLine()
        checkpoint = try trainer.run { line.show($0) }
        line.finish()
        try drawCurve(checkpoint.training)
        print("saved \(out) (step \(checkpoint.training.step)); curve in \(ModelFile.curvePath(for: out))")
    }

    private func drawCurve(_ record: GateNetworkCheckpoint.TrainingRecord) throws {
        let series = [
            SVGLinePlot.Series(name: "training (smoothed)",
                               points: record.trainingCurve.map { .init(x: Double($0.step), y: $0.bitsPerByte) }),
            SVGLinePlot.Series(name: "validation (soft model)",
                               points: record.validationCurve.map { .init(x: Double($0.step), y: $0.bitsPerByte) }),
        ]
        try SVGLinePlot(title: "Gate network: bits per byte", xLabel: "step", yLabel: "bits/byte", series: series)
            .write(to: ModelFile.curvePath(for: out))
    }
}
