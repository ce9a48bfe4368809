/// Reading and writing AIGER files directly from an `AIG`.
extension AIG {
    /// Reads an AIGER file (ASCII or binary, from its header).
    public init(contentsOfAIGERFile path: String) throws(AIGERError) {
        self = try AIGERReader.read(path: path)
    }

    /// Reads AIGER bytes (ASCII or binary, from the header).
    public init(aigerBytes bytes: [UInt8]) throws(AIGERError) {
        self = try AIGERReader.read(bytes: bytes)
    }

    /// This AIG as the bytes of an AIGER file.
    public func aigerBytes(format: AIGERFormat) -> [UInt8] {
        AIGERWriter.write(self, format: format)
    }

    /// Writes this AIG as an AIGER file, atomically.
    public func writeAIGER(toFile path: String, format: AIGERFormat) throws(AIGERError) {
        try AIGERWriter.write(self, format: format, toFile: path)
    }
}
