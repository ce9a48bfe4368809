import Foundation
import Symbolic

/// The scoring protocol on one corpus: rows fitted on fit, scores on dev_small or dev, and the
/// val checkpoint. Analyses are cached by program text (the most recent `capacity`), so
/// scoring a version twice, or a parent beside its child, runs the program once.
public struct ProgramScoring: Sendable {
    public let splits: CorpusSplits
    let baselines: NGramBaselines
    private var cache: AnalysisCache
    private var sampleCache: AnalysisCache
    private var baselineCache: [Split: BaselineScores] = [:]
    /// Every layer's planes of the last programs run over fit + dev and over the samples, so that
    /// an edit at layer ℓ recomputes layers ℓ…L only.
    public private(set) var layerCache = LayerCache(), sampleLayerCache = LayerCache()
    /// How many analyses are kept.
    public let capacity: Int

    public init(splits: CorpusSplits, capacity: Int = 8) {
        self.splits = splits
        baselines = NGramBaselines(text: splits.bytes, fit: splits.fit)
        self.capacity = max(1, capacity)
        cache = AnalysisCache(capacity: self.capacity)
        sampleCache = AnalysisCache(capacity: self.capacity)
    }

    /// The program run over fit and dev, with rows fitted on fit (cached).
    public mutating func analysis(of program: SymbolicProgram) throws -> ProgramAnalysis {
        let text = Array(splits.bytes[..<splits.dev.upperBound]), fit = splits.fit
        var layers = layerCache
        defer { layerCache = layers }
        return try cache.analysis(of: program) {
            try Self.analyse(program, text: text, fit: fit) { $0.winners(predicting: 0..<text.count, in: text, cache: &layers) }
        }
    }

    /// The program run over the fit sample and dev_small only, with rows fitted on the fit
    /// sample (cached): what a dev_small score reads, at the cost of the samples.
    public mutating func sampleAnalysis(of program: SymbolicProgram) throws -> ProgramAnalysis {
        let splits = self.splits
        var layers = sampleLayerCache
        defer { sampleLayerCache = layers }
        return try sampleCache.analysis(of: program) {
            try Self.analyse(program, text: splits.bytes, fit: splits.fitSampleRuns.flatMap { Array($0) }) { interpreter in
                ProgramEvaluation.winners(of: interpreter, runs: splits.fitSampleRuns + splits.devSmallRuns, text: splits.bytes,
                                          count: splits.bytes.count, cache: &layers)
            }
        }
    }

    /// Runs the program (every target of `text`, unless `winners` says which) and fits its rows on `fit`.
    static func analyse(_ program: SymbolicProgram, text: [UInt8], fit: some Collection<Int>,
                        winners: (SymbolicInterpreter) -> [Int32] = { _ in [] }) throws -> ProgramAnalysis {
        let interpreter = try ProgramEvaluation.interpreter(program)
        var found = winners(interpreter)
        if found.isEmpty { found = ProgramEvaluation.winners(of: interpreter, text: text) }
        let rows: FittedRows
        do { rows = try FittedRows(interpreter: interpreter, winners: found, text: text, fit: fit) } catch {
            throw ProgramEvaluation.Failure(description: error.description)
        }
        return ProgramAnalysis(program: program, interpreter: interpreter, winners: found, rows: rows)
    }

    /// The n-gram baselines on a split (computed once).
    public mutating func baselineScores(_ split: Split) -> BaselineScores {
        if let b = baselineCache[split] { return b }
        let b = baselines.score(text: splits.bytes, positions: splits.positions(split))
        baselineCache[split] = b
        return b
    }

    /// A program's score on a split: dev from the full analysis, dev_small from the samples'.
    public mutating func score(_ program: SymbolicProgram, on split: Split) throws -> SplitScore {
        let analysis = split == .devSmall ? try sampleAnalysis(of: program) : try analysis(of: program)
        return Self.score(analysis, text: splits.bytes, positions: splits.positions(split), split: split, baselines: baselineScores(split))
    }

    static func score(_ a: ProgramAnalysis, text: [UInt8], positions: [Int], split: Split, baselines: BaselineScores) -> SplitScore {
        let p = a.interpreter.predictionLabels.count
        var wins = [Int](repeating: 0, count: p + 1), bits = [Double](repeating: 0, count: p + 1)
        for t in positions {
            let w = Int(a.winners[t])
            wins[w] += 1
            bits[w] += a.bits(at: t, of: text)
        }
        let n = Double(max(positions.count, 1)), total = bits.reduce(0, +)
        let labels = (0...p).filter { wins[$0] > 0 }.map { k in
            LabelScore(label: a.winnerName(Int32(k)), wins: wins[k], winShare: Double(wins[k]) / n,
                       bitsPerByte: bits[k] / Double(wins[k]), bitsShare: total > 0 ? bits[k] / total : 0)
        }.sorted { ($0.wins, $1.label) > ($1.wins, $0.label) }
        return SplitScore(split: split, positions: positions.count, bitsPerByte: total / n, baselines: baselines, labels: labels)
    }

    /// The checkpoint: rows refitted on fit and dev (the first 90 %), scored on val, with the
    /// baselines fitted the same way. Never part of the agent's reader tools.
    public func checkpoint(_ program: SymbolicProgram) throws -> CheckpointScore {
        let train = 0..<splits.dev.upperBound
        let analysis = try Self.analyse(program, text: splits.bytes, fit: train)
        let positions = Array(splits.val)
        var total = 0.0
        for t in positions { total += analysis.bits(at: t, of: splits.bytes) }
        let baselines = NGramBaselines(text: splits.bytes, fit: train).score(text: splits.bytes, positions: positions)
        return CheckpointScore(positions: positions.count, bitsPerByte: positions.isEmpty ? 0 : total / Double(positions.count), baselines: baselines)
    }
}

/// The val score of a checkpoint.
public struct CheckpointScore: Hashable, Codable, Sendable {
    public var positions: Int
    public var bitsPerByte: Double
    public var baselines: BaselineScores
}

/// The most recently used analyses, by program text, at most `capacity`.
struct AnalysisCache: Sendable {
    let capacity: Int
    private var entries: [String: (analysis: ProgramAnalysis, used: Int)] = [:]
    private var clock = 0

    init(capacity: Int) { self.capacity = capacity }

    mutating func analysis(of program: SymbolicProgram, computing make: () throws -> ProgramAnalysis) rethrows -> ProgramAnalysis {
        let key = program.text
        clock += 1
        if let hit = entries[key] {
            entries[key]!.used = clock
            return hit.analysis
        }
        let analysis = try make()
        if entries.count >= capacity, let oldest = entries.min(by: { $0.value.used < $1.value.used })?.key { entries[oldest] = nil }
        entries[key] = (analysis, clock)
        return analysis
    }
}
