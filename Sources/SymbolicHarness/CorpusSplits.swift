import GateLMSupport

/// The scoring protocol's splits of a corpus: `fit` (the first 80 %, where rows are fitted),
/// `dev` (80–90 %), `dev_small` (a fixed, seeded sample of dev positions, or all of dev when it
/// is smaller) and `val` (the last 10 %, scored only by `ProgramScoring.checkpoint`).
public struct CorpusSplits: Sendable {
    public let bytes: [UInt8]
    public let fit: Range<Int>
    public let dev: Range<Int>
    public let val: Range<Int>
    /// Sorted positions of dev.
    public let devSmall: [Int]

    /// The sample size of dev_small.
    public static let devSmallSize = 20_000

    /// Why a corpus cannot be split.
    public struct TooSmall: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public init(bytes: [UInt8], devSmallSize: Int = Self.devSmallSize, seed: UInt64 = 0x5EED_0001) throws(TooSmall) {
        guard bytes.count >= 20 else { throw TooSmall(description: "the corpus has \(bytes.count) bytes; at least 20 are needed for fit, dev and val") }
        guard devSmallSize >= 1 else { throw TooSmall(description: "dev_small size must be ≥ 1; got \(devSmallSize)") }
        self.bytes = bytes
        let n = bytes.count, a = n * 8 / 10, b = n * 9 / 10
        fit = 0..<a
        dev = a..<b
        val = b..<n
        if dev.count <= devSmallSize {
            devSmall = Array(dev)
        } else {
            // A partial Fisher–Yates shuffle of dev's positions: the first devSmallSize, sorted.
            var positions = Array(dev), random = SplitMix64(seed: seed)
            for i in 0..<devSmallSize { positions.swapAt(i, i + random.nextIndex(below: positions.count - i)) }
            devSmall = positions[..<devSmallSize].sorted()
        }
    }

    /// The target positions of an agent-facing split.
    public func positions(_ split: Split) -> [Int] {
        switch split {
        case .devSmall: return devSmall
        case .dev: return Array(dev)
        }
    }
}

/// A split the agent may be scored on (val never is).
public enum Split: String, Codable, Sendable, CaseIterable {
    case devSmall = "dev_small"
    case dev
}
