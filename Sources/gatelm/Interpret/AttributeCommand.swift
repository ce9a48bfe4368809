import GateLMSupport
import ArgumentParser
import CommandLineOptions
import Foundation
import Interpret
import LanguageModels

struct AttributeCommand: NumericOptionsCommand {
    static let configuration = CommandConfiguration(
        commandName: "attribute",
        abstract: "Exact counterfactual effects of every context bit, byte and internal node on one prediction.",
        discussion: """
            On the prediction after the prompt (or --position), for the target byte (default: the \
            model's top byte): (a) each context bit flipped, (b) each context byte replaced by each \
            of its 255 other values (min/mean/max effect, and which replacements change the top \
            prediction), (c) every internal node forced to its opposite value, all at once as \
            parallel fault-simulation patterns (event-driven: a pass re-evaluates only what its \
            flips change). --nodes picks the nodes of (c): all, named (the nodes the circuit names: \
            units, gates, votes, tables), or auto (the default: all up to 262,144 live ANDs, named \
            above, where flipping each adder-tree bit would take minutes and say little). Effects are changed minus original: the target's \
            integer score, its probability, its margin over the best other byte. The attribution \
            graph keeps the nodes whose flip changes the target's score, with edges to their \
            fanins that do too: its structure (gates and fanins) holds for every input, its values \
            and effects for this prompt. Every number is a re-simulation; none is estimated.

            JSON: target, prediction, bits[] (position 1 = most recent, bit, effect, \
            probability_effect, margin_effect, changes_top), bytes[] (position, max_effect, \
            min_effect, mean_effect, top_changing_replacements), nodes[] (node, effect, \
            probability_effect, …), patched_nodes, node_scope (all or named), graph[] and edges[].

            With --units (a model whose circuit names k-bit units, L1.u17[b]: the integer \
            families), the attribution is over units instead: each unit is set to each of its \
            other levels by patching its level bits in the circuit, and the prediction is \
            re-simulated. JSON: target, prediction, score, probability, margin, context, \
            unit_count, interventions, units[] (unit, level, effects[]: level, effect, \
            probability_effect, margin_effect, top; largest_probability_effect, changes_top).

            Example:
              gatelm attribute model.gatelm --prompt "First Citizen:" --top 15
              gatelm attribute int.gatelm --prompt "ROMEO:" --units
            """
    )

    @OptionGroup var model: ModelArgument

    @Option(help: "The prompt.")
    var prompt: String

    @Option(parsing: .unconditional, help: "The prediction after this many prompt bytes (default: the whole prompt).")
    var position: Int?

    @Option(help: "Target byte: 'c', c, 0xNN or 0-255 (default: the model's top byte).")
    var target: String?

    @Option(parsing: .unconditional, help: "Rows of each table in the text output (1–100000).")
    var top = 12

    @Option(help: "Nodes (c) flips: all, named or auto.")
    var nodes = "auto"

    @Flag(help: "Attribute to the model's k-bit units by exact intervention on their levels (integer families).")
    var units = false

    /// Every numeric option and its range (checked first in `validate()`).
    var numericOptions: [NumericOption] {
        model.numericOptions + [
            .integer("--position", position, 0...PromptOption.bytes(prompt).count),
            .integer("--top", top, 1...100_000),
        ]
    }

    func validate() throws {
        try validateNumericOptions()
        if let target { _ = try parseByteOption(target, option: "--target") }
        if Attribution.NodeScope(rawValue: nodes) == nil { throw ValidationError("--nodes must be all, named or auto; got \(nodes)") }
    }

