import ArgumentParser
import Text

/// `--corpus FILE`, defaulting to Debian's fortunes.
struct CorpusOption: ParsableArguments {
    @Option(help: "Text to train on or evaluate (default: the fortunes corpus, /usr/share/games/fortunes).")
    var corpus: String?

    func load() throws -> Corpus { try Self.load(corpus) }

    /// The corpus at `path`, or the default one.
    static func load(_ path: String?) throws -> Corpus {
        do {
            return try path.map { try Corpus(contentsOfFile: $0) } ?? Corpus.default()
        } catch {
            throw CLIError("\(error)")
        }
    }
}
