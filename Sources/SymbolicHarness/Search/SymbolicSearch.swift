import Foundation
import Symbolic

/// The baseline agent that needs no LLM: from the winners that cost the most bits on dev (the
/// feedback split), it proposes refinements of the rules that write them, scores each candidate
/// as a patch on dev, keeps it when dev improves, and logs every try (kept or reverted) to the
/// same version store the MCP tools use.
///
/// A refinement takes a rule that writes a prediction family `F.@self` (the current byte read in
/// some context), adds one literal `S.b:X` from a shift S that copies byte labels (the byte k
/// places back is X), and writes a new family `G.@self`, ranked just above `F.b:*` in `order`: the
/// current byte in a narrower context. Candidates are ranked by their gain on fit (in-sample,
/// with the same Dirichlet smoothing) and tried in that order.
public struct SymbolicSearch {
    public struct Options: Sendable {
        /// Wall-clock budget (`.infinity`: none).
        public var seconds: Double
        /// Budget in tries: the search stops after this many candidates have been scored and
        /// logged (nil: no limit). Unlike `seconds`, the same budget gives the same search on
        /// any machine. The search stops at whichever budget runs out first.
        public var maximumTries: Int?
        /// Families refined per round (the worst by dev bits first) and candidates tried per round.
        public var families = 4
        public var candidatesPerRound = 12
        /// A candidate is kept when it lowers dev bits/byte by more than this.
        public var minimumGain = 0.0005
        /// A search bounded by `seconds` of wall clock and, when given, by `maximumTries` tries.
        public init(seconds: Double, maximumTries: Int? = nil) {
            self.seconds = seconds
            self.maximumTries = maximumTries
        }
    }

    /// One try, as logged.
    public struct Step: Sendable, Codable, Hashable {
        public var version: Int
        public var kept: Bool
        public var devBitsPerByte: Double
        public var patch: String
    }

    /// What a search did.
    public struct Outcome: Sendable, Codable, Hashable {
        public var startVersion: Int
        public var finalVersion: Int
        public var startDevBitsPerByte: Double
        public var finalDevBitsPerByte: Double
        public var steps: [Step]
        public var seconds: Double
    }

    /// A proposed refinement.
    struct Candidate {
        var patch: String
        var estimatedGain: Double
    }

    public var scoring: ProgramScoring
    public var store: VersionStore
    public let options: Options

    public init(scoring: ProgramScoring, store: VersionStore, options: Options) {
        self.scoring = scoring
        self.store = store
        self.options = options
    }

    /// Searches from the store's head until a budget (seconds or tries) is spent or no untried
    /// candidate is left; `progress` hears of every try.
    public mutating func run(progress: (Step) -> Void = { _ in }) throws -> Outcome {
        let started = Date()
        func elapsed() -> Double { Date().timeIntervalSince(started) }
        var serial = 0
        func withinBudget() -> Bool { elapsed() < options.seconds && serial < (options.maximumTries ?? .max) }
        let start = store.head
        var current = try SymbolicProgram(parsing: store.text(of: start))
        var currentScore = try scoring.score(current, on: .dev).bitsPerByte
        let startScore = currentScore
        var steps = [Step](), tried = Set<String>()
        while withinBudget() {
            let analysis = try scoring.analysis(of: current)
            let candidates = propose(analysis).filter { !tried.contains($0.patch) }.prefix(options.candidatesPerRound)
            guard !candidates.isEmpty else { break }
            var improved = false
            for candidate in candidates where withinBudget() {
                tried.insert(candidate.patch)
                serial += 1
                let patched = try ProgramPatch(parsing: candidate.patch.replacingOccurrences(of: "NEW", with: "g\(store.versionCount + 1)")).apply(to: current)
                let text = patched.text
                let score = try scoring.score(patched, on: .dev).bitsPerByte
                let keep = score < currentScore - options.minimumGain
                let patchText = candidate.patch.replacingOccurrences(of: "NEW", with: "g\(store.versionCount + 1)")
                let version = try store.commit(text, parent: store.head, devSmall: nil, dev: score, status: keep ? .kept : .reverted, role: "search",
                                               note: String(format: "search: estimated gain %.4f on fit; %@", candidate.estimatedGain,
                                                            patchText.split(separator: "\n").first.map(String.init) ?? ""))
                let step = Step(version: version, kept: keep, devBitsPerByte: score, patch: patchText)
                steps.append(step)
                progress(step)
                if keep {
                    current = patched
                    currentScore = score
                    improved = true
                    break
                }
            }
            if !improved && candidates.count < options.candidatesPerRound { break }
        }
        return Outcome(startVersion: start, finalVersion: store.head, startDevBitsPerByte: startScore, finalDevBitsPerByte: currentScore,
                       steps: steps, seconds: elapsed())
    }

