import ArgumentParser
import Circuits
import CommandLineOptions
import Foundation
import GateLMSupport

struct SimulateCommand: NumericOptionsCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate a circuit on random or given input patterns.",
        discussion: """
            Prints one line per pattern: the output bits as 0/1 characters in output order. A \
            pattern file has one line per pattern with the input bits as 0/1 in input order.

            Sequential circuits (with latches) run one trace from the latches' reset values: \
            each pattern is the input at one time step, and one line is printed per step. \
            --steps T sets the number of steps (random patterns are generated for T steps; a \
            pattern file must have at least T lines).

            Examples:
              gatelm simulate adder.aig --random 8 --seed 1
              gatelm simulate adder.aig --patterns inputs.txt
              gatelm simulate counter.aag --steps 20 --seed 3
            """
    )

    @Argument(help: "The circuit (.aag or .aig).")
    var file: String

    @Option(parsing: .unconditional, help: "Simulate N random patterns.")
    var random: Int?

    @Option(parsing: .unconditional, help: "Seed of the random patterns.")
    var seed: UInt64 = 1

    @Option(help: "Read patterns from this file ('-' for standard input).")
    var patterns: String?

    @Option(parsing: .unconditional, help: "Number of time steps for a sequential circuit.")
    var steps: Int?

    @Option(parsing: .unconditional, help: "Worker threads (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    /// Every numeric option and its range (checked first in `validate()`).
    var numericOptions: [NumericOption] {
        [
            .integer("--random", random, 0...(1 << 32)),
            .integer("--seed", seed, OptionRange.seed),
            .integer("--steps", steps, 0...(1 << 32)),
            .integer("--threads", threads, OptionRange.threads),
        ]
    }

    func validate() throws {
        try validateNumericOptions()
        if random != nil && patterns != nil { throw ValidationError("give either --random or --patterns, not both") }
    }

    func run() throws {
        let aig = try CircuitFile.read(file)
        if !aig.isSequential, steps != nil {
            throw CLIError("\(file) has no latches: --steps applies to sequential circuits only")
        }
        if random == nil && patterns == nil && !(aig.isSequential && steps != nil) {
            throw CLIError("say which patterns to simulate: --random N or --patterns FILE")
        }
        if let count = random ?? steps {
            // Per pattern: a bit of every input, node and output, and the output's text line.
            do { try MemoryBudget.check(count, bytesEach: (aig.inputCount + aig.variableCount + aig.outputCount) / 8 + aig.outputCount + 2, for: "\(count) patterns") }
            catch { throw CLIError("\(random != nil ? "--random" : "--steps"): \(error)") }
        }
        var inputs = try loadPatterns(inputCount: aig.inputCount)
        let simulator = Simulator(aig)
        let outputs: PatternSet
        if aig.isSequential {
            let stepCount = steps ?? inputs.patternCount
            if inputs.patternCount < stepCount {
                throw CLIError("\(stepCount) steps need \(stepCount) patterns, but only \(inputs.patternCount) were given")
            }
            if inputs.patternCount > stepCount { inputs = inputs.prefix(stepCount) }
            outputs = simulator.simulateTrace(inputs)
        } else {
            outputs = simulator.simulate(inputs, threads: threads)
        }
        FileHandle.standardOutput.write(Data(outputs.formatted().utf8))
    }

    private func loadPatterns(inputCount: Int) throws -> PatternSet {
        if let patterns {
            let text: String
            do { text = String(decoding: try InputFile.read(patterns), as: UTF8.self) } catch { throw CLIError("\(error)") }
            do { return try PatternSet(parsing: text, signalCount: inputCount) } catch {
                throw CLIError("\(patterns): \(error)")
            }
        }
        return PatternSet.random(signalCount: inputCount, patternCount: random ?? steps ?? 0, seed: seed)
    }
}
