import Foundation
import Symbolic

/// The agent's workbench over one program's version store and one corpus: every tool of the
/// harness as an async function returning a Codable result. All mutable state (the store, the
/// analysis cache) lives in this actor, so evaluations run one at a time.
///
/// Reader tools: `get`, `check`, `evaluate`, `trace`, `worstPositions`, `compare`, `tryPatch`,
/// `ablate`, `labelStats`, `history`. Editor tools: `applyPatch` (only onto the current head),
/// `checkout`.
public actor Workbench {
    private(set) var store: VersionStore
    var scoring: ProgramScoring
    /// Who the log names for edits (`editor`).
    public let role: String

    /// Opens a workbench on `store`. When the store is empty, `initialProgram` (program text)
    /// becomes version 1, evaluated on dev_small and dev; it must parse and pass the checker.
    public init(store: VersionStore, corpus: [UInt8], initialProgram: String? = nil, role: String = "editor") throws {
        let splits: CorpusSplits
        do { splits = try CorpusSplits(bytes: corpus) } catch { throw WorkbenchError(error.description) }
        self.store = store
        self.role = role
        scoring = ProgramScoring(splits: splits)
        if store.versionCount == 0 {
            guard let initialProgram else { throw WorkbenchError("the store \(store.directory) is empty: give a program for its first version") }
            let program = try Self.parse(initialProgram, what: "the initial program")
            let devSmall = try scoring.score(program, on: .devSmall), dev = try scoring.score(program, on: .dev)
            do {
                try self.store.commit(program.text, parent: 0, devSmall: devSmall.bitsPerByte, dev: dev.bitsPerByte, status: .kept, role: "init", note: "initial program")
            } catch { throw WorkbenchError(error.description) }
        }
    }

    /// The current version.
    public var head: Int { store.head }

    /// A version's program (default: the head), the corpus, and the fit split its rows are
    /// fitted on: what compiling it as a model needs.
    public func modelInput(version requested: Int? = nil) throws -> (version: Int, program: SymbolicProgram, corpus: [UInt8], fit: Range<Int>) {
        let v = try version(requested)
        return (v, try program(v), scoring.splits.bytes, scoring.splits.fit)
    }

    // MARK: Versions and programs

    /// Rereads the store, so that versions and checkouts made by another process (the editor
    /// beside a reader) are seen. Every tool starts with it.
    func refresh() throws {
        do { store = try store.reopened() } catch { throw WorkbenchError(error.description) }
    }

    func version(_ requested: Int?) throws -> Int {
        try refresh()
        let v = requested ?? store.head
        guard (1...store.versionCount).contains(v) else { throw WorkbenchError("version \(v) does not exist: the store has versions 1...\(store.versionCount) (head \(store.head))") }
        return v
    }

    func program(_ version: Int) throws -> SymbolicProgram {
        let text: String
        do { text = try store.text(of: version) } catch { throw WorkbenchError(error.description) }
        return try Self.parse(text, what: VersionStore.path(of: version, in: store.directory))
    }

    func parent(of version: Int) -> Int { store.entry(of: version)?.parent ?? 0 }

    /// A program text parsed, or a WorkbenchError with the line and column.
    static func parse(_ text: String, what: String) throws -> SymbolicProgram {
        do { return try SymbolicProgram(parsing: text) } catch { throw WorkbenchError("\(what) does not parse: \(error)") }
    }

    /// A patch parsed and applied to a version, or a WorkbenchError with the patch's line and column.
    func patched(_ patch: String, base: Int) throws -> SymbolicProgram {
        do { return try ProgramPatch(parsing: patch).apply(to: program(base)) } catch let error as PatchError {
            throw WorkbenchError("the patch does not apply to v\(base): \(error)")
        }
    }

    func analysis(_ program: SymbolicProgram) throws -> ProgramAnalysis {
        do { return try scoring.analysis(of: program) } catch { throw WorkbenchError(String(describing: error)) }
    }

    func score(_ program: SymbolicProgram, _ split: Split) throws -> SplitScore {
        do { return try scoring.score(program, on: split) } catch { throw WorkbenchError(String(describing: error)) }
    }

    // MARK: Reader tools

    /// A version's text (default: the head) with line numbers, or one section of it
    /// (`header`, `labels`, `layer N`, `unembed`).
    public func get(version requested: Int? = nil, section: String? = nil) throws -> ProgramListing {
        let v = try version(requested)
        let lines = try program(v).text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        var range = 0..<lines.count
        if let section {
            let headers = lines.indices.filter { lines[$0] == "labels" || lines[$0] == "unembed" || lines[$0].hasPrefix("layer ") }
            if section == "header" {
                range = 0..<(headers.first ?? lines.count)
            } else {
                guard let start = headers.first(where: { lines[$0] == section }) else {
                    let names = ["header"] + headers.map { lines[$0] }
                    throw WorkbenchError("section '\(section)' is not in v\(v); its sections are " + names.joined(separator: ", "))
                }
                range = start..<(headers.first { $0 > start } ?? lines.count)
            }
        }
        let width = String(lines.count).count
        let numbered = range.map { String(repeating: " ", count: width - String($0 + 1).count) + "\($0 + 1) | " + lines[$0] }
        return ProgramListing(version: v, parent: parent(of: v), head: store.head, section: section, text: numbered.joined(separator: "\n") + "\n")
    }

    /// Parse and checker findings of a program text, or of a patch applied to `base` (default
    /// the head), with the program's counts and, when it passes, its estimated ANDs. No split
    /// is scored.
    public func check(text: String? = nil, patch: String? = nil, base: Int? = nil) throws -> CheckResult {
        var (result, program) = try findings(text: text, patch: patch, base: base)
        if result.ok, let program { result.estimatedAnds = estimatedAnds(program) }
        return result
    }

    /// The parse and checker findings, and the program they are about (nil when there is none).
    private func findings(text: String?, patch: String?, base: Int?) throws -> (CheckResult, SymbolicProgram?) {
        switch (text, patch) {
        case (let text?, nil):
            guard base == nil else { throw WorkbenchError("base goes with patch, not with text") }
            let parsed: (program: SymbolicProgram, locations: SymbolicProgram.Locations)
            do { parsed = try SymbolicProgram.parse(text) } catch {
                return (CheckResult(ok: false, errors: [CheckFinding(source: "program", severity: "error", line: error.location.line, column: error.location.column, message: error.message)],
                                    warnings: [], counts: nil, patchedText: nil), nil)
            }
            return (Self.checked(parsed.program, locations: parsed.locations, patchedText: nil), parsed.program)
        case (nil, let patch?):
            let b = try version(base)
            let result: SymbolicProgram
            do { result = try ProgramPatch(parsing: patch).apply(to: program(b)) } catch let error as PatchError {
                return (CheckResult(ok: false, errors: [CheckFinding(source: error.location == nil ? "program" : "patch", severity: "error", line: error.location?.line,
                                                                     column: error.location?.column, message: error.message)],
                                    warnings: [], counts: nil, patchedText: nil), nil)
            }
            let locations = (try? SymbolicProgram.parse(result.text).locations) ?? [:]
            return (Self.checked(result, locations: locations, patchedText: result.text), result)
        default:
            throw WorkbenchError("give either text (a whole program) or patch (with an optional base), not \(text == nil ? "neither" : "both")")
        }
    }

    /// The AND count of the program's circuit, with the ROM quantised from rows fitted on the fit
    /// sample (the run dev_small scores read, cached): the full compile fits on all of fit and
    /// dev, so its ROM may differ a little. Nil when the rows cannot be fitted.
    func estimatedAnds(_ program: SymbolicProgram) -> SymbolicInterpreter.CircuitSize? {
        guard let a = try? scoring.sampleAnalysis(of: program) else { return nil }
        let table = ScoreTable(rows: a.rows, winners: a.winners, text: scoring.splits.bytes, fit: scoring.splits.fitSampleRuns.joined())
        return a.interpreter.circuitSize(table: table)
    }

    static func checked(_ program: SymbolicProgram, locations: SymbolicProgram.Locations, patchedText: String?) -> CheckResult {
        let findings = program.check(locations: locations).map {
            CheckFinding(source: "program", severity: $0.severity.rawValue, line: $0.location?.line, column: $0.location?.column, message: $0.message)
        }
        let errors = findings.filter { $0.severity == "error" }
        return CheckResult(ok: errors.isEmpty, errors: errors, warnings: findings.filter { $0.severity != "error" },
                           counts: counts(program, valid: errors.isEmpty), patchedText: patchedText)
    }

    static func counts(_ program: SymbolicProgram, valid: Bool) -> ProgramCounts {
        let statements = program.layers.flatMap { $0.items.compactMap(\.statement) }
        func count(_ pick: (SymbolicProgram.LayerStatement) -> Bool) -> Int { statements.filter(pick).count }
        let interpreter = valid ? try? ProgramEvaluation.interpreter(program) : nil
        return ProgramCounts(layers: program.layerCount, span: program.span, groups: program.groupDefinitions.count,
                             groupings: program.groupingDefinitions.count,
                             shifts: count { if case .shift = $0 { true } else { false } },
                             heads: count { if case .head = $0 { true } else { false } },
                             rules: count { if case .rule = $0 { true } else { false } },
                             storedLabels: interpreter?.universe.count, predictionLabels: interpreter?.predictionLabels.count)
    }

    /// A version's score on a split, against its parent and the best logged version.
    public func evaluate(version requested: Int? = nil, split: Split) throws -> EvaluationResult {
        let v = try version(requested)
        return try evaluation(of: program(v), version: v, parent: parent(of: v), split: split)
    }

    /// A patch applied to `base` (default the head) and scored, without storing anything.
    public func tryPatch(_ patch: String, base: Int? = nil, split: Split = .devSmall) throws -> EvaluationResult {
        let b = try version(base)
        return try evaluation(of: patched(patch, base: b), version: nil, parent: b, split: split)
    }

    func evaluation(of program: SymbolicProgram, version: Int?, parent: Int, split: Split) throws -> EvaluationResult {
        let start = Date()
        let s = try score(program, split)
        var deltaParent: Double?
        if parent > 0 { deltaParent = s.bitsPerByte - (try score(self.program(parent), split)).bitsPerByte }
        // The best version by the log (6 decimals), its exact score from the analysis.
        let best = bestVersion(split)
        let deltaBest = try best.map { s.bitsPerByte - (try score(self.program($0.version), split)).bitsPerByte }
        let seconds = Date().timeIntervalSince(start)
        return EvaluationResult(version: version, parent: parent == 0 ? nil : parent, split: split, positions: s.positions, bitsPerByte: s.bitsPerByte,
                                deltaVsParent: deltaParent, deltaVsBest: deltaBest, bestVersion: best?.version,
                                baselines: s.baselines, labels: s.labels, seconds: seconds)
    }

    /// The logged version with the least bits/byte on a split.
    func bestVersion(_ split: Split) -> (version: Int, bpb: Double)? {
        var best: (version: Int, bpb: Double)?
        for e in store.log where e.status != .checkout {
            guard let bpb = split == .dev ? e.devBitsPerByte : e.devSmallBitsPerByte else { continue }
            if best == nil || bpb < best!.bpb { best = (e.version, bpb) }
        }
        return best
    }

    /// The newest `limit` log lines, newest first.
    public func history(limit: Int = 20) throws -> HistoryResult {
        try refresh()
        return HistoryResult(head: store.head, versions: store.versionCount, entries: Array(store.log.suffix(max(0, limit)).reversed()))
    }

    // MARK: Editor tools

    /// Applies a patch to `base`, which must be the head (optimistic concurrency), scores the
    /// result on dev_small and dev, and stores it: kept (HEAD moves) when dev does not get
    /// worse than the parent's, else reverted (stored; HEAD stays; `checkout` can still take it).
    public func applyPatch(_ patch: String, base: Int, note: String) throws -> ApplyResult {
        let start = Date()
        try refresh()
        guard base == store.head else {
            throw WorkbenchError("stale base: the patch is against v\(base) but the head is v\(store.head); read v\(store.head) (program_get) and write the patch against it")
        }
        let program = try patched(patch, base: base)
        let checked = Self.checked(program, locations: (try? SymbolicProgram.parse(program.text).locations) ?? [:], patchedText: nil)
        guard checked.ok else {
            throw WorkbenchError("the patched program does not pass the checker:\n" + checked.errors.map { f in
                (f.line.map { "\($0):\(f.column ?? 1): " } ?? "") + f.message
            }.joined(separator: "\n"))
        }
        let devSmall = try score(program, .devSmall).bitsPerByte, dev = try score(program, .dev).bitsPerByte
        let parentDev = try score(self.program(base), .dev).bitsPerByte
        let status: VersionStore.Entry.Status = dev <= parentDev ? .kept : .reverted
        let version: Int
        do { version = try store.commit(program.text, parent: base, devSmall: devSmall, dev: dev, status: status, role: role, note: note) } catch {
            throw WorkbenchError(error.description)
        }
        return ApplyResult(version: version, parent: base, status: status, head: store.head, devSmallBitsPerByte: devSmall, devBitsPerByte: dev,
                           deltaDevVsParent: dev - parentDev, warnings: checked.warnings, seconds: Date().timeIntervalSince(start))
    }

    /// Moves the head to an existing version (undo and redo).
    public func checkout(_ requested: Int) throws -> CheckoutResult {
        let v = try version(requested), previous = store.head
        do { try store.checkout(v, role: role, note: "checkout v\(v)") } catch { throw WorkbenchError(error.description) }
        return CheckoutResult(head: store.head, previousHead: previous)
    }

    /// The val checkpoint of a version (never a reader tool).
    public func checkpoint(version requested: Int? = nil) throws -> CheckpointScore {
        let program = try program(version(requested))
        do { return try scoring.checkpoint(program) } catch { throw WorkbenchError(String(describing: error)) }
    }
}
