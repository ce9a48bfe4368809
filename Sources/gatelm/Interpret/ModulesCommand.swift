import GateLMSupport
import ArgumentParser
import CommandLineOptions
import Foundation
import Interpret
import Text

struct ModulesCommand: NumericOptionsCommand {
    static let configuration = CommandConfiguration(
        commandName: "modules",
        abstract: "How a model's circuit falls apart: byte features, modules, supernodes and how local it is.",
        discussion: """
            (a) Byte features: every node whose support is one context byte, as the set of byte \
            values that switch it on, equal functions grouped. (b) Modules: the maximal \
            fanout-free cones: every AND is in exactly one, each has one output (its root) and \
            its inputs are circuit inputs or other modules' roots, so they compose back into the \
            circuit. Each comes with its size, inputs, support in (position, bit) terms, the class \
            scores it feeds and, with at most 6 inputs, its truth table; with --corpus, how often \
            it fires on training contexts and on which. (c) Supernodes: the modules that feed one \
            class form its private readout; the shared rest are grouped by the context positions \
            they read. (d) The share of ANDs in modules whose support is at most 8, 16 and 64 bits.

            (e) For a recurrent model (the rest is of it unrolled over --horizon bytes): the latch \
            dependency graph (h[j]'s next state reads h[i]) and its strongly connected components, \
            the sub-machines; a component that reads no other is driven by the input alone.

            JSON: byte_features[], modules[] (id, root, size, inputs, support_bits, \
            support_positions, classes, truth_table, supernode), supernodes[], summary, and for \
            a recurrent model latch_dependencies (latch_count, edges, self_loops, \
            input_only_latches, components[]: id, latches, cyclic, reads, reads_input).
            """
    )

    @OptionGroup var model: ModelArgument

    @Option(help: "A corpus whose training contexts show when the largest modules fire.")
    var corpus: String?

    @Option(parsing: .unconditional, help: "Training contexts sampled from --corpus (1–1000000).")
    var samples = 4096

    @Option(parsing: .unconditional, help: "Rows of each table in the text output (1–100000).")
    var top = 15

    /// Every numeric option and its range (checked first in `validate()`).
    var numericOptions: [NumericOption] {
        model.numericOptions + [
            .integer("--samples", samples, 1...1_000_000),
            .integer("--top", top, 1...100_000),
        ]
    }

    func validate() throws {
        try validateNumericOptions()
    }

    func run() throws {
        let (lm, latches) = try model.loadWithLatchGraph()
        var contexts = [UInt8]()
        if let corpus {
            let text: Corpus
            do { text = try Corpus(contentsOfFile: corpus) } catch { throw CLIError("\(error)") }
            let split = CorpusSplit(text)
            let stride = max(1, split.training.count / samples)
            let positions = Swift.stride(from: split.training.lowerBound, to: split.training.upperBound, by: stride).prefix(samples)
            contexts = positions.flatMap { lm.contexts(of: $0 ..< $0 + 1, in: text.bytes) }
        }
        var analysis = ModuleAnalysis(model: lm, catalog: NodeCatalog(lm), corpusContexts: contexts, examples: top)
        analysis.latchDependencies = latches
        if model.json { return try JSONOutput.print(analysis) }
        let s = analysis.summary
        print("\(model.model): \(s.ands) ANDs in \(s.modules) modules (maximal fanout-free cones), \(s.supernodes) supernodes; largest module \(s.largestModule) ANDs")
        print(String(format: "share of ANDs in modules reading at most 8 / 16 / 64 input bits: %.1f %% / %.1f %% / %.1f %%",
                     100 * s.fractionUpTo8Bits, 100 * s.fractionUpTo16Bits, 100 * s.fractionUpTo64Bits))
        print("\n(a) byte features: \(s.byteFeatureNodes) nodes read a single context byte, \(s.byteFeatureFunctions) distinct functions")
        for f in analysis.byteFeatures.sorted(by: { $0.nodes.count > $1.nodes.count }).prefix(top) {
            let set = f.bytes.isEmpty ? "∅ (constant 0)" : f.set.count > 40 ? String(f.set.prefix(39)) + "…" : f.set
            print("  ctx[-\(f.position)] ∈ \(set)".padded(52) + " \(f.nodes.count) node\(f.nodes.count == 1 ? "" : "s"): " + f.nodes.prefix(6).joined(separator: " ") + (f.nodes.count > 6 ? " …" : ""))
        }
        print("\n(b) largest modules:")
        for m in analysis.modules.sorted(by: { ($0.size, $1.id) > ($1.size, $0.id) }).prefix(top) {
            let classes = m.classes.count == 1 ? printableByte(UInt8(m.classes[0])) : "\(m.classes.count) classes"
            var line = "  #\(m.id) root \(m.root)".padded(30) + "\(m.size) ANDs, \(m.inputs.count) inputs, support \(m.supportBits) bits in "
                + m.supportPositions.map { "ctx[-\($0)]" }.joined(separator: " ") + ", feeds \(classes)"
            if let rate = m.fireRate { line += String(format: ", on in %.1f %%", 100 * rate) }
            if let tops = m.topContexts, !tops.isEmpty { line += " e.g. " + tops.joined(separator: ", ") }
            print(line)
        }
        print("\n(c) supernodes:")
        for n in analysis.supernodes.sorted(by: { $0.ands > $1.ands }).prefix(top) {
            print("  " + n.name.padded(44) + " \(n.modules.count) modules, \(n.ands) ANDs")
        }
        if let graph = analysis.latchDependencies {
            let independent = graph.components.filter { $0.reads.isEmpty }
            print("\n(e) the state machine: \(graph.latchCount) latches, \(graph.edges) dependencies (\(graph.selfLoops) self-loops), "
                  + "\(graph.components.count) strongly connected components, \(graph.components.filter(\.cyclic).count) with memory of their own; "
                  + "\(independent.count) read no other component (sub-machines driven by the input alone); "
                  + "\(graph.inputOnlyLatches) latches read no state at all")
            for c in graph.components.prefix(top) {
                let names = c.latches.count > 8 ? c.latches.prefix(8).joined(separator: " ") + " …" : c.latches.joined(separator: " ")
                print("  #\(c.id) \(c.latches.count) latch\(c.latches.count == 1 ? "" : "es")\(c.cyclic ? "" : " (no feedback)"): \(names); reads "
                      + (c.reads.isEmpty ? "no other component" : c.reads.prefix(8).map { "#\($0)" }.joined(separator: " ") + (c.reads.count > 8 ? " …" : ""))
                      + (c.readsInput ? " and the input" : ""))
            }
        }
    }
}
