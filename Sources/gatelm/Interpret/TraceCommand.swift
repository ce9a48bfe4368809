import GateLMSupport
import ArgumentParser
import CommandLineOptions
import Foundation
import Interpret

struct TraceCommand: NumericOptionsCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Run a model on a prompt and report every node: the run_with_cache of gate models.",
        discussion: """
            For each position of the prompt (the prediction after its first t bytes), the top next \
            bytes with their integer scores and probabilities, and per layer (ctx, emb, L1…, vote, \
            and, score) how many nodes fired and which changed since the previous position. Node \
            names: ctx[-p][b] inputs, emb[-p][e] embedding bits, L<l>.g<i> learned gates, \
            vote[0xNN][j] readout votes, score[0xNN][i] score bits, n<v> plain AIG nodes. \
            --values named|all adds every node's value (JSON: positions[].layers[].values, in \
            layers[].nodes order). --diff OTHER lists the nodes whose values differ between the \
            prompt and OTHER at the traced (last) position.

            Examples:
              gatelm trace model.gatelm --prompt "ROMEO:" --position 6
              gatelm trace model.aig --prompt "the cat" --diff "the dog" --json
            """
    )

    @OptionGroup var model: ModelArgument

    @Option(help: "The prompt.")
    var prompt: String

    @Option(parsing: .unconditional, help: "Trace only this position (prompt bytes before the prediction; default: every position).")
    var position: Int?

    @Option(help: "Another prompt to compare with, node by node, at the last traced position.")
    var diff: String?

    @Option(parsing: .unconditional, help: "Top bytes to list per position (1–256).")
    var top = 5

    @Option(help: "Node values to include: none, named (all but plain AIG nodes) or all.")
    var values = "none"

    /// Every numeric option and its range (checked first in `validate()`).
    var numericOptions: [NumericOption] {
        model.numericOptions + [
            .integer("--position", position, 0...PromptOption.bytes(prompt).count),
            .integer("--top", top, 1...256),
        ]
    }

    func validate() throws {
        try validateNumericOptions()
        if Trace.ValueDetail(rawValue: values) == nil { throw ValidationError("--values must be none, named or all; got \(values)") }
    }

    func run() throws {
        let lm = try model.load()
        let catalog = NodeCatalog(lm)
        let bytes = PromptOption.bytes(prompt)
        let positions = position.map { [$0] }
        var trace = Trace(model: lm, catalog: catalog, prompt: bytes, positions: positions, top: top,
                          values: Trace.ValueDetail(rawValue: values)!)
        if let diff {
            let other = PromptOption.bytes(diff)
            let at = trace.positions.last!.position
            trace.addDifference(model: lm, catalog: catalog, prompt: bytes, position: at, other: other,
                                otherPosition: min(other.count, at == bytes.count ? other.count : at), top: top)
        }
        if model.json { return try JSONOutput.print(trace) }
        print("\(model.model): W=\(trace.contextLength), \(trace.ands) ANDs\(lm.nodeNames.isEmpty ? " (no node names: internal nodes are n<v>)" : "")")
        for p in trace.positions {
            let shown = String(decoding: bytes.prefix(p.position), as: UTF8.self)
            print("position \(p.position) after \(shown.debugDescription)\(p.padded ? " (padded)" : ""):")
            print("  top: " + describeTop(p.top))
            for layer in p.layers {
                let changed = layer.changedNodes.prefix(8).joined(separator: " ")
                print("  \(layer.layer.padded(6)) \(String(layer.nodes).leftPadded(7)) nodes \(String(layer.fired).leftPadded(7)) fired \(String(layer.changed).leftPadded(7)) changed"
                      + (layer.changed > 0 ? "  " + changed + (layer.changed > 8 ? " …" : "") : ""))
            }
        }
        if let note = PromptOption.paddingNote(position: trace.positions.first!.position, contextLength: lm.contextLength) { print(note) }
        if let d = trace.diff {
            print("difference at position \(d.position) against \(d.otherPrompt.debugDescription) (position \(d.otherPosition)):")
            print("  other top: " + describeTop(d.otherTop))
            for layer in d.layers {
                print("  \(layer.layer.padded(6)) \(String(layer.differing).leftPadded(7)) differ"
                      + (layer.differing > 0 ? "  " + layer.nodes.prefix(10).joined(separator: " ") + (layer.differing > 10 ? " …" : "") : ""))
            }
        }
    }
}
