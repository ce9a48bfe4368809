import ArgumentParser
import CommandLineOptions
import Learning

/// `gatelm train ternary`: the recurrent network's shape, its training record and its schedule
/// (every option absent means the default).
public struct TernaryRNNOptions: NumericOptions {
    @Option(parsing: .unconditional, help: "H: state units (default \(TernaryRNNConfiguration().stateBits)); the circuit has H·k latches.")
    public var stateBits: Int?

    @Option(parsing: .unconditional, help: "k: bits of each state unit, in 1...4: 1 is the binary state; 2 to 4 a signed k-bit integer whose candidate is its pre-activation rounded and clamped (default \(TernaryRNNConfiguration().activationBits)).")
    public var activationBits: Int?

    @Option(parsing: .unconditional, help: "E: bits of the byte code (default \(TernaryRNNConfiguration().codeBits)).")
    public var codeBits: Int?

    @Option(parsing: .unconditional, help: "Sparsity: TWN's Δ = this · mean|w| per row; larger values give more zero weights and fewer gates (default \(TernaryRNNConfiguration().deltaFactor)).")
    public var sparsity: Float?

    @Option(parsing: .unconditional, help: "Steps of truncated back-propagation through time per update (default \(TernaryRNNConfiguration().unrollLength)).")
    public var unroll: Int?

    @Option(parsing: .unconditional, help: "Streams trained side by side (default \(TernaryRNNConfiguration().streams)).")
    public var streams: Int?

    @Option(parsing: .unconditional, help: "Straight-through window: the step's gradient passes where |pre-activation| ≤ this (default \(TernaryRNNConfiguration().surrogateWidth)).")
    public var surrogateWidth: Float?

    @Option(parsing: .unconditional, help: "Initial gain of the normalised pre-activations (default \(TernaryRNNConfiguration().initialGain)).")
    public var initialGain: Float?

    @Option(parsing: .unconditional, help: "Dropout of the gate inputs while training, in 0...0.9 (inverted: the circuit drops nothing; default \(TernaryRNNConfiguration().dropout)).")
    public var dropout: Float?

    @Option(help: "How the gates and readout see a bit while training: 'signed' (±1, centred) or 'binary' (0/1); both compile to the same kind of circuit (default \(TernaryRNNConfiguration().signedInputs ? "signed" : "binary")).")
    public var inputEncoding: InputEncoding?

    @Option(parsing: .unconditional, help: "Adam learning rate (default \(TernaryRNNTraining.defaultLearningRate)).")
    public var learningRate: Float?

    @Option(parsing: .unconditional, help: "Cosine-decay the learning rate to this fraction of --learning-rate by the end (1 = constant; default \(TernaryRNNTrainer.Options().finalLearningRateFraction)).")
    public var finalLearningRate: Float?

    /// The values of `--input-encoding`.
    public enum InputEncoding: String, ExpressibleByArgument, CaseIterable, Sendable {
        case signed, binary
        var isSigned: Bool { self == .signed }
    }

    public init() {}

    public var numericOptions: [NumericOption] {
        typealias Limits = TernaryRNNConfiguration.Limits
        return [
            .integer("--state-bits", stateBits, Limits.stateBits),
            .integer("--activation-bits", activationBits, Limits.activationBits),
            .integer("--code-bits", codeBits, Limits.codeBits),
            .real("--sparsity", sparsity, limits: Limits.deltaFactor),
            .integer("--unroll", unroll, Limits.unrollLength),
            .integer("--streams", streams, Limits.streams),
            .real("--surrogate-width", surrogateWidth, limits: Limits.surrogateWidth),
            .real("--initial-gain", initialGain, limits: Limits.initialGain),
            .real("--dropout", dropout, limits: Limits.dropout),
            .real("--learning-rate", learningRate, 0...100, excludingLowerBound: true),
            .real("--final-learning-rate", finalLearningRate, 0...1),
        ]
    }

    public func validate() throws { try validateNumericOptions() }

    /// The configuration asked for (defaults where absent).
    func configuration(seed: UInt64) -> TernaryRNNConfiguration {
        var c = TernaryRNNConfiguration()
        if let stateBits { c.stateBits = stateBits }
        if let activationBits { c.activationBits = activationBits }
        if let codeBits { c.codeBits = codeBits }
        if let sparsity { c.deltaFactor = sparsity }
        if let unroll { c.unrollLength = unroll }
        if let streams { c.streams = streams }
        if let surrogateWidth { c.surrogateWidth = surrogateWidth }
        if let initialGain { c.initialGain = initialGain }
        if let inputEncoding { c.signedInputs = inputEncoding.isSigned }
        if let dropout { c.dropout = dropout }
        c.seed = seed
        return c
    }

    /// The options that shape the model or its record, against `saved`'s values.
    func comparisons(with saved: TernaryRNNCheckpoint) -> [OptionComparison] {
        let c = saved.network.configuration
        return [
            OptionComparison("--state-bits", given: stateBits, saved: c.stateBits),
            OptionComparison("--activation-bits", given: activationBits, saved: c.activationBits),
            OptionComparison("--code-bits", given: codeBits, saved: c.codeBits),
            OptionComparison("--sparsity", given: sparsity, saved: c.deltaFactor),
            OptionComparison("--unroll", given: unroll, saved: c.unrollLength),
            OptionComparison("--streams", given: streams, saved: c.streams),
            OptionComparison("--surrogate-width", given: surrogateWidth, saved: c.surrogateWidth),
            OptionComparison("--initial-gain", given: initialGain, saved: c.initialGain),
            OptionComparison("--input-encoding", given: inputEncoding?.isSigned, saved: c.signedInputs) { $0 ? "signed" : "binary" },
            OptionComparison("--dropout", given: dropout, saved: c.dropout),
            OptionComparison("--learning-rate", given: learningRate, saved: saved.training.learningRate),
        ]
    }
}
