import CommandLineOptions
import Learning

/// How `gatelm train NAME` trains one kind of model. A family lists its kinds in
/// `LanguageModelFamily.trainings` (the gate-network family has two, `gates` and `hybrid`); the
/// CLI makes one subcommand of each, and everything that is the same for every kind — the
/// budget, the resume check, the corpus check, the memory check, checkpoints, the progress
/// line, the curve — is written once, in `FamilyTraining+Run` and the CLI.
public protocol FamilyTraining {
    /// This kind's options — the model's shape and the trainer's schedule — as an
    /// argument-parser option group, so that `gatelm train NAME --help` lists exactly these,
    /// each is checked against its range, and another kind's option is a parse error.
    associatedtype Options: NumericOptions
    /// A model in training: parameters, vocabulary and training record.
    associatedtype State: TrainingState

    /// The subcommand's name, `gatelm train NAME` (also the models' `family`).
    static var name: String { get }
    /// One line for `gatelm train --help`.
    static var abstract: String { get }
    /// Argument lines that follow `gatelm train NAME` in the help's examples.
    static var examples: [String] { get }
    /// The training curve's title and its validation series' name.
    static var curveTitle: String { get }
    static var validationCurveName: String { get }

    /// Every option that shapes the model or its training record, with the value given (nil
    /// when absent) and the value `saved` has: `--resume` refuses each given one that differs.
    static func modelOptions(_ options: Options, savedIn saved: State) -> [OptionComparison]
    /// What training a fresh model of `options` over `classCount` classes holds in memory,
    /// checked against the machine before anything is allocated; throws first if the options
    /// do not make a valid model together (a message naming the option).
    static func memoryEstimate(_ options: Options, classCount: Int) throws -> MemoryEstimate
    /// A fresh model of `options` for `corpus` (throws a message naming the option at fault).
    static func initialState(_ options: Options, seed: UInt64, corpus: TrainingCorpus) throws -> State
    /// The model saved at `path` with its optimiser, when it is a model this kind trains.
    static func savedState(at path: String) throws -> (state: State, optimizer: Adam)
    /// A fresh optimiser for a fresh model.
    static func optimizer(for state: State) -> Adam
    /// Trains until `run`'s budget is spent, writing checkpoints to `run.checkpointPath`, and
    /// returns the final model (also written there).
    static func train(_ state: State, optimizer: Adam, options: Options, run: TrainingRun,
                      report: (TrainingProgress) -> Void) throws -> State
    /// One line describing a model about to be trained (classes, shape).
    static func describe(_ state: State) -> String
    /// Lines on what the end of training did (a calibration, the weights' sparsity).
    static func summary(of state: State) -> [String]

    /// Options of a model small enough to train in a few steps on a few kilobytes: what the
    /// conformance suite trains, resumes and checks.
    static var sampleArguments: [String] { get }
    /// For each option `modelOptions` compares, arguments that give it a value other than the
    /// sample's (the conformance suite checks that `--resume` refuses each, by name).
    static var changedModelArguments: [[String]] { get }
}

/// A model in training, as the shared training path sees it.
public protocol TrainingState {
    var training: TrainingRecord { get set }
    /// The seed of its initial parameters (and wiring, and minibatches): `--seed`.
    var seed: UInt64 { get }
    /// The `FamilyTraining.name` of the kind that trains it, so that `--resume` with another
    /// kind is refused.
    var trainingName: String { get }
}

/// One model option for the resume check: its name, the value given and the saved value.
public struct OptionComparison: Sendable {
    public let option: String
    /// The value given, as typed; nil when the option is absent.
    public let given: String?
    public let saved: String
    public let differs: Bool

    /// Compares `given` (when present) with `saved`; `describe` writes values as the option takes them.
    public init<T: Equatable>(_ option: String, given: T?, saved: T, describe: (T) -> String = { "\($0)" }) {
        self.option = option
        self.given = given.map(describe)
        self.saved = describe(saved)
        differs = given.map { $0 != saved } ?? false
    }
}

/// Memory a training run will hold: `count` items of `bytesEach` bytes, for a message.
public struct MemoryEstimate: Sendable {
    public var count: Int
    public var bytesEach: Int
    public var what: String
    public init(count: Int, bytesEach: Int, what: String) {
        self.count = count
        self.bytesEach = bytesEach
        self.what = what
    }
}
