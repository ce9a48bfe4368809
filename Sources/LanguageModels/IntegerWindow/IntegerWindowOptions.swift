import ArgumentParser
import CommandLineOptions
import Learning

/// `gatelm train integer`: the integer window model's shape, its training record and its
/// schedule (every option absent means the default).
public struct IntegerWindowOptions: NumericOptions {
    @Option(parsing: .unconditional, help: "W: bytes of context (default \(IntegerWindowConfiguration().contextLength)).")
    public var context: Int?

    @Option(parsing: .unconditional, help: "E: values of each byte code and hashed-table row (default \(IntegerWindowConfiguration().codeWidth)).")
    public var codeWidth: Int?

    @Option(help: "Orders of the learned hashed tables, comma-separated, or 'none' (default \(IntegerList.describe(IntegerWindowConfiguration().hashedOrders)), without the orders beyond --context): each table has 2^(--hashed-row-bits) rows of E k-bit values, picked by a hash of the last ORDER bytes.")
    public var hashedOrders: String?

    @Option(parsing: .unconditional, help: "Hash bits of each hashed table (default \(IntegerWindowConfiguration().hashedRowBits)).")
    public var hashedRowBits: Int?

    @Option(help: "Units of the hidden layers, comma-separated, one or two layers (default \(IntegerList.describe(IntegerWindowConfiguration().hiddenWidths))).")
    public var widths: String?

    @Option(parsing: .unconditional, help: "k: bits of every activation, in 1...4: code and table values and hidden units are k-bit levels 0...2^k − 1 (default \(IntegerWindowConfiguration().activationBits)).")
    public var activationBits: Int?

    @Option(parsing: .unconditional, help: "Sparsity: TWN's Δ = this · mean|w| per row; larger values give more zero weights and fewer gates (default \(IntegerWindowConfiguration().deltaFactor)).")
    public var sparsity: Float?

    @Option(parsing: .unconditional, help: "How far past a quantiser's range its gradient still passes (default \(IntegerWindowConfiguration().surrogateWidth)).")
    public var surrogateWidth: Float?

    @Option(parsing: .unconditional, help: "Initial gain of the normalised pre-activations, times (2^k)/2 (default \(IntegerWindowConfiguration().initialGain)).")
    public var initialGain: Float?

    @Option(parsing: .unconditional, help: "Dropout of the hidden units while training, in 0...0.9 (inverted: the circuit drops nothing; default \(IntegerWindowConfiguration().dropout)).")
    public var dropout: Float?

    @Option(parsing: .unconditional, help: "Dropout of whole hashed-table rows while training, in 0...0.9 (default \(IntegerWindowConfiguration().tableDropout)).")
    public var tableDropout: Float?

    @Option(parsing: .unconditional, help: "Decoupled weight decay of the table rows, in 0...10 (default \(IntegerWindowConfiguration().tableWeightDecay)).")
    public var tableDecay: Float?

    @Option(parsing: .unconditional, help: "Contexts per minibatch (default \(IntegerWindowConfiguration().batchSize)).")
    public var batch: Int?

    @Option(parsing: .unconditional, help: "Adam learning rate (default \(IntegerWindowTraining.defaultLearningRate)).")
    public var learningRate: Float?

    @Option(parsing: .unconditional, help: "Cosine-decay the learning rate to this fraction of --learning-rate by the end (1 = constant; default \(IntegerWindowTrainer.Options().finalLearningRateFraction)).")
    public var finalLearningRate: Float?

    public init() {}

