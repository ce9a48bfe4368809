import ArgumentParser
import CommandLineOptions
import Foundation
import GateLMSupport
import Interpret
import LanguageModels

struct ViewCommand: NumericOptionsCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "One self-contained HTML page: the module graph, a prompt's trace and attribution, the training curve.",
        discussion: """
            The page needs no network. Supernodes (see `gatelm modules`) are listed by size and \
            expand into their modules on click; a module shows its signature (inputs, support, \
            classes, truth table); with --prompt, the next-byte table and the attribution to the \
            top byte colour the modules by the largest effect of their nodes. Search finds \
            modules by the name of their root or inputs. The training curve is the model's \
            MODEL.curve.svg when it exists. A recurrent model (unrolled over --horizon) adds its \
            state machine: the latch graph's strongly connected components, largest first; clicking \
            one marks the components it reads and those that read it. --json prints exactly the \
            data the page embeds. The next-byte table lists bytes by score, equal scores lowest \
            byte first (the first score output, as gatelm writes them in byte order), so its first \
            row is the prediction of explain, query and generate --greedy.

            Example:
              gatelm view model.gatelm --prompt "ROMEO:" -o model.html
            """
    )

    @OptionGroup var model: ModelArgument

    var numericOptions: [NumericOption] { model.numericOptions }

    @Option(help: "A prompt to trace and attribute on the page.")
    var prompt: String?

    @Option(name: .shortAndLong, help: "The HTML file to write (needed unless --json).")
    var output: String?

    func validate() throws {
        if output == nil && !model.json { throw ValidationError("give -o PAGE.html (or --json for the data)") }
    }

    func run() throws {
        let (lm, latches) = try model.loadWithLatchGraph()
        let catalog = NodeCatalog(lm)
        let analysis = ModuleAnalysis(model: lm, catalog: catalog)
        let curvePath = ModelFile.curvePath(for: model.model)
        let curve = LanguageModelFile.isCircuit(model.model) ? nil : try? String(contentsOfFile: curvePath, encoding: .utf8)
        var data: ViewData
        do {
            data = try ViewData(modelName: URL(fileURLWithPath: model.model).lastPathComponent, model: lm, catalog: catalog,
                                analysis: analysis, prompt: prompt.map(PromptOption.bytes), curveSVG: curve)
        } catch {
            throw CLIError("\(error)")
        }
        data.latchDependencies = latches
        let json = try JSONOutput.encode(data)
        if model.json { print(json) }
        if let output {
            let html = ViewPage.html(json: json, title: data.model)
            do { try AtomicFile.write(Array(html.utf8), to: output) } catch { throw CLIError("\(error)") }
            if !model.json { print("\(output): \(data.supernodes.count) supernodes, \(data.modules.count) modules, \(html.utf8.count) bytes") }
        }
    }
}
