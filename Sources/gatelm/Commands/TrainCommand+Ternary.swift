import ArgumentParser
import Foundation
import GateLMSupport
import LanguageModels
import Learning
import Text

/// `gatelm train --arch ternary`: the ternary recurrent family.
extension TrainCommand {
    /// The options given that only one family reads, so that a misplaced one is refused rather than ignored.
    private var gateOnlyOptions: [(String, Bool)] {
        [("--context", context != nil), ("--embedding-bits", embeddingBits != nil), ("--widths", widths != nil),
         ("--group-size", groupSize != nil), ("--tau", tau != nil), ("--pass-through-logit", passThroughLogit != nil),
         ("--hashed-orders", hashedOrders != nil), ("--hashed-row-bits", hashedRowBits != nil), ("--wiring", wiring != nil),
         ("--sharpen-fraction", sharpenFraction != nil), ("--sharpen-scale", sharpenScale != nil),
         ("--straight-through-fraction", straightThroughFraction != nil),
         ("--straight-through-learning-rate-scale", straightThroughLearningRateScale != nil),
         ("--straight-through-logit-scale", straightThroughLogitScale != nil), ("--[no-]hard-embedding", hardEmbedding != nil),
         ("--gumbel-noise", gumbelNoise != nil), ("--calibration-samples", calibrationSamples != nil), ("--batch", batch != nil)]
    }

    private var ternaryOnlyOptions: [(String, Bool)] {
        [("--state-bits", stateBits != nil), ("--code-bits", codeBits != nil), ("--sparsity", sparsity != nil),
         ("--unroll", unroll != nil), ("--streams", streams != nil), ("--surrogate-width", surrogateWidth != nil),
         ("--initial-gain", initialGain != nil), ("--input-encoding", inputEncoding != nil),
         ("--dropout", dropout != nil)]
    }

    func validateFamilyOptions() throws {
        let (foreign, family) = arch == "ternary" ? (gateOnlyOptions, "the gate families (gates, hybrid)") : (ternaryOnlyOptions, "--arch ternary")
        let given = foreign.filter(\.1).map(\.0)
        guard given.isEmpty else {
            throw ValidationError("\(given.joined(separator: ", ")) \(given.count == 1 ? "is an option" : "are options") of \(family) only")
        }
    }

    /// The ternary configuration the options ask for.
    private var requestedTernaryConfiguration: TernaryRNNConfiguration {
        var c = TernaryRNNConfiguration()
        if let stateBits { c.stateBits = stateBits }
        if let codeBits { c.codeBits = codeBits }
        if let sparsity { c.deltaFactor = sparsity }
        if let unroll { c.unrollLength = unroll }
        if let streams { c.streams = streams }
        if let surrogateWidth { c.surrogateWidth = surrogateWidth }
        if let initialGain { c.initialGain = initialGain }
        if let inputEncoding { c.signedInputs = inputEncoding.isSigned }
        if let dropout { c.dropout = dropout }
        if let seed { c.seed = seed }
        return c
    }

    static let ternaryLearningRate: Float = 3e-3

