import GateLMSupport
import Symbolic

/// The results of the Workbench tools. Each encodes (`ResultEncoding`) with snake_case keys
/// from these property names.

/// `program_get`: a version's text (or one section of it) with line numbers.
public struct ProgramListing: Hashable, Codable, Sendable {
    public var version: Int
    public var parent: Int
    public var head: Int
    public var section: String?
    /// `   12 | text`, the numbers being those of the whole program.
    public var text: String
}

/// One parse error or checker finding, at its line and column when known.
public struct CheckFinding: Hashable, Codable, Sendable {
    /// `patch` (a line of the patch) or `program` (a line of the program).
    public var source: String
    public var severity: String
    public var line: Int?
    public var column: Int?
    public var message: String
}

/// How big a program is.
public struct ProgramCounts: Hashable, Codable, Sendable {
    public var layers: Int
    public var span: Int
    public var groups: Int
    public var groupings: Int
    public var shifts: Int
    public var heads: Int
    public var rules: Int
    /// Stored labels (bytes, bos and every label a component can write); nil when the checker found errors.
    public var storedLabels: Int?
    public var predictionLabels: Int?
}

/// `program_check`: errors and warnings, and the counts; no evaluation.
public struct CheckResult: Hashable, Codable, Sendable {
    public var ok: Bool
    public var errors: [CheckFinding]
    public var warnings: [CheckFinding]
    public var counts: ProgramCounts?
    /// The patched program's text, when a patch was checked and applied.
    public var patchedText: String?
    /// The circuit's AND count (`ands`, `layerAnds`, `readoutAnds`) before optimisation, with
    /// the ROM from rows fitted on the fit sample; nil when the program has errors.
    public var estimatedAnds: SymbolicInterpreter.CircuitSize?
}

/// `evaluate` and `try_patch`: a score and how it compares.
public struct EvaluationResult: Hashable, Codable, Sendable {
    /// The version scored (nil for an uncommitted variant).
    public var version: Int?
    /// The version it was made from (for try_patch: the base).
    public var parent: Int?
    public var split: Split
    public var positions: Int
    public var bitsPerByte: Double
    /// bits/byte − the parent's on the same split.
    public var deltaVsParent: Double?
    /// bits/byte − the best logged version's on the same split.
    public var deltaVsBest: Double?
    public var bestVersion: Int?
    public var baselines: BaselineScores
    public var labels: [LabelScore]
    public var seconds: Double
}

/// Bytes around a predicted byte: 40 before, the target, 40 after (UTF-8, invalid bytes replaced).
public struct ByteContext: Hashable, Codable, Sendable {
    public var before: String
    public var target: String
    public var after: String
}

/// One predicted byte and how the program did on it.
public struct PositionReport: Hashable, Codable, Sendable {
    /// The index of the byte in the corpus.
    public var position: Int
    /// The index from the start of its split (dev), as `trace` takes it.
    public var offset: Int
    public var winner: String
    public var bits: Double
    public var pTarget: Double
    public var context: ByteContext
}

/// A group of positions (by winner or by target byte) and its part of the bits.
public struct PositionGroup: Hashable, Codable, Sendable {
    public var key: String
    public var count: Int
    public var meanBits: Double
    /// Its bits over the split's positions: its part of the bits/byte.
    public var bitsPerByte: Double
}

/// `worst_positions`.
public struct WorstPositionsResult: Hashable, Codable, Sendable {
    public var version: Int
    public var split: Split
    public var groupBy: String
    public var bitsPerByte: Double
    public var positions: [PositionReport]
    public var groups: [PositionGroup]
}

/// One winner's part in two versions (bits over the split's positions).
public struct WinnerDelta: Hashable, Codable, Sendable {
    public var label: String
    public var winsA: Int
    public var winsB: Int
    public var bitsPerByteA: Double
    public var bitsPerByteB: Double
    public var delta: Double
}

/// One position scored by two versions.
public struct PositionDelta: Hashable, Codable, Sendable {
    public var position: Int
    public var offset: Int
    public var winnerA: String
    public var winnerB: String
    public var bitsA: Double
    public var bitsB: Double
    public var delta: Double
    public var context: ByteContext
}

