/// Reads AIGER 1.9 files, ASCII (`aag`) or binary (`aig`), chosen by the
/// magic word of the header.
///
/// Every malformed file throws one `AIGERError` naming the line (or, inside
/// and after a binary AND section, the byte offset) and what was expected;
/// reading never traps on bad input. The result is in the canonical AIG
/// order (inputs, latches, ANDs topologically sorted) with each AND's
/// larger fanin first.
public enum AIGERReader {
    /// The largest M (and any other header count) accepted: 2²⁶ = 67,108,864, above the
    /// largest EPFL benchmarks (about 24 million ANDs) and far above any compiled model.
    public static let maximumVariables = 1 << 26

    /// Memory a circuit needs per variable once read and simulated (fanins, levels, a few
    /// words of simulation), used to refuse a header the machine cannot hold.
    static let bytesPerVariable = 64

    /// Reads the file at `path`.
    public static func read(path: String) throws(AIGERError) -> AIG {
        let bytes = try AIGERFile.readAll(path)
        do {
            return try read(bytes: bytes)
        } catch {
            var located = error
            located.path = path
            throw located
        }
    }

    /// Reads a file already in memory.
    public static func read(bytes: [UInt8]) throws(AIGERError) -> AIG {
        try bytes.withUnsafeBufferPointer { (buffer) throws(AIGERError) -> AIG in try read(buffer) }
    }

    /// Reads a file already in memory.
    public static func read(_ buffer: UnsafeBufferPointer<UInt8>) throws(AIGERError) -> AIG {
        var scanner = AIGERScanner(buffer)
        let header = try AIGERHeader.read(&scanner)
        switch header.format {
        case .ascii: return try AIGERASCIIReader.read(header, &scanner)
        case .binary: return try AIGERBinaryReader.read(header, &scanner)
        }
    }
}
