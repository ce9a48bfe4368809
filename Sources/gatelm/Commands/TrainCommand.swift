import ArgumentParser
import CommandLineOptions
import Foundation
import GateLMSupport
import LanguageModels
import Learning
import Text

/// `gatelm train <kind>`: one subcommand per kind of model in the family registry
/// (`ModelFamilies.trainings`), each with the common options and its own option group.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a language model: \(ModelFamilies.trainings.map { $0.name }.joined(separator: ", ")) (default \(ModelFamilies.defaultTraining.name)).",
        discussion: """
            Trains on the first 90 % of the corpus (the last 10 % is validation), printing a live \
            progress line (step, training and validation bits/byte, throughput, time left). The \
            model is checkpointed atomically every minute and at the end; --resume continues a \
            run from its checkpoint and refuses any model option that differs from the saved \
            model's, by name. The loss curve is drawn beside the model as MODEL.curve.svg.

            Each kind's options are listed by `gatelm train KIND --help`. `gatelm train --arch KIND …`, \
            the spelling from before the subcommands, still works: it is read as `gatelm train KIND …`.

            Examples:
            \(ModelFamilies.trainings.flatMap { kind in kind.examples.map { "  gatelm train \(kind.name) \($0)" } }.joined(separator: "\n"))
            """,
        subcommands: ModelFamilies.trainings.map { $0.command },
        defaultSubcommand: ModelFamilies.defaultTraining.command
    )
}

/// What training any kind takes: the corpus, the budget, the seed, the threads and the output.
struct CommonTrainingOptions: NumericOptions {
    @OptionGroup var corpus: CorpusOption

    @Option(parsing: .unconditional, help: "Training time budget in minutes.")
    var minutes: Double?

    @Option(parsing: .unconditional, help: "Training steps (in total, counting a resumed run's earlier steps).")
    var steps: Int?

    @Option(parsing: .unconditional, help: "Seed of the initial parameters (and a gate network's wiring and minibatches; default 1).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Worker threads.")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Option(parsing: .unconditional, help: "Seconds between validations.")
    var validateEvery = 60.0

    @Option(help: "The model file to write.")
    var out: String

    @Flag(help: "Continue training the model in --out (model options given must match it; the corpus must be the same).")
    var resume = false

    @Flag(help: "Replace an existing --out instead of refusing to.")
    var force = false

    var numericOptions: [NumericOption] {
        [
            .real("--minutes", minutes, 0...10_080, excludingLowerBound: true),
            .integer("--steps", steps, 1...TrainingRecord.stepLimit),
            .integer("--seed", seed, OptionRange.seed),
            .integer("--threads", threads, OptionRange.threads),
            .real("--validate-every", validateEvery, 0...1e6, excludingLowerBound: true),
        ]
    }

    func validate() throws {
        try validateNumericOptions()
        if minutes == nil && steps == nil { throw ValidationError("give a budget: --minutes M or --steps N") }
        if resume && force { throw ValidationError("--resume continues --out and --force replaces it: give one") }
    }

    /// Refuses, before any training, what would fail or destroy something at the end.
    func checkOutput() throws {
        let exists = access(out, F_OK) == 0
        if exists && !resume && !force {
            throw CLIError("\(out) exists: give --resume to continue training it, --force to replace it, or another --out")
        }
        if !exists && resume { throw CLIError("--resume: \(out) does not exist") }
        for path in [out, ModelFile.curvePath(for: out)] {
            if let problem = AtomicFile.creationFailure(at: path) { throw CLIError("cannot write \(path): \(problem)") }
        }
    }

    /// The run these options ask for, on `corpus`.
    func run(on corpus: TrainingCorpus) -> TrainingRun {
        TrainingRun(corpus: corpus, steps: steps, seconds: minutes.map { $0 * 60 }, threads: threads,
                    validationInterval: validateEvery, checkpointPath: out)
    }
}

