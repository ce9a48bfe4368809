import ArgumentParser
import CommandLineOptions
import Foundation
import Interpret
import LanguageModels
import Text

struct FeaturesCommand: NumericOptionsCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Each k-bit unit of a model's circuit as a feature: how often it takes each level, and the contexts that drive it highest.",
        discussion: """
            Reads every unit the circuit names (L1.u17[0] … L1.u17[k−1]: the bits of a unit's \
            level, as `gatelm train integer` compiles them) off the simulated circuit on the first \
            --positions validation positions of --corpus: the count of each of its 2^k levels, its \
            mean level, whether it is constant there, and its --examples top contexts (highest \
            level first, then earliest). Exact: the circuit itself, no replacement model.

            With a trained model (not a bare circuit), each unit's input-invariant wiring too: \
            its nonzero ternary weights from byte-code values code[-p][e], table-row values \
            row[o][e] and earlier units, to later units, and the classes it votes for and against.

            JSON: first_position, positions, units[] (name, layer, bits, level_counts, mean_level, \
            constant, top[]: level, position, context), connections[] (unit, inputs[]: node, \
            weight; outputs[]; promotes[], demotes[]: class bytes).

            Example:
              gatelm features int.gatelm --corpus tinyshakespeare.txt --show 10
            """
    )

    @OptionGroup var model: ModelArgument

    @OptionGroup var corpus: CorpusOption

    @Option(parsing: .unconditional, help: "Validation positions measured (1–1000000).")
    var positions = 16_384

    @Option(parsing: .unconditional, help: "Top contexts kept per unit (0–1000).")
    var examples = 5

    @Option(parsing: .unconditional, help: "Units shown in the text output, the most varied first (1–100000).")
    var show = 20

    var numericOptions: [NumericOption] {
        model.numericOptions + [
            .integer("--positions", positions, 1...1_000_000),
            .integer("--examples", examples, 0...1000),
            .integer("--show", show, 1...100_000),
        ]
    }

    func validate() throws { try validateNumericOptions() }

    func run() throws {
        let (lm, trained) = try model.loadWithModel()
        let text = try corpus.load()
        let validation = CorpusSplit(text).validation
        let range = validation.lowerBound ..< min(validation.upperBound, validation.lowerBound + positions)
        guard !UnitFeatures.units(in: lm).isEmpty else {
            throw CLIError("\(model.model): the circuit names no k-bit units (L<l>.u<i>[b]); features are for the integer families (gatelm train integer)")
        }
        var features = UnitFeatures(model: lm, text: text.bytes, positions: range, top: examples)
        // The wiring comes from the trained model (a bare circuit has lost which weights made it).
        do { features.connections = try trained?.unitConnections() } catch { throw CLIError("\(model.model): \(error)") }
        let wiring = Dictionary((features.connections ?? []).map { ($0.unit, $0) }, uniquingKeysWith: { a, _ in a })
        if model.json { return try JSONOutput.print(features) }
        let constant = features.units.filter(\.constant).count
        print("\(model.model): \(features.units.count) units of \(features.units.first!.bits) bits over \(features.positions) validation positions of \(text.name); "
              + "\(constant) constant there")
        // The most varied first: the variance of the level.
        func variance(_ u: UnitFeatures.Unit) -> Double {
            let n = Double(u.levelCounts.reduce(0, +))
            return n == 0 ? 0 : u.levelCounts.enumerated().reduce(0) { $0 + Double($1.element) * pow(Double($1.offset) - u.meanLevel, 2) } / n
        }
        for unit in features.units.sorted(by: { variance($0) > variance($1) }).prefix(show) {
            let histogram = unit.levelCounts.enumerated().filter { $0.element > 0 }.map { "\($0.offset):\($0.element)" }.joined(separator: " ")
            print(String(format: "%@  mean %.2f  levels %@", unit.name, unit.meanLevel, histogram))
            if let w = wiring[unit.name] {
                // Inputs grouped by what they read: ctx[-p] (its byte's code) or row[o] (a table's row).
                var groups = [(String, Int, Int)]()
                for edge in w.inputs {
                    let group = String(edge.node.prefix { $0 != "]" }) + "]"
                    if groups.last?.0 != group { groups.append((group, 0, 0)) }
                    if edge.weight > 0 { groups[groups.count - 1].1 += 1 } else { groups[groups.count - 1].2 += 1 }
                }
                print("    reads " + groups.map { "\($0.0.replacingOccurrences(of: "code[", with: "ctx[")) +\($0.1)/−\($0.2)" }.joined(separator: " "))
                if !w.outputs.isEmpty { print("    feeds \(w.outputs.count) units of the next layer") }
                if !w.promotes.isEmpty || !w.demotes.isEmpty {
                    func bytes(_ list: [Int]) -> String { list.map { printableByte(UInt8($0)) }.joined() }
                    print("    votes for \(bytes(w.promotes))  against \(bytes(w.demotes))")
                }
            }
            for example in unit.top { print("    \(example.level)  at \(example.position)  \(example.context)|") }
        }
    }
}
