import ArgumentParser
import Text

/// `--corpus FILE`, defaulting to Debian's fortunes.
struct CorpusOption: ParsableArguments {
    @Option(help: "Text to train on or evaluate (default: the fortunes corpus, /usr/share/games/fortunes).")
    var corpus: String?

    func load() throws -> Corpus {
        do {
            return try corpus.map { try Corpus(contentsOfFile: $0) } ?? Corpus.default()
        } catch {
            throw CLIError("\(error)")
        }
    }
}
