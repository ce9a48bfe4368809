import GateLMSupport

/// The scoring protocol's splits of a corpus: `fit` (the first 80 %, where rows are fitted),
/// `dev` (80–90 %), `dev_small` (a fixed sample of dev positions in evenly spaced runs, or all of
/// dev when it is smaller; scored with rows fitted on a fixed 100,000-position sample of fit) and `val` (the last 10 %, scored only by `ProgramScoring.checkpoint`).
public struct CorpusSplits: Sendable {
    public let bytes: [UInt8]
    public let fit: Range<Int>
    public let dev: Range<Int>
    public let val: Range<Int>
    /// Sorted positions of dev: `devSmallRuns`, flattened.
    public let devSmall: [Int]
    /// dev_small as runs of consecutive positions, evenly spaced over dev, so that its windows
    /// are evaluated together (`SymbolicInterpreter.winners(predictingRuns:in:)`).
    public let devSmallRuns: [Range<Int>]
    /// A fixed sample of fit in runs, `fitSampleSize` positions: dev_small's rows are fitted
    /// there, so that a dev_small score costs its sample, not a pass over fit.
    public let fitSampleRuns: [Range<Int>]
    public static let fitSampleSize = 100_000
    public static let runLength = 500

    /// The sample size of dev_small.
    public static let devSmallSize = 20_000

    /// Why a corpus cannot be split.
    public struct TooSmall: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public init(bytes: [UInt8], devSmallSize: Int = Self.devSmallSize) throws(TooSmall) {
        guard bytes.count >= 20 else { throw TooSmall(description: "the corpus has \(bytes.count) bytes; at least 20 are needed for fit, dev and val") }
        guard devSmallSize >= 1 else { throw TooSmall(description: "dev_small size must be ≥ 1; got \(devSmallSize)") }
        self.bytes = bytes
        let n = bytes.count, a = n * 8 / 10, b = n * 9 / 10
        fit = 0..<a
        dev = a..<b
        val = b..<n
        devSmallRuns = Self.evenRuns(over: dev, total: devSmallSize)
        devSmall = devSmallRuns.flatMap { Array($0) }
        fitSampleRuns = Self.evenRuns(over: fit, total: Self.fitSampleSize)
    }

    /// Runs of at most `runLength` consecutive positions, evenly spaced over `range`, `total`
    /// positions in all (all of `range` when it is no longer).
    static func evenRuns(over range: Range<Int>, total: Int) -> [Range<Int>] {
        guard range.count > total else { return [range] }
        let k = (total + runLength - 1) / runLength, length = min(runLength, range.count / k)
        var runs = [Range<Int>](), left = total
        for i in 0..<k where left > 0 {
            let start = range.lowerBound + range.count * i / k, n = min(length, left)
            runs.append(start ..< start + n)
            left -= n
        }
        return runs
    }

    /// The target positions of an agent-facing split.
    public func positions(_ split: Split) -> [Int] {
        switch split {
        case .devSmall: return devSmall
        case .dev: return Array(dev)
        }
    }

    /// The same targets as runs of consecutive positions, in the same order.
    public func runs(_ split: Split) -> [Range<Int>] {
        switch split {
        case .devSmall: return devSmallRuns
        case .dev: return [dev]
        }
    }
}

/// A split the agent may be scored on (val never is).
public enum Split: String, Codable, Sendable, CaseIterable {
    case devSmall = "dev_small"
    case dev
}