    func runTernary(text: Corpus, split: CorpusSplit, corpus identity: CorpusIdentity) throws {
        var checkpoint: TernaryRNNCheckpoint
        let optimizer: Adam
        if resume {
            let loaded: (checkpoint: TernaryRNNCheckpoint, file: Checkpoint)
            do { loaded = try TernaryRNNCheckpoint.read(from: out) } catch { throw CLIError("\(error)") }
            let c = loaded.checkpoint.network.configuration, requested = requestedTernaryConfiguration
            var differences = [String]()
            func compare<T: Equatable>(_ option: String, _ given: T?, _ saved: T) {
                if let given, given != saved { differences.append("\(option) \(given) (the model has \(saved))") }
            }
            compare("--state-bits", stateBits, c.stateBits)
            compare("--code-bits", codeBits, c.codeBits)
            compare("--sparsity", sparsity, c.deltaFactor)
            compare("--unroll", unroll, c.unrollLength)
            compare("--streams", streams, c.streams)
            compare("--surrogate-width", surrogateWidth, c.surrogateWidth)
            compare("--initial-gain", initialGain, c.initialGain)
            compare("--input-encoding", inputEncoding?.isSigned, c.signedInputs)
            compare("--dropout", dropout, c.dropout)
            compare("--seed", seed, c.seed)
            compare("--learning-rate", learningRate, loaded.checkpoint.training.learningRate)
            guard differences.isEmpty else {
                throw CLIError("--resume: \(differences.joined(separator: ", ")); drop these options to continue \(out), or train a new model")
            }
            if let saved = loaded.checkpoint.training.corpus, saved != identity {
                throw CLIError("--resume: \(out) was trained on \(saved.name) (\(saved.bytes) bytes, hash \(saved.hash)), "
                               + "not on \(text.name) (\(identity.bytes) bytes, hash \(identity.hash))")
            }
            checkpoint = loaded.checkpoint
            optimizer = try TernaryRNNCheckpoint.optimizer(for: checkpoint, file: loaded.file)
            print("resuming \(out) at step \(checkpoint.training.step)")
        } else {
            let configuration = requestedTernaryConfiguration
            do { try configuration.validate() } catch { throw CLIError("the model options: \(error)") }
            let vocabulary = ByteVocabulary(of: text.bytes[split.training])
            guard split.training.count / configuration.streams > configuration.unrollLength + 1 else {
                throw CLIError("the training split of \(text.name) (\(split.training.count) bytes) is too short for \(configuration.streams) streams of \(configuration.unrollLength + 1) bytes: give fewer --streams or a shorter --unroll")
            }
            let h = configuration.stateBits, rows = configuration.streams * configuration.unrollLength
            // Per chunk row: v, a, z/n, derivatives, h′, their gradients, the dropout masks; per weight: the value, its
            // gradient, two moments, Ŵ, dŴ.
            let masks = configuration.dropout > 0 ? h + configuration.codeBits : 0
            do { try MemoryBudget.check(rows * (12 * h + 2 * vocabulary.count + masks) + 8 * h * (h + configuration.codeBits), bytesEach: 4,
                                        for: "training \(h) state bits over \(configuration.streams) streams × \(configuration.unrollLength) steps") }
            catch { throw CLIError("\(error)") }
            // q starts at the log class frequencies, so the first steps learn the state, not the unigram.
            var counts = [Double](repeating: 1, count: vocabulary.count)
            for position in split.training { counts[vocabulary.classIndex(of: text.bytes[position])!] += 1 }
            let total = counts.reduce(0, +)
            let network = TernaryRNN(configuration: configuration, classCount: vocabulary.count,
                                     initialReadoutBias: counts.map { Float(log($0 / total)) })
            var record = TrainingRecord()
            record.learningRate = learningRate ?? Self.ternaryLearningRate
            record.batch = configuration.streams
            record.corpus = identity
            checkpoint = TernaryRNNCheckpoint(network: network, vocabulary: vocabulary, training: record)
            optimizer = Adam(parameters: network.parameters, learningRate: record.learningRate)
        }
        let c = checkpoint.network.configuration
        print("""
            training on \(text.name): \(split.training.count) bytes, validation \(split.validation.count); \
            \(checkpoint.vocabulary.count) classes, ternary recurrent: H=\(c.stateBits) state bits, E=\(c.codeBits) code bits, \
            \(c.streams) streams × \(c.unrollLength) steps, Δ factor \(c.deltaFactor), \(c.signedInputs ? "signed" : "binary") inputs, dropout \(c.dropout)
            """)
        fflush(nil)
        var options = TernaryRNNTrainer.Options()
        options.steps = steps
        options.seconds = minutes.map { $0 * 60 }
        options.threads = threads
        options.validationInterval = validateEvery
        options.checkpointPath = out
        if let finalLearningRate { options.finalLearningRateFraction = finalLearningRate }
        let trainer = TernaryRNNTrainer(checkpoint: checkpoint, optimizer: optimizer, text: text.bytes, split: split, options: options)
        let line = ProgressLine()
        checkpoint = try trainer.run { line.show($0) }
        line.finish()
        print(String(format: "zero fraction of the ternary weights: %.3f", checkpoint.network.zeroFraction))
        try drawCurve(checkpoint.training, title: "Ternary recurrent network: bits per byte", validation: "validation (the state machine)")
        print("saved \(out) (step \(checkpoint.training.step)); curve in \(ModelFile.curvePath(for: out))")
    }
}