/// `compare`: b against a.
public struct ComparisonResult: Hashable, Codable, Sendable {
    public var a: Int
    public var b: Int
    public var split: Split
    public var bitsPerByteA: Double
    public var bitsPerByteB: Double
    /// b − a.
    public var delta: Double
    public var winners: [WinnerDelta]
    /// Where b gains most (delta most negative), then where it loses most.
    public var largestWins: [PositionDelta]
    public var largestRegressions: [PositionDelta]
}

/// One removed item in `ablate`.
public struct AblationEntry: Hashable, Codable, Sendable {
    public var name: String
    public var bitsPerByte: Double?
    /// bits/byte without the item − with it (positive: the item helps).
    public var delta: Double?
    public var error: String?
}

/// `ablate`.
public struct AblationResult: Hashable, Codable, Sendable {
    public var version: Int
    public var split: Split
    public var bitsPerByte: Double
    public var ablations: [AblationEntry]
}

/// A label that often holds together with another.
public struct CoOccurrence: Hashable, Codable, Sendable {
    public var label: String
    /// The share of the label's positions where this one holds too.
    public var share: Double
}

/// One label in `label_stats`, read after the last layer at the positions that predict the split.
public struct LabelStatistics: Hashable, Codable, Sendable {
    public var name: String
    public var positions: Int?
    public var firingRate: Double?
    /// Mutual information between the label holding and the next byte (plug-in estimate), in bits.
    public var bitsAboutNextByte: Double?
    public var coOccurring: [CoOccurrence]?
    /// The positions (of the first `Workbench.coOccurrenceBytes` of dev) where it holds, that `co_occurring` counts.
    public var coOccurrencePositions: Int?
    public var error: String?
}

/// `label_stats`.
public struct LabelStatsResult: Hashable, Codable, Sendable {
    public var version: Int
    public var split: Split
    public var labels: [LabelStatistics]
}

/// `history`.
public struct HistoryResult: Hashable, Codable, Sendable {
    public var head: Int
    public var versions: Int
    /// The newest log lines, newest first.
    public var entries: [VersionStore.Entry]
}

/// `apply_patch`.
public struct ApplyResult: Hashable, Codable, Sendable {
    public var version: Int
    public var parent: Int
    /// kept (HEAD moved to it) or reverted (stored, HEAD stayed: dev got worse).
    public var status: VersionStore.Entry.Status
    public var head: Int
    public var devSmallBitsPerByte: Double
    public var devBitsPerByte: Double
    public var deltaDevVsParent: Double?
    public var warnings: [CheckFinding]
    public var seconds: Double
}

/// `checkout`.
public struct CheckoutResult: Hashable, Codable, Sendable {
    public var head: Int
    public var previousHead: Int
}

/// One byte and its probability.
public struct BytePrediction: Hashable, Codable, Sendable {
    public var byte: String
    public var p: Double
}

/// A head's pick in a trace.
public struct HeadPick: Hashable, Codable, Sendable {
    /// The picked position's index in the traced text (the corpus, or the given text).
    public var position: Int
    /// How far back: query position − picked position.
    public var distance: Int
    /// The byte at the picked position (`bos` for padding).
    public var byte: String
    /// The head's output labels that this pick supplied.
    public var copied: [String]
}

/// One head at the traced position.
public struct HeadTrace: Hashable, Codable, Sendable {
    public var name: String
    public var picks: [HeadPick]
}

/// One layer at the traced position.
public struct LayerTrace: Hashable, Codable, Sendable {
    public var layer: Int
    /// Every label stored after the layer.
    public var labels: [String]
    public var added: [String]
    public var removed: [String]
    public var rulesFired: [String]
    public var heads: [HeadTrace]
}

/// `trace`: how the program predicts one byte.
public struct TraceResult: Hashable, Codable, Sendable {
    public var version: Int
    /// The predicted byte's index (in the corpus, or in the given text).
    public var position: Int
    public var context: ByteContext
    public var layers: [LayerTrace]
    public var winner: String
    /// The byte predicted, when known.
    public var target: String?
    public var pTarget: Double?
    public var bits: Double?
    public var top: [BytePrediction]
}

/// `find_positions`.
public struct FindPositionsResult: Hashable, Codable, Sendable {
    public var version: Int
    public var split: Split
    public var condition: String
    /// How many positions of the split match, their share and mean bits.
    public var matches: Int
    public var share: Double
    public var meanBits: Double
    /// Their bits over the split's positions: their part of the bits/byte.
    public var bitsPerByte: Double
    /// The `limit` matching positions of highest loss.
    public var positions: [PositionReport]
}