/// `gatelm train KIND`: the common options, then `Kind`'s own; the same path for every kind.
struct TrainKindCommand<Kind: FamilyTraining>: NumericOptionsCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: Kind.name, abstract: Kind.abstract,
                             discussion: "Examples:\n" + Kind.examples.map { "  gatelm train \(Kind.name) \($0)" }.joined(separator: "\n"))
    }

    @OptionGroup var common: CommonTrainingOptions
    @OptionGroup(title: "Options of \(Kind.name) models") var options: Kind.Options

    var numericOptions: [NumericOption] { common.numericOptions + options.numericOptions }

    func run() throws {
        try common.checkOutput()
        let text = try common.corpus.load()
        let corpus: TrainingCorpus
        do { corpus = try TrainingCorpus(text) } catch { throw CLIError("\(error)") }
        let run = common.run(on: corpus)
        var (state, optimizer): (Kind.State, Adam)
        do { (state, optimizer) = try Kind.start(options: options, seed: common.seed, resume: common.resume, run: run) }
        catch { throw CLIError("\(error)") }
        if common.resume { print("resuming \(common.out) at step \(state.training.step)") }
        print("training on \(corpus.name): \(corpus.split.training.count) bytes, validation \(corpus.split.validation.count); "
              + Kind.describe(state))
        fflush(nil)  // all streams: stdout is a file or pipe in logs
        let line = ProgressLine()
        state = try Kind.train(state, optimizer: optimizer, options: options, run: run) { line.show($0) }
        line.finish()
        for summary in Kind.summary(of: state) { print(summary) }
        try drawCurve(state.training)
        print("saved \(common.out) (step \(state.training.step)); curve in \(ModelFile.curvePath(for: common.out))")
    }

    func drawCurve(_ record: TrainingRecord) throws {
        let series = [
            SVGLinePlot.Series(name: "training (smoothed)",
                               points: record.trainingCurve.map { .init(x: Double($0.step), y: $0.bitsPerByte) }),
            SVGLinePlot.Series(name: Kind.validationCurveName,
                               points: record.validationCurve.map { .init(x: Double($0.step), y: $0.bitsPerByte) }),
        ]
        try SVGLinePlot(title: Kind.curveTitle, xLabel: "step", yLabel: "bits/byte", series: series)
            .write(to: ModelFile.curvePath(for: common.out))
    }
}

extension FamilyTraining {
    /// `gatelm train NAME`.
    static var command: any ParsableCommand.Type { TrainKindCommand<Self>.self }
}

/// `gatelm train --arch KIND …`, the spelling from before `train` had subcommands, read as
/// `gatelm train KIND …` so that scripts written against it keep working.
enum TrainArchAlias {
    /// `arguments` (without the program name) with `--arch KIND` turned into the subcommand.
    static func rewrite(_ arguments: [String]) throws -> [String] {
        guard arguments.first == TrainCommand.configuration.commandName,
              let index = arguments.firstIndex(where: { $0 == "--arch" || $0.hasPrefix("--arch=") }) else { return arguments }
        var rest = arguments
        let kind: String
        if rest[index] == "--arch" {
            guard index + 1 < rest.count else { throw ValidationError("--arch needs a value: one of \(kindNames)") }
            kind = rest[index + 1]
            rest.removeSubrange(index...index + 1)
        } else {
            kind = String(rest[index].dropFirst("--arch=".count))
            rest.remove(at: index)
        }
        guard ModelFamilies.trainings.contains(where: { $0.name == kind }) else {
            throw ValidationError("unknown --arch \(kind): the available families are \(kindNames)")
        }
        if rest.count > 1, let named = ModelFamilies.trainings.first(where: { $0.name == rest[1] })?.name {
            guard named == kind else { throw ValidationError("--arch \(kind) and `gatelm train \(named)` name different families: give one") }
            return rest
        }
        rest.insert(kind, at: 1)
        return rest
    }

    static var kindNames: String { ModelFamilies.trainings.map { $0.name }.joined(separator: ", ") }
}
