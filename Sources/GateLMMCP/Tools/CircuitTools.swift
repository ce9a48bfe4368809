import Foundation
import GateLMSupport
import Interpret
import LanguageModels
import Symbolic
import SymbolicHarness
import Text

/// The interpretability commands on any model, as tools: a model file (window, recurrent or
/// symbolic: `.gatelm`, `.aig`/`.aag`, `.symtx` fitted on the served corpus's fit split) or, by
/// default, a version of the served program compiled. The same library calls as `gatelm trace`,
/// `attribute`, `explain`, `query` and `modules`, with the same JSON.
enum CircuitTools {
    static let model = ("model", ToolSpec.Property.string("a model file (.gatelm, .aig/.aag or .symtx) or interchange directory (config.json + model.safetensors); default: the program's version compiled"))
    static let prompt = ("prompt", ToolSpec.Property.string("the text whose next byte is questioned"))
    static let horizon = ("horizon", ToolSpec.Property.integer("a recurrent model is questioned unrolled over its last N bytes (default 8)", 1...4096))
    static let position = ("position", ToolSpec.Property.integer("the predicted byte's index in the prompt (default: the byte after it)", 0...(1 << 20)))

    /// The model as a window circuit, with where it came from.
    static func load(_ c: ToolContext, _ a: ToolArguments) async throws -> CircuitLanguageModel {
        let input = try await c.workbench.modelInput(version: a.int("version", in: ToolCatalog.versions))
        let loaded: CircuitLanguageModel
        if let path = try a.string("model"), InterchangeModel.isDirectory(path) {
            // An interchange directory: its two files, each confined and bounded like any file.
            let config: (bytes: [UInt8], path: String), tensors: (bytes: [UInt8], path: String)
            do {
                config = try c.files.read(path + "/" + InterchangeModel.configName)
                tensors = try c.files.read(path + "/" + InterchangeModel.tensorsName)
            } catch { throw WorkbenchError("model: \(ConfinedFile.shown(path)) is a directory, read as an interchange model (config.json + model.safetensors): \(error)") }
            do { loaded = try LanguageModelFile.load(interchangeConfig: config.bytes, tensors: tensors.bytes, name: path) } catch { throw WorkbenchError("\(error)") }
        } else if let path = try a.string("model") {
            let file: (bytes: [UInt8], path: String)
            do { file = try c.files.read(path) } catch { throw WorkbenchError("model: \(error)") }
            let corpus = Corpus(name: "the served corpus", bytes: input.corpus)
            do { loaded = try LanguageModelFile.load(bytes: file.bytes, name: file.path, corpus: { corpus }) } catch { throw WorkbenchError("\(error)") }
        } else {
            let model: SymbolicModel
            do { model = try SymbolicModel(program: input.program, text: Corpus(name: "the served corpus", bytes: Array(input.corpus[..<input.fit.upperBound])), fit: input.fit) }
            catch { throw WorkbenchError("v\(input.version): \(error)") }
            do { loaded = try CircuitLanguageModel(model.circuit(nodeNames: true)) } catch { throw WorkbenchError("\(error)") }
        }
        guard loaded.isRecurrent else { return loaded }
        do { return try loaded.unrolled(horizon: try a.int("horizon", in: 1...4096) ?? CircuitLanguageModel.defaultHorizon, initialState: .free) }
        catch { throw WorkbenchError("\(error)") }
    }

    static func bytes(_ a: ToolArguments) throws -> [UInt8] { Array(try a.requiredString("prompt").utf8) }

    static func checkedPosition(_ a: ToolArguments, _ prompt: [UInt8]) throws -> Int? {
        try a.int("position", in: 0...prompt.count)
    }

    /// An Encodable from a library type, as the CLI's --json writes it.
    struct Encoded<T: Encodable>: Encodable, @unchecked Sendable {
        var value: T
        func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
    }

