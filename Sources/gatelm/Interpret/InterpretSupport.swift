import GateLMSupport
import ArgumentParser
import CommandLineOptions
import Foundation
import Interpret
import LanguageModels

extension CircuitLanguageModel.InitialState: ExpressibleByArgument {}

/// What every interpretability command takes: the model, `--json`.
struct ModelArgument: NumericOptions {
    @Argument(help: "A trained model, or a compiled circuit (.aig/.aag, also after `gatelm optimize`).")
    var model: String

    @Flag(help: "Print one JSON object (documented fields; see the README) instead of text.")
    var json = false

    @Option(parsing: .unconditional, help: "A recurrent model is questioned unrolled over its last N bytes (default \(CircuitLanguageModel.defaultHorizon)); window models read their own W.")
    var horizon: Int?

    @Option(help: "The state a recurrent model's unrolled view starts from: 'free' (default: the state the machine reached on the text before the horizon, left free by explain and query) or 'reset' (the view reads only the last N bytes, from reset).")
    var state: CircuitLanguageModel.InitialState?

    @Option(help: "The corpus a .symtx program's next-byte rows are fitted on (its first 90 %; default: the default corpus).")
    var fitCorpus: String?

    var numericOptions: [NumericOption] { [.integer("--horizon", horizon, 1...4096)] }

    func validate() throws { try validateNumericOptions() }

    /// The model's circuit as it is (a recurrent one sequential).
    func loadCircuit() throws -> CircuitLanguageModel { try open().circuit }

    /// The model file opened once: its circuit as it is, and the trained model where the file holds one.
    func open() throws -> (circuit: CircuitLanguageModel, model: TrainedModel?) {
        do { return try LanguageModelFile.open(model, corpus: { try CorpusOption.load(fitCorpus) }) } catch { throw CLIError(error.description) }
    }

    /// The window view (see `load()`) and the trained model where the file holds one, from one read.
    func loadWithModel() throws -> (view: CircuitLanguageModel, model: TrainedModel?) {
        let opened = try open()
        return (try window(of: opened.circuit), opened.model)
    }

    /// The model as a window circuit: a recurrent one unrolled over `--horizon` bytes.
    func load() throws -> CircuitLanguageModel { try window(of: try loadCircuit()) }

    /// The window view and, for a recurrent model, its latch dependency graph (one load).
    func loadWithLatchGraph() throws -> (view: CircuitLanguageModel, latches: LatchDependencies?) {
        let loaded = try loadCircuit()
        return (try window(of: loaded), loaded.isRecurrent ? LatchDependencies(loaded.aig) : nil)
    }

    private func window(of loaded: CircuitLanguageModel) throws -> CircuitLanguageModel {
        guard loaded.isRecurrent else {
            if horizon != nil || state != nil {
                throw CLIError("\(horizon != nil ? "--horizon" : "--state") is for a recurrent model; \(model) is a window model (W = \(loaded.contextLength))")
            }
            return loaded
        }
        do { return try loaded.unrolled(horizon: horizon ?? CircuitLanguageModel.defaultHorizon, initialState: state ?? .free) }
        catch { throw CLIError("\(model): \(error)") }
    }
}

/// JSON output: snake_case keys, sorted, one object.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) throws -> String { try ResultEncoding.json(value) }

    static func print<T: Encodable>(_ value: T) throws { Swift.print(try encode(value)) }
}

/// Validating the prompt and position options shared by the commands.
enum PromptOption {
    /// The prompt's bytes (UTF-8).
    static func bytes(_ prompt: String) -> [UInt8] { Array(prompt.utf8) }

    /// The note printed when the context reaches before the prompt.
    static func paddingNote(position: Int, contextLength: Int) -> String? {
        position < contextLength
            ? "note: the prompt has \(position) byte\(position == 1 ? "" : "s") before this prediction; the \(contextLength - position) older context byte\(contextLength - position == 1 ? " is" : "s are") padding (0x00), as in training"
            : nil
    }
}

/// A byte option: 'c', a lone character, 0xNN or 0–255.
func parseByteOption(_ text: String, option: String) throws -> UInt8 {
    do { return try ContextConstraint.parseByte(text) } catch { throw ValidationError("\(option): \(error.description)") }
}

/// Writes a line to stderr.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}


/// `x (0.123)`-style list of top bytes.
func describeTop(_ top: [Trace.TopByte]) -> String {
    top.map { "\($0.text) \($0.score) (\(String(format: "%.3f", $0.probability)))" }.joined(separator: ", ")
}
