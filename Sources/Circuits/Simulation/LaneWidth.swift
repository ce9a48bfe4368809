/// How many patterns the simulator evaluates per pass over the circuit.
///
/// Wider blocks amortise the per-node decoding over more lanes; narrower
/// blocks keep the value buffer (one block per variable) in cache for large
/// circuits. `.automatic` picks from the circuit size and pattern count.
public enum LaneWidth: Int, Sendable, Hashable, CaseIterable {
    case automatic = 0
    case bits64 = 64
    case bits256 = 256
    case bits512 = 512
    case bits1024 = 1024

    /// 64-bit words per block (0 for `.automatic`).
    public var wordCount: Int { rawValue / 64 }
}