    static let all: [ToolSpec] = [
        ToolSpec(name: "circuit_trace", description: "Which nodes of the compiled circuit fire, by layer, at the prediction after a prompt (as gatelm trace --json): nodes, fired, changed, the top bytes.",
                 properties: [model, ToolCatalog.version, prompt, position, horizon, ("top", .integer("bytes listed (default 5)", 1...256))], required: ["prompt"], editor: false) { c, a in
            let lm = try await load(c, a), p = try bytes(a)
            let trace = Trace(model: lm, catalog: NodeCatalog(lm), prompt: p, positions: try checkedPosition(a, p).map { [$0] }, top: try a.int("top", in: 1...256) ?? 5, values: .none)
            return Encoded(value: trace)
        },
        ToolSpec(name: "circuit_attribute", description: "Which context bits and nodes decide the prediction after a prompt, by exact fault simulation (as gatelm attribute --json); with units, which k-bit units do, each set to each of its other levels (as gatelm attribute --units --json).",
                 properties: [model, ToolCatalog.version, prompt, position, horizon,
                              ("units", .boolean("attribute to the model's k-bit units by exact intervention (integer families; default false)"))],
                 required: ["prompt"], editor: false) { c, a in
            let lm = try await load(c, a), p = try bytes(a)
            do {
                if try a.bool("units") == true { return Encoded(value: try UnitAttribution(model: lm, prompt: p, position: try checkedPosition(a, p))) }
                return Encoded(value: try Attribution(model: lm, catalog: NodeCatalog(lm), prompt: p, position: try checkedPosition(a, p)))
            } catch let error as WorkbenchError { throw error } catch { throw WorkbenchError("\(error)") }
        },
        ToolSpec(name: "circuit_explain", description: "A minimal part of the context that forces the prediction after a prompt, certified by SAT (as gatelm explain --json).",
                 properties: [model, ToolCatalog.version, prompt, position, horizon, ("granularity", .choice("bit (default) or byte", ["bit", "byte"])),
                              ("time_limit", .integer("seconds for the solver (default 60)", 1...3600))], required: ["prompt"], editor: false) { c, a in
            let lm = try await load(c, a), p = try bytes(a)
            let granularity = Explanation.Granularity(rawValue: try a.string("granularity") ?? "bit") ?? .bit
            do {
                let params = ExplanationParams(granularity: granularity, timeLimit: Double(try a.int("time_limit", in: 1...3600) ?? 60))
                return Encoded(value: try explainPrediction(model: lm, prompt: p, position: try checkedPosition(a, p), params: params))
            } catch { throw WorkbenchError("\(error)") }
        },
        ToolSpec(name: "circuit_query", description: "Is there a context, under constraints such as ctx[-1]='q', that makes a byte win (top) or lose (not_top)? A witness, or a proof that none exists (as gatelm query --json).",
                 properties: [model, ToolCatalog.version, horizon, ("where", .strings("constraints, e.g. ctx[-1]='q' or ctx[-2][7]=0")),
                              ("top", .string("a byte that must win: one character or 0xNN")), ("not_top", .string("a byte that must not win")),
                              ("time_limit", .integer("seconds for the solver (default 60)", 1...3600))], required: [], editor: false) { c, a in
            let lm = try await load(c, a)
            func byte(_ name: String) throws -> UInt8? {
                guard let text = try a.string(name) else { return nil }
                if text.hasPrefix("0x"), let v = UInt8(text.dropFirst(2), radix: 16) { return v }
                guard text.utf8.count == 1 else { throw WorkbenchError("\(name) must be one character or 0xNN; got \(UntrustedText.quoted(text))") }
                return text.utf8.first
            }
            var goals = [Query.Goal]()
            if let t = try byte("top") { goals.append(.top(t)) }
            if let t = try byte("not_top") { goals.append(.notTop(t)) }
            guard !goals.isEmpty else { throw WorkbenchError("give a goal: top or not_top") }
            do {
                let constraints = try (try a.strings("where") ?? []).flatMap { try ContextConstraint.parse($0, contextLength: lm.contextLength) }
                return Encoded(value: try Query(model: lm, constraints: constraints, goals: goals, timeLimit: Double(try a.int("time_limit", in: 1...3600) ?? 60)))
            } catch let error as WorkbenchError { throw error } catch { throw WorkbenchError("\(error)") }
        },
        ToolSpec(name: "circuit_modules", description: "How the compiled circuit falls apart into modules (maximal fanout-free cones) and supernodes (as gatelm modules --json).",
                 properties: [model, ToolCatalog.version, horizon, ("top", .integer("examples per module (default 20)", 1...1000))], required: [], editor: false) { c, a in
            let lm = try await load(c, a)
            return Encoded(value: ModuleAnalysis(model: lm, catalog: NodeCatalog(lm), examples: try a.int("top", in: 1...1000) ?? 20))
        },
        ToolSpec(name: "circuit_features", description: "Each k-bit unit of a model's circuit as a feature, read off the simulated circuit on the served corpus after its fit part: level counts, mean, constant, top contexts (as gatelm features --json; integer families).",
                 properties: [model, ToolCatalog.version, horizon, ("positions", .integer("positions measured (default 4096)", 1...65_536)),
                              ("top", .integer("top contexts per unit (default 5)", 0...100))], required: ["model"], editor: false) { c, a in
            let lm = try await load(c, a)
            guard !UnitFeatures.units(in: lm).isEmpty else {
                throw WorkbenchError("the circuit names no k-bit units (L<l>.u<i>[b]); features are for the integer families")
            }
            let input = try await c.workbench.modelInput(version: a.int("version", in: ToolCatalog.versions))
            let start = min(input.fit.upperBound, input.corpus.count)
            let positions = start ..< min(input.corpus.count, start + (try a.int("positions", in: 1...65_536) ?? 4096))
            return Encoded(value: UnitFeatures(model: lm, text: input.corpus, positions: positions, top: try a.int("top", in: 0...100) ?? 5))
        },
        ToolSpec(name: "compile", description: "Compiles a version to its window AIG: AND count, depth, W; with verify, the circuit's scores against the interpreter's on the first windows of dev (bit for bit).",
                 properties: [ToolCatalog.version, ("verify", .boolean("check the circuit against the interpreter (default true)")),
                              ("windows", .integer("dev windows verified (default 4096)", 1...1_000_000))], required: [], editor: true) { c, a in
            let input = try await c.workbench.modelInput(version: a.int("version", in: ToolCatalog.versions))
            let started = Date()
            let model: SymbolicModel
            do { model = try SymbolicModel(program: input.program, text: Corpus(name: "the served corpus", bytes: input.corpus), fit: input.fit) }
            catch { throw WorkbenchError("v\(input.version): \(error)") }
            let aig = model.circuit()
            var result = CompileResult(version: input.version, ands: aig.andCount, levels: aig.depth, windowBytes: model.interpreter.windowLength,
                                       scoreBits: model.table.bits, scale: model.table.scale, verifiedWindows: 0, agrees: nil, seconds: 0)
            if try a.bool("verify") ?? true {
                let lm: CircuitLanguageModel
                do { lm = try CircuitLanguageModel(aig) } catch { throw WorkbenchError("\(error)") }
                let n = min(try a.int("windows", in: 1...1_000_000) ?? 4096, input.corpus.count - input.fit.upperBound)
                let positions = input.fit.upperBound ..< input.fit.upperBound + n
                result.verifiedWindows = n
                result.agrees = try lm.scores(of: positions, in: input.corpus) == model.scores(of: positions, in: input.corpus)
            }
            result.seconds = Date().timeIntervalSince(started)
            return result
        },
    ]

    struct CompileResult: Encodable, Sendable {
        var version: Int, ands: Int, levels: Int, windowBytes: Int, scoreBits: Int, scale: Int
        var verifiedWindows: Int
        var agrees: Bool?
        var seconds: Double
    }
}
