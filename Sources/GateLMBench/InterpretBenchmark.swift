import ArgumentParser
import Solver
import Circuits
import Foundation
import GateLMSupport
import Interpret
import LanguageModels
import Text

/// `gatelm-bench interpret`: the interpretability commands' library calls on
/// compiled models (after loading), over validation prompts, side by side with
/// the approximate ways: one-site-at-a-time activation patching (the
/// TransformerLens way) against parallel fault simulation, and greedy deletion
/// checked only by random completions against certified explanations.
struct InterpretBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interpret",
        abstract: "Speed of trace, attribute, explain, query, modules and view on compiled language models."
    )

    @Option(help: "Circuits to measure (.aig), e.g. the headline model and its --care version.")
    var circuit: [String]

    @Option(help: "Corpus whose validation split gives the prompts.")
    var corpus: String

    @Option(help: "Validation prompts for trace and attribute (64 bytes each).")
    var prompts = 100

    @Option(help: "Prompts for explain (each is tens of SAT calls on the whole circuit).")
    var explainPrompts = 20

    @Option(help: "Seconds allowed per explanation and per query.")
    var timeLimit = 60.0

    @Option(help: "Nodes patched one at a time to estimate that way's cost.")
    var oneAtATimeSample = 300

    @Option(help: "Random completions the uncertified greedy explanation checks each deletion with.")
    var completions = 64

    @Option(help: "Where to write the Markdown report.")
    var report = "bench/INTERPRET-RESULTS.md"

    func run() throws {
        let text = try Corpus(contentsOfFile: corpus)
        let split = CorpusSplit(text)
        var out = "# Interpretability benchmark\n\nCommand: `scripts/bench-interpret.sh \(CommandLine.arguments.dropFirst(2).joined(separator: " "))`\n\n"
        out += "Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; every figure is a library call after the model is loaded (loading is reported once).\n\n"
        for path in circuit {
            benchLog("loading \(path)")
            var model: CircuitLanguageModel!
            let load = try Stopwatch.seconds { model = try LanguageModelFile.load(path) }
            let catalog = NodeCatalog(model)
            let step = max(1, (split.validation.count - 64) / prompts)
            let starts = Array(stride(from: split.validation.lowerBound, to: split.validation.upperBound - 64, by: step).prefix(prompts))
            let promptTexts = starts.map { Array(text.bytes[$0 ..< $0 + 64]) }
            out += "## \(URL(fileURLWithPath: path).lastPathComponent): \(model.aig.andCount) ANDs, W = \(model.contextLength), \(model.classCount) classes\n\n"
            out += "Load (AIGER, names, simulator): \(String(format: "%.2f", load)) s. Prompts: \(promptTexts.count) validation windows of 64 bytes.\n\n"
            var table = MarkdownTable(["measurement", "median", "95th percentile", "target", "note"])

            benchLog("trace")
            let traceTimes = try promptTexts.map { p in try Stopwatch.seconds { _ = Trace(model: model, catalog: catalog, prompt: p, positions: [p.count]) } }
            let allPositions = try Stopwatch.seconds { _ = Trace(model: model, catalog: catalog, prompt: promptTexts[0]) }
            table.append(["trace, one position", ms(median(traceTimes)), ms(percentile(traceTimes, 0.95)), "≤ 20 ms",
                          "all 64 positions of a prompt: \(ms(allPositions))"])

            benchLog("attribute")
            var attributions = [Attribution]()
            let attributeTimes = try promptTexts.map { p in try Stopwatch.seconds { attributions.append(try Attribution(model: model, catalog: catalog, prompt: p)) } }
            table.append(["attribute (a)+(b)+(c), 64-byte prompt", sec(median(attributeTimes)), sec(percentile(attributeTimes, 0.95)), "≤ 1 s",
                          "\(attributions[0].patchedNodes) nodes patched per prompt"])
            // One site at a time, as activation patching usually runs: a full simulation per patched node.
            let context = PromptContexts(prompt: promptTexts[0], model: model).context(at: 64)
            let inputs = model.inputPatterns(contexts: context, count: 1)
            var rng = SplitMix64(seed: 1)
            let sample = (0..<oneAtATimeSample).map { _ in model.aig.firstAndVariable + Int(rng.next() % UInt64(model.aig.andCount)) }
            let sampleTime = Stopwatch.seconds {
                for v in sample { _ = model.scores(outputs: PatchedSimulation.outputs(model.aig, inputs: inputs, variable: v, value: true)) }
            }
            let oneAtATime = sampleTime / Double(sample.count) * Double(attributions[0].patchedNodes)
            table.append(["(c) one node at a time (estimated from \(sample.count))", sec(oneAtATime), "", "",
                          String(format: "%.0f× the whole of attribute", oneAtATime / median(attributeTimes))])

            benchLog("explain on \(explainPrompts) prompts")
            var explainTimes = [Double](), sizes = [Double](), minimalCount = 0, certificates = [Explanation.Certificate: Int](), greedyWrong = 0, greedyChecked = 0, greedyTimes = [Double]()
            var proofTimes = [Double](), checkTimes = [Double](), proved = 0, lemmas = [Double](), proofFailures = [String]()
            for p in promptTexts.prefix(explainPrompts) {
                var e: Explanation!
                explainTimes.append(try Stopwatch.seconds { e = try explainPrediction(model: model, prompt: p, params: ExplanationParams(timeLimit: timeLimit)) })
                sizes.append(Double(e.fixed.count))
                if e.minimal { minimalCount += 1 }
                certificates[e.certificate, default: 0] += 1
                let c = PromptContexts(prompt: p, model: model).context(at: p.count)
                // The proof an outsider checks: the cube search's DRAT refutation, verified by the independent checker.
                var certificate: ProofCertificate?
                proofTimes.append(Stopwatch.seconds {
                    do {
                        certificate = try ProofCertificate.sufficiency(model: model, context: c, fixed: e.fixed.map { 8 * ($0.position - 1) + $0.bit },
                                                                       maxCubes: 1 << 22, deadline: .now + .seconds(timeLimit))
                    } catch { proofFailures.append("\(error)") }
                })
                if let certificate {
                    var check: DRATCheck!
                    checkTimes.append(Stopwatch.seconds { check = certificate.check(deadline: .now + .seconds(timeLimit)) })
                    lemmas.append(Double(certificate.proof.lemmaCount))
                    if check.verified { proved += 1 } else { proofFailures.append(check.message) }
                }
                var greedy = [Int]()
                greedyTimes.append(Stopwatch.seconds { greedy = Self.greedyExplanation(model: model, context: c, completions: completions, seed: UInt64(greedyTimes.count)) })
                if let sufficient = Explanation.isSufficient(model: model, context: c, fixed: greedy, timeLimit: timeLimit) {
                    greedyChecked += 1
                    if !sufficient { greedyWrong += 1 }
                }
            }
            table.append(["explain (bit granularity)", sec(median(explainTimes)), sec(percentile(explainTimes, 0.95)), "median ≤ 10 s, p95 ≤ 60 s",
                          "\(minimalCount)/\(explainTimes.count) certified minimal; median size \(Int(median(sizes))) of \(8 * model.contextLength) bits; "
                            + "sufficiency decided by the cube search \(certificates[.cubes, default: 0]), by CaDiCaL \(certificates[.sat, default: 0]), constant \(certificates[.constant, default: 0])"])
            table.append(["sufficiency proof: cube search, DRAT written", sec(median(proofTimes)), sec(percentile(proofTimes, 0.95)), "",
                          "\(proved)/\(explainTimes.count) proofs verified by the DRAT checker within \(Int(timeLimit)) s; median \(lemmas.isEmpty ? 0 : Int(median(lemmas))) lemmas"
                            + (proofFailures.isEmpty ? "" : "; failures: " + proofFailures.prefix(3).joined(separator: "; "))])
            table.append(["sufficiency proof: checked (gatelm check-proof's checker)", sec(median(checkTimes)), sec(percentile(checkTimes, 0.95)), "", ""])
            table.append(["greedy deletion, \(completions) random completions (uncertified)", sec(median(greedyTimes)), sec(percentile(greedyTimes, 0.95)), "",
                          "SAT finds it not sufficient on \(greedyWrong) of \(greedyChecked)"])

            benchLog("queries")
            var queryRows = [String]()
            for (constraints, goals) in Self.queries {
                guard let parsed = try? ContextConstraint.parse(constraints, contextLength: model.contextLength),
                      goals.allSatisfy({ Self.goalByte($0).map { model.classIndex(of: $0) != nil } ?? true }) else { continue }
                let q = try Query(model: model, constraints: parsed, goals: goals, timeLimit: timeLimit)
                queryRows.append("| `\(constraints)` | \(goals.map(\.description).joined(separator: ", ")) | \(q.result.rawValue) | \(q.engine.rawValue) | \(q.witnessText.map { "`\($0)`" } ?? "") | \(q.cubes) | \(q.cnfVariables) | \(q.cnfClauses) | \(String(format: "%.2f", q.seconds)) |")
            }

            if !UnitFeatures.units(in: model).isEmpty {
                benchLog("unit graphs")
                var edges = 0
                let unitTimes = try promptTexts.prefix(20).map { p in
                    try Stopwatch.seconds { edges = try UnitAttribution(model: model, prompt: p).units.reduce(0) { $0 + $1.effects.count } }
                }
                table.append(["features: unit graph of a 64-byte prompt (attribute --units)", sec(median(unitTimes)), sec(percentile(unitTimes, 0.95)), "≤ 5 s",
                              "\(edges) unit-level edges to the target (last prompt), each an exact intervention"])
            }

            benchLog("modules and view")
            var analysis: ModuleAnalysis!
            let modulesTime = Stopwatch.seconds { analysis = ModuleAnalysis(model: model, catalog: catalog) }
            table.append(["modules, whole model", sec(modulesTime), "", "≤ 60 s", "\(analysis.summary.modules) modules, \(analysis.summary.supernodes) supernodes"])
            let page = FileManager.default.temporaryDirectory.appendingPathComponent("gatelm-view-\(getpid()).html").path
            let viewTime = try Stopwatch.seconds {
                let data = try ViewData(modelName: path, model: model, catalog: catalog, analysis: analysis,
                                        prompt: promptTexts[0], curveSVG: nil)
                let encoder = JSONEncoder()
                encoder.keyEncodingStrategy = .convertToSnakeCase
                let html = ViewPage.html(json: String(decoding: try encoder.encode(data), as: UTF8.self), title: path)
                try AtomicFile.write(Array(html.utf8), to: page)
            }
            var renderNote = "Chromium not installed"
            var renderTime = "—"
            if let chromium = ExternalCommand.find("chromium") {
                var result: ExternalCommand.Result!
                let t = try Stopwatch.seconds {
                    result = try ExternalCommand.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://" + page], timeLimit: 120)
                }
                renderTime = sec(t)
                renderNote = result.stdout.contains("data-rendered=\"yes\"") ? "rendered (--dump-dom)" : "NOT rendered"
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: page)[.size] as? Int) ?? 0
            try? FileManager.default.removeItem(atPath: page)
            table.append(["view: page written", sec(viewTime + modulesTime), "", "≤ 10 s", "\(size / 1024) KiB (modules included)"])
            table.append(["view: rendered by headless Chromium", renderTime, "", "≤ 5 s", renderNote])
            out += table.text + "\n"
            let s = analysis.summary
            out += String(format: "Locality: %.1f %% of ANDs are in modules reading ≤ 8 input bits, %.1f %% ≤ 16, %.1f %% ≤ 64; %d byte-feature nodes in %d functions.\n\n",
                          100 * s.fractionUpTo8Bits, 100 * s.fractionUpTo16Bits, 100 * s.fractionUpTo64Bits, s.byteFeatureNodes, s.byteFeatureFunctions)
            out += "Queries (time limit \(Int(timeLimit)) s each):\n\n| where | goals | result | engine | witness | cubes | CNF variables | clauses | seconds |\n| --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: |\n"
            out += queryRows.joined(separator: "\n") + "\n\n"
        }
        print(out)
        try AtomicFile.write(Array(out.utf8), to: report)
        benchLog("report written to \(report)")
    }

    /// The ten queries: (constraints, goals).
    static let queries: [(String, [Query.Goal])] = [
        ("ctx[-1]='q'", [.notTop(UInt8(ascii: "u"))]),
        ("ctx[-1]='q'", [.top(UInt8(ascii: "u"))]),
        ("ctx[-2]='t', ctx[-1]='h'", [.top(UInt8(ascii: "e"))]),
        ("ctx[-1]=' '", [.top(UInt8(ascii: " "))]),
        ("ctx[-1]='.'", [.notTop(UInt8(ascii: " ")), .notTop(0x0A)]),
        ("ctx[-1] in printable, ctx[-2] in printable", [.top(UInt8(ascii: "Z"))]),
        ("ctx[-1] in [a-z]", [.top(0x0A)]),
        ("ctx[-1] in letter", [.score(UInt8(ascii: "e"), .atLeast, 200)]),
        ("ctx[-1]=','", [.top(UInt8(ascii: " "))]),
        ("ctx[-3]='T', ctx[-2]='h', ctx[-1]='e'", [.notTop(UInt8(ascii: " "))]),
    ]

    static func goalByte(_ goal: Query.Goal) -> UInt8? {
        switch goal {
        case .top(let b), .notTop(let b), .score(let b, _, _): return b
        case .node: return nil
        }
    }

    /// Greedy deletion checked only by random completions: drop each bit in
    /// turn when `completions` random values of the free bits keep the prediction.
    static func greedyExplanation(model: CircuitLanguageModel, context: [UInt8], completions: Int, seed: UInt64) -> [Int] {
        let w = model.contextLength
        let top = model.predictions(contexts: context, count: 1)[0].topClass
        var fixed = Set(0..<(8 * w))
        var rng = SplitMix64(seed: seed)
        for bit in 0..<(8 * w) {
            fixed.remove(bit)
            var samples = [UInt8]()
            for _ in 0..<completions {
                var c = context
                for i in 0..<(8 * w) where !fixed.contains(i) {
                    if rng.next() & 1 == 1 { c[w - 1 - i / 8] ^= 1 << UInt8(i % 8) }
                }
                samples += c
            }
            let holds = model.predictions(contexts: samples, count: completions).allSatisfy { $0.topClass == top }
            if !holds { fixed.insert(bit) }
        }
        return fixed.sorted()
    }
}

private func median(_ xs: [Double]) -> Double { percentile(xs, 0.5) }
private func percentile(_ xs: [Double], _ q: Double) -> Double {
    guard !xs.isEmpty else { return .nan }
    let sorted = xs.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * q).rounded()))]
}
private func ms(_ s: Double) -> String { String(format: "%.1f ms", 1000 * s) }
private func sec(_ s: Double) -> String { String(format: "%.2f s", s) }
