import Text

/// The text a model is trained on: the corpus, its split, and its identity (which `--resume` checks).
public struct TrainingCorpus: Sendable {
    public let name: String
    public let bytes: [UInt8]
    public let split: CorpusSplit
    public let identity: CorpusIdentity

    /// Splits `corpus`; throws when its training split is too short to train on.
    public init(_ corpus: Corpus) throws(CorpusError) {
        name = corpus.name
        bytes = corpus.bytes
        split = CorpusSplit(corpus)
        try split.checkTrainable(name: corpus.name)
        identity = CorpusIdentity(name: corpus.name, bytes: corpus.bytes)
    }

    /// The bytes of the training split.
    public var trainingBytes: ArraySlice<UInt8> { bytes[split.training] }
}

/// What every kind's trainer is given, whatever the kind: the text, the budget and the bookkeeping.
public struct TrainingRun: Sendable {
    public var corpus: TrainingCorpus
    /// Stop after this many steps in total (counting a resumed run's earlier steps)…
    public var steps: Int?
    /// …or after this many seconds of this run.
    public var seconds: Double?
    public var threads: Int
    /// Seconds between validations.
    public var validationInterval: Double
    /// Where checkpoints are written (every minute and at the end).
    public var checkpointPath: String

    public init(corpus: TrainingCorpus, steps: Int?, seconds: Double?, threads: Int, validationInterval: Double,
                checkpointPath: String) {
        self.corpus = corpus
        self.steps = steps
        self.seconds = seconds
        self.threads = threads
        self.validationInterval = validationInterval
        self.checkpointPath = checkpointPath
    }
}
