import LanguageModels

/// Loading models for the CLI, with the file named in every error.
enum ModelFile {
    /// A trained model of any family, or a `.symtx` program fitted on the training split of `corpus`.
    static func readTrained(_ path: String, corpus: CorpusOption) throws -> TrainedModel {
        do { return try TrainedModel.read(from: path, corpus: corpus.load) } catch let error as CLIError { throw error } catch { throw CLIError("\(error)") }
    }

    /// Where the training curve of the model at `path` is drawn.
    static func curvePath(for path: String) -> String { path + ".curve.svg" }
}
