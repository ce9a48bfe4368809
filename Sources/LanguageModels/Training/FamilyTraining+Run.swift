import GateLMSupport
import Learning
import Text

/// Why a training run cannot start, in a message that names the option, file or corpus at fault.
public struct TrainingSetupError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension FamilyTraining {
    /// The model a run starts from — the one training path of every kind: with `resume`, the
    /// model at `run.checkpointPath` once `resumeProblems` finds nothing; otherwise a fresh
    /// model of `options`, after the memory it needs is checked against the machine.
    public static func start(options: Options, seed: UInt64?, resume: Bool,
                             run: TrainingRun) throws -> (state: State, optimizer: Adam) {
        if resume {
            var (state, optimizer) = try savedModel(at: run.checkpointPath)
            let problems = resumeProblems(state, options: options, seed: seed, corpus: run.corpus.identity)
            guard problems.isEmpty else {
                throw TrainingSetupError("--resume: \(problems.joined(separator: "; ")); drop these options to continue "
                                         + "\(run.checkpointPath), or train a new model")
            }
            state.training.corpus = run.corpus.identity
            return (state, optimizer)
        }
        let classCount = ByteVocabulary(of: run.corpus.trainingBytes).count
        let memory: MemoryEstimate
        do { memory = try memoryEstimate(options, classCount: classCount) } catch { throw TrainingSetupError("the model options: \(error)") }
        do { try MemoryBudget.check(memory.count, bytesEach: memory.bytesEach, for: memory.what) } catch { throw TrainingSetupError("\(error)") }
        let state: State
        do { state = try initialState(options, seed: seed ?? 1, corpus: run.corpus) } catch { throw TrainingSetupError("the model options: \(error)") }
        return (state, optimizer(for: state))
    }

    /// `savedState`, with a file of another kind refused by naming the kind that continues it.
    static func savedModel(at path: String) throws -> (state: State, optimizer: Adam) {
        do { return try savedState(at: path) } catch {
            if let other = try? TrainedModel.read(from: path).model.family, other != name {
                throw TrainingSetupError("--resume: \(path) holds a \(other) model: continue it with `gatelm train \(other) --resume`")
            }
            throw error
        }
    }

    /// The resume check, written once for every kind: the saved model must be one this kind
    /// trains, every model option given (`--seed` included) must equal the saved model's, and
    /// the corpus must be the one it was trained on. Each problem names what is at fault.
    public static func resumeProblems(_ saved: State, options: Options, seed: UInt64?, corpus: CorpusIdentity) -> [String] {
        guard saved.trainingName == name else {
            return ["the model is a \(saved.trainingName) model: continue it with `gatelm train \(saved.trainingName) --resume`"]
        }
        var problems = (modelOptions(options, savedIn: saved) + [OptionComparison("--seed", given: seed, saved: saved.seed)])
            .filter(\.differs).map { "\($0.option) \($0.given!) (the model has \($0.saved))" }
        if let trained = saved.training.corpus, trained != corpus {
            problems.append("the model was trained on \(trained.name) (\(trained.bytes) bytes, hash \(trained.hash)), "
                            + "not on \(corpus.name) (\(corpus.bytes) bytes, hash \(corpus.hash))")
        }
        return problems
    }
}