    public var numericOptions: [NumericOption] {
        typealias Limits = IntegerWindowConfiguration.Limits
        return [
            .integer("--context", context, Limits.contextLength),
            .integer("--code-width", codeWidth, Limits.codeWidth),
            .integer("--hashed-row-bits", hashedRowBits, Limits.hashedRowBits),
            .integer("--activation-bits", activationBits, Limits.activationBits),
            .real("--sparsity", sparsity, limits: Limits.deltaFactor),
            .real("--surrogate-width", surrogateWidth, limits: Limits.surrogateWidth),
            .real("--initial-gain", initialGain, limits: Limits.initialGain),
            .real("--dropout", dropout, limits: Limits.dropout),
            .real("--table-dropout", tableDropout, limits: Limits.dropout),
            .real("--table-decay", tableDecay, limits: Limits.tableWeightDecay),
            .integer("--batch", batch, Limits.batchSize),
            .real("--learning-rate", learningRate, 0...100, excludingLowerBound: true),
            .real("--final-learning-rate", finalLearningRate, 0...1),
        ]
    }

    public func validate() throws {
        try validateNumericOptions()
        let limits = IntegerWindowConfiguration.Limits.self, w = contextLength
        if let hashedOrders {
            guard let parsed = IntegerList.parseAllowingNone(hashedOrders), parsed.allSatisfy((1...w).contains),
                  Set(parsed).count == parsed.count, limits.hashedTables.contains(parsed.count) else {
                throw ValidationError("--hashed-orders must be 'none' or at most \(limits.hashedTables.upperBound) distinct integers in "
                                      + "1...\(w) (the context length), separated by commas; got \(hashedOrders.debugDescription)")
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
    var contextLength: Int { context ?? IntegerWindowConfiguration().contextLength }

    /// The configuration asked for (defaults where absent).
    func configuration(seed: UInt64) -> IntegerWindowConfiguration {
        var c = IntegerWindowConfiguration()
        c.contextLength = contextLength
        if let codeWidth { c.codeWidth = codeWidth }
        if let parsed = hashedOrders.flatMap(IntegerList.parseAllowingNone) {
            c.hashedOrders = parsed
        } else {
            c.hashedOrders.removeAll { $0 > c.contextLength }   // the default orders a shorter context can hold
        }
        if let hashedRowBits { c.hashedRowBits = hashedRowBits }
        if let parsed = widths.flatMap(IntegerList.parse) { c.hiddenWidths = parsed }
        if let activationBits { c.activationBits = activationBits }
        if let sparsity { c.deltaFactor = sparsity }
        if let surrogateWidth { c.surrogateWidth = surrogateWidth }
        if let initialGain { c.initialGain = initialGain }
        if let dropout { c.dropout = dropout }
        if let tableDropout { c.tableDropout = tableDropout }
        if let tableDecay { c.tableWeightDecay = tableDecay }
        if let batch { c.batchSize = batch }
        c.seed = seed
        return c
    }

    /// The options that shape the model or its record, against `saved`'s values.
    func comparisons(with saved: IntegerWindowCheckpoint) -> [OptionComparison] {
        let c = saved.network.configuration
        return [
            OptionComparison("--context", given: context, saved: c.contextLength),
            OptionComparison("--code-width", given: codeWidth, saved: c.codeWidth),
            OptionComparison("--hashed-orders", given: hashedOrders.flatMap(IntegerList.parseAllowingNone), saved: c.hashedOrders,
                             describe: IntegerList.describe),
            OptionComparison("--hashed-row-bits", given: hashedRowBits, saved: c.hashedRowBits),
            OptionComparison("--widths", given: widths.flatMap(IntegerList.parse), saved: c.hiddenWidths, describe: IntegerList.describe),
            OptionComparison("--activation-bits", given: activationBits, saved: c.activationBits),
            OptionComparison("--sparsity", given: sparsity, saved: c.deltaFactor),
            OptionComparison("--surrogate-width", given: surrogateWidth, saved: c.surrogateWidth),
            OptionComparison("--initial-gain", given: initialGain, saved: c.initialGain),
            OptionComparison("--dropout", given: dropout, saved: c.dropout),
            OptionComparison("--table-dropout", given: tableDropout, saved: c.tableDropout),
            OptionComparison("--table-decay", given: tableDecay, saved: c.tableWeightDecay),
            OptionComparison("--batch", given: batch, saved: c.batchSize),
            OptionComparison("--learning-rate", given: learningRate, saved: saved.training.learningRate),
        ]
    }
}