    /// Refinements of the families that cost the most bits on dev, best estimated gain first.
    func propose(_ a: ProgramAnalysis) -> [Candidate] {
        let text = scoring.splits.bytes, fit = scoring.splits.fit, dev = scoring.splits.dev
        let labels = a.interpreter.predictionLabels
        // The family of each prediction label `F.b:XX` (nil for other labels).
        func family(_ label: Label) -> String? {
            guard case .named(let name) = label, let dot = name.range(of: ".b:", options: .backwards) else { return nil }
            return String(name[..<dot.lowerBound])
        }
        let names = labels.map(family)
        // The family of winner k (the unigram, k = labels.count, has none).
        func familyOf(_ k: Int32) -> String? { Int(k) < names.count ? names[Int(k)] : nil }
        // Rules that write F.@self, with the layer they sit in, and the byte-copying shifts before them.
        var writers = [String: (rule: SymbolicProgram.Rule, layer: Int)]()
        var shifts = [(name: String, offset: Int, layer: Int)]()
        for layer in a.program.layers {
            for case .statement(let s, _) in layer.items {
                switch s {
                case .shift(let shift) where shift.copy.contains(.prefix("b:")) || shift.copy.contains(.all):
                    shifts.append((shift.name, shift.offset, layer.number))
                case .rule(let rule) where rule.form == .all || rule.literals.count == 1:
                    for add in rule.adds {
                        if case .named(let n) = add, n.hasSuffix(".@self") { writers[String(n.dropLast(".@self".count))] = (rule, layer.number) }
                    }
                default: break
                }
            }
        }
        // Dev bits by family: the worst are refined.
        var devBits = [String: Double]()
        for t in dev { if let f = familyOf(a.winners[t]), writers[f] != nil { devBits[f, default: 0] += a.bits(at: t, of: text) } }
        let worst = devBits.sorted { $0.value > $1.value }.prefix(options.families).map(\.key)
        let beta = a.rows.beta
        var candidates = [Candidate]()
        for f in worst {
            guard let writer = writers[f] else { continue }
            let positions = fit.filter { t in t >= 1 && familyOf(a.winners[t]) == f }
            // The family's winner for each current byte (its row is what a refinement improves on).
            var winnerOf = [Int: Int]()
            for t in positions where winnerOf[Int(text[t - 1])] == nil { winnerOf[Int(text[t - 1])] = Int(a.winners[t]) }
            for shift in shifts where shift.layer <= writer.layer {
                // Next-byte counts by (the byte the shift reads, the current byte).
                var groups = [Int: [Int: Double]]()
                for t in positions {
                    let j = t - 1 - shift.offset
                    guard j >= 0, text[j] != 0 else { continue }
                    groups[Int(text[j]) << 8 | Int(text[t - 1]), default: [:]][Int(text[t]), default: 0] += 1
                }
                var gainByByte = [Int: Double]()
                for (key, counts) in groups {
                    guard let w = winnerOf[key & 255] else { continue }
                    let old = a.rows.rows[w]
                    let n = counts.values.reduce(0, +)
                    var gain = 0.0
                    for (y, c) in counts { gain += c * log2(((c + beta * old[y]) / (n + beta)) / old[y]) }
                    gainByByte[key >> 8, default: 0] += gain
                }
                for (x, gain) in gainByByte where gain > 20 {
                    let literal = "\(shift.name).\(Label.byte(UInt8(x)).description)"
                    guard !writer.rule.literals.contains(where: { $0.label.description == literal }) else { continue }
                    candidates.append(Candidate(patch: patch(refining: writer.rule, family: f, layer: writer.layer, with: literal, program: a.program),
                                                estimatedGain: gain / Double(fit.count)))
                }
            }
        }
        return candidates.sorted { $0.estimatedGain > $1.estimatedGain }
    }

    /// The patch text: the refined rule after its parent, and `NEW.b:*` ranked above `F.b:*`.
    func patch(refining rule: SymbolicProgram.Rule, family f: String, layer: Int, with literal: String, program: SymbolicProgram) -> String {
        let literals = rule.literals.map { ($0.negated ? "!" : "") + ($0.weight == 1 ? "" : "\($0.weight)*") + $0.label.description } + [literal]
        let veto = rule.veto.isEmpty ? "" : " and not {" + rule.veto.map(\.description).joined(separator: ", ") + "}"
        var lines = ["add layer \(layer) after \(rule.name)", "  rule NEW all {\(literals.joined(separator: ", "))}\(veto) -> +NEW.@self", "set unembed"]
        for item in program.unembed {
            guard case .statement(let s, _) = item else { continue }
            if case .order(let order) = s {
                var patterns = order.map(\.description)
                if let i = patterns.firstIndex(of: f + ".b:*") { patterns.insert("NEW.b:*", at: i) } else { patterns.insert("NEW.b:*", at: 0) }
                lines.append("  order " + patterns.joined(separator: " > "))
            } else {
                lines.append("  " + SymbolicProgram.text(of: s))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
