import ArgumentParser
import CommandLineOptions
import Foundation
import LanguageModels
import Testing
@testable import gatelm

/// Every numeric option of every command, fed NaN, ∞, 0, −1 and huge values (each one the
/// option does not allow): a clean error (exit 1 or 2) naming the option, and no output file.
/// The options come from each command's `numericOptions`; a mirror of the command checks
/// that the list misses none of its numeric properties.
@Suite struct NumericOptionTests {
    /// Each command with arguments that parse (files need not exist: numbers are checked first).
    /// `OUT` stands for a path in a fresh directory that must still be empty afterwards.
    static let commands: [(type: any ParsableCommand.Type, arguments: [String])] = [
        (StatsCommand.self, ["in.aig"]),
        (ConvertCommand.self, ["in.aig", "OUT/out.aag"]),
        (EmitC.self, ["in.aig", "-o", "OUT/out.c"]),
        (EmitVerilog.self, ["in.aig", "-o", "OUT/out.v"]),
        (EmitDot.self, ["in.aig", "-o", "OUT/out.dot"]),
        (SimulateCommand.self, ["in.aig"]),
        (DemoCommand.self, ["--out", "OUT/demo"]),
        (EvalCommand.self, ["model.gatelm"]),
        (CompileCommand.self, ["model.gatelm", "-o", "OUT/model.aig", "--prune-readout", "corpus.txt"]),
        (VerifyCommand.self, ["model.gatelm"]),
        (ExportCommand.self, ["model.gatelm", "OUT/model"]),
        (OptimizeCommand.self, ["in.aig", "-o", "OUT/out.aig", "--care", "corpus.txt"]),
        (CecCommand.self, ["a.aig", "b.aig"]),
        (GenerateCommand.self, ["model.gatelm"]),
        (ToyCommand.self, []),
        (TraceCommand.self, ["model.aig", "--prompt", "hello"]),
        (AttributeCommand.self, ["model.aig", "--prompt", "hello"]),
        (ExplainCommand.self, ["model.aig", "--prompt", "hello", "--certificate", "OUT/proof"]),
        (CheckProofCommand.self, ["formula.cnf", "proof.drat"]),
        (QueryCommand.self, ["model.aig", "--where", "ctx[-1]='q'", "--top", "u", "--certificate", "OUT/proof"]),
        (ContrastCommand.self, ["model.aig", "--positive", "p.txt", "--negative", "n.txt"]),
        (ModulesCommand.self, ["model.aig"]),
        (FeaturesCommand.self, ["model.aig"]),
        (ViewCommand.self, ["model.aig", "-o", "OUT/page.html"]),
        (SymbolicScoreCommand.self, ["p.symtx"]),
        (SymbolicSearchCommand.self, ["p.symtx", "--store", "OUT/runs"]),
        (MCPCommand.self, []),
    ] + ModelFamilies.trainings.map { ($0.command, ["--out", "OUT/model.gatelm", "--steps", "1"]) }

    static let badValues = ["nan", "inf", "-inf", "0", "-1", "-0.5", "0.5", "1e300", "99999999999999999999"]

    /// The words that run the command from `gatelm` (`emit c` for EmitC).
    static func path(of type: any ParsableCommand.Type) -> [String] {
        let name = type.configuration.commandName!
        for parent in GateLM.configuration.subcommands where parent.configuration.subcommands.contains(where: { $0 == type }) {
            return [parent.configuration.commandName!, name]
        }
        return [name]
    }

    @Test func everyCommandIsInTheTable() {
        var names = Set<String>()
        for sub in GateLM.configuration.subcommands {
            let children = sub.configuration.subcommands
            for type in children.isEmpty ? [sub] : children { names.insert(Self.path(of: type).joined(separator: " ")) }
        }
        #expect(Set(Self.commands.map { Self.path(of: $0.type).joined(separator: " ") }) == names)
    }

    /// Numeric stored properties (`Int`, `Double`, `Float`, `UInt64`, optional or not) as option
    /// names, in the command and in its option groups (and theirs).
    static func numericProperties(of value: Any, depth: Int = 0) -> [String] {
        Mirror(reflecting: value).children.flatMap { child -> [String] in
            let type = "\(Swift.type(of: child.value))"
            if type.hasPrefix("OptionGroup<") || (depth > 0 && !type.hasPrefix("Option<") && !type.hasPrefix("Flag<")) {
                return depth < 6 ? numericProperties(of: child.value, depth: depth + 1) : []
            }
            guard let label = child.label, label.hasPrefix("_") else { return [] }
            guard type.hasPrefix("Option<"), ["Int", "Double", "Float", "UInt64"].contains(where: { type.contains("<\($0)>") }) else { return [] }
            return [label.dropFirst().reduce(into: "--") { out, c in out += c.isUppercase ? "-" + c.lowercased() : String(c) }]
        }
    }

    /// The mirror reaches into option groups: `train gates` has numeric options in two groups.
    @Test func numericPropertiesIncludeOptionGroups() throws {
        let command = try GatesTraining.command.parse(["--out", "m", "--steps", "1"])
        let names = Set(Self.numericProperties(of: command))
        #expect(names.isSuperset(of: ["--steps", "--minutes", "--seed", "--context", "--batch", "--tau"]))
    }

    @Test func listsCoverEveryNumericProperty() throws {
        for (type, arguments) in Self.commands {
            let command = try type.parse(arguments)
            let listed = Set((command as? any NumericOptionsCommand)?.numericOptions.map(\.name) ?? [])
            for name in Self.numericProperties(of: command) {
                #expect(listed.contains(name), "\(type.configuration.commandName!): \(name) is numeric but not in numericOptions")
            }
        }
    }

    @Test func badValuesGiveACleanErrorAndNoOutput() throws {
        var checked = 0
        for (type, arguments) in Self.commands {
            guard let command = try type.parse(arguments) as? any NumericOptionsCommand else { continue }
            for option in command.numericOptions {
                for value in Self.badValues where !option.allows(Double(value) ?? .nan) {
                    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatelm-numeric-\(UUID().uuidString)")
                    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                    defer { try? FileManager.default.removeItem(at: directory) }
                    let args = Self.path(of: type) + arguments.map { $0.replacingOccurrences(of: "OUT", with: directory.path) }
                        + [option.name, value]   // without '=': negative numbers must still be taken as values
                    let result = try GateLMProcess.run(args)
                    let what = "gatelm \(args.joined(separator: " "))"
                    #expect((1...2).contains(result.status), "\(what): exit \(result.status)")
                    #expect(result.stderr.contains(option.name), "\(what): \(result.stderr)")
                    #expect(!result.stderr.contains("Missing value"), "\(what): \(result.stderr)")
                    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "\(what) left a file")
                    checked += 1
                }
            }
        }
        #expect(checked > 200)
    }

    @Test func rangeMessagesGiveTheRange() {
        let option = NumericOption.real("--minutes", Double.nan, 0...10_080, excludingLowerBound: true)
        #expect(throws: ValidationError.self) { try option.check() }
        #expect(option.rangeText == "(0, 10080]")
        #expect(!option.allows(0) && option.allows(1) && !option.allows(.infinity))
        let steps = NumericOption.integer("--steps", -1, 1...100)
        #expect(!steps.allows(-1) && !steps.allows(1.5) && steps.allows(100))
    }
}