    func run() throws {
        let lm = try model.load()
        let bytes = PromptOption.bytes(prompt)
        if units { return try runUnits(lm, bytes) }
        let catalog = NodeCatalog(lm)
        let attribution: Attribution
        do {
            attribution = try Attribution(model: lm, catalog: catalog, prompt: bytes, position: position,
                                          target: try target.map { try parseByteOption($0, option: "--target") },
                                          nodes: Attribution.NodeScope(rawValue: nodes)!)
        } catch {
            throw CLIError("\(error)")
        }
        if model.json { return try JSONOutput.print(attribution) }
        let a = attribution
        print("target \(a.targetText) (0x\(String(a.target, radix: 16))): score \(a.score), probability \(String(format: "%.4f", a.probability)), margin \(a.margin); the model predicts \(printableByte(UInt8(a.prediction)))")
        if let note = PromptOption.paddingNote(position: position ?? bytes.count, contextLength: lm.contextLength) { print(note) }
        print("\n(a) context bits flipped, by |probability effect|:")
        print("  bit          value  Δscore  Δprob    Δmargin  top changes")
        for b in a.bits.sorted(by: { abs($0.probabilityEffect) > abs($1.probabilityEffect) }).prefix(top) where b.effect != 0 || b.probabilityEffect != 0 {
            print("  ctx[-\(b.position)][\(b.bit)]".padded(15) + "\(b.value ? 1 : 0)".padded(7) + "\(b.effect)".leftPadded(6)
                  + String(format: "  %+.4f", b.probabilityEffect) + "\(b.marginEffect)".leftPadded(9) + (b.changesTop ? "  yes" : ""))
        }
        print("\n(b) context bytes replaced (255 values each):")
        print("  byte     now   Δscore min/mean/max     Δprob min/max        replacements that change the top")
        for b in a.bytes {
            let changing = b.topChangingReplacements.map { printableByte(UInt8($0)) }
            print("  ctx[-\(b.position)]".padded(10) + printableByte(UInt8(b.byte)).padded(6)
                  + "\(b.minEffect)/\(String(format: "%.1f", b.meanEffect))/\(b.maxEffect)".padded(22)
                  + String(format: "%+.4f/%+.4f", b.minProbabilityEffect, b.maxProbabilityEffect).padded(21)
                  + "\(changing.count)" + (changing.isEmpty ? "" : ": " + changing.prefix(24).joined() + (changing.count > 24 ? "…" : "")))
        }
        print("\n(c) nodes forced to their opposite value: \(a.patchedNodes) patched (\(a.nodeScope == .all ? "every live AND" : "the named ones; --nodes all for every AND")), \(a.nodes.count) move the target")
        print("  node                 value  Δscore  Δprob    Δmargin  top changes")
        for n in a.nodes.prefix(top) {
            print("  " + n.node.padded(21) + "\(n.value ? 1 : 0)".padded(7) + "\(n.effect)".leftPadded(6)
                  + String(format: "  %+.4f", n.probabilityEffect) + "\(n.marginEffect)".leftPadded(9) + (n.changesTop ? "  yes" : ""))
        }
        let shown = a.graph.sorted { (abs($0.effect), $1.variable) > (abs($1.effect), $0.variable) }.prefix(top)
        print("\nattribution graph on the target's score: \(a.graph.count) nodes, \(a.edges.count) edges")
        print("  input-invariant part (the gates):")
        for g in shown { print("    " + g.node.padded(21) + (g.gate == "input" ? "input" : "= " + g.fanins.joined(separator: " ∧ "))) }
        print("  input-dependent part (this prompt):")
        let fanout = Dictionary(grouping: a.edges, by: \.from)
        for g in shown {
            let into = fanout[g.node]?.map(\.to) ?? []
            print("    " + g.node.padded(21) + "value \(g.value ? 1 : 0)  Δscore \(g.effect)"
                  + (into.isEmpty ? "" : "  ← " + into.joined(separator: ", ")))
        }
    }
}

extension AttributeCommand {
    /// `--units`: the unit graph of the prediction.
    func runUnits(_ lm: CircuitLanguageModel, _ bytes: [UInt8]) throws {
        let a: UnitAttribution
        do {
            a = try UnitAttribution(model: lm, prompt: bytes, position: position, target: try target.map { try parseByteOption($0, option: "--target") })
        } catch { throw CLIError("\(error)") }
        if model.json { return try JSONOutput.print(a) }
        print("target \(a.targetText) (0x\(String(a.target, radix: 16))): score \(a.score), probability \(String(format: "%.4f", a.probability)), margin \(a.margin); the model predicts \(printableByte(UInt8(a.prediction)))")
        print("\(a.unitCount) units, \(a.interventions) interventions (each unit at each other level, re-simulated); \(a.units.count) move the target")
        print("  unit        level  largest Δprob  top changes  Δscore by level")
        for unit in a.units.prefix(top) {
            let byLevel = unit.effects.map { "\($0.level):\($0.effect >= 0 ? "+" : "")\($0.effect)" }.joined(separator: " ")
            print("  " + unit.unit.padded(12) + String(unit.level).padded(7) + String(format: "%+.4f", unit.largestProbabilityEffect).padded(15)
                  + (unit.changesTop ? "yes" : "no").padded(13) + byLevel)
        }
    }
}
