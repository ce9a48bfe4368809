import ArgumentParser
import LanguageModels

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a model as an interchange directory: model.safetensors (the folded integer model) and config.json.",
        discussion: """
            The directory is what the gatelm-torch package (python/) reads and writes, and what \
            every gatelm command takes wherever it takes a model (docs/interchange.md). It holds \
            the integer model the circuit computes, not the float weights of training, so every \
            engine that reads it computes the same integer scores bit for bit. DIR is created \
            when missing; its two files are replaced atomically when it exists.

            Examples:
              gatelm export shakespeare-int.gatelm shakespeare-int/
              gatelm verify shakespeare-int/ --corpus tinyshakespeare.txt
            """
    )

    @Argument(help: "A model of a family with an interchange format (gatelm train integer), or an interchange directory.")
    var model: String

    @Argument(help: "The directory to write.")
    var directory: String

    @OptionGroup var corpus: CorpusOption

    func run() throws {
        let trained = try ModelFile.readTrained(model, corpus: corpus)
        let exported: InterchangeModel
        do { exported = try trained.interchange() } catch { throw CLIError("\(model): \(error)") }
        do { try exported.write(directory: directory) } catch { throw CLIError("\(error)") }
        let tensors = exported.tensors.tensors
        let bytes = tensors.values.reduce(0) { $0 + $1.bytes.count }
        print("wrote \(directory): \(exported.family) model, \(tensors.count) integer tensors (\(bytes) bytes) and \(InterchangeModel.configName)")
    }
}
