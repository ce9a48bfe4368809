/// The two encodings of an AIGER file.
public enum AIGERFormat: Sendable, Hashable, CaseIterable {
    /// Text (`aag`): every node on its own line, any variable numbering.
    case ascii
    /// Binary (`aig`): inputs implicit, ANDs as 7-bit delta codes, canonical numbering.
    case binary

    /// The magic word that starts a file in this format.
    public var magic: String {
        switch self {
        case .ascii: return "aag"
        case .binary: return "aig"
        }
    }

    /// The usual file extension (without the dot), the same as the magic word.
    public var fileExtension: String { magic }
}
