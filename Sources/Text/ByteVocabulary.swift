/// The byte values a model predicts: those seen in the training text,
/// sorted. Class index `i` stands for byte `bytes[i]`.
///
/// Saved in checkpoints (Codable as its sorted byte list).
public struct ByteVocabulary: Sendable, Equatable, Codable {
    /// The byte values, sorted ascending, without repeats.
    public let bytes: [UInt8]
    /// For each byte value its class index, or -1 when outside the vocabulary.
    private let classIndexOfByte: [Int16]

    /// The vocabulary of the byte values occurring in `text`.
    public init(of text: some Sequence<UInt8>) {
        var seen = [Bool](repeating: false, count: 256)
        for byte in text { seen[Int(byte)] = true }
        self.init(sortedUniqueBytes: (0...255).filter { seen[$0] }.map { UInt8($0) })
    }

    /// The vocabulary of the given byte values (any order, repeats allowed).
    public init(bytes: some Sequence<UInt8>) {
        self.init(sortedUniqueBytes: Array(Set(bytes)).sorted())
    }

    private init(sortedUniqueBytes: [UInt8]) {
        bytes = sortedUniqueBytes
        var table = [Int16](repeating: -1, count: 256)
        for (index, byte) in sortedUniqueBytes.enumerated() { table[Int(byte)] = Int16(index) }
        classIndexOfByte = table
    }

    /// The number of classes.
    public var count: Int { bytes.count }

    /// Whether `byte` is one of the classes.
    public func contains(_ byte: UInt8) -> Bool { classIndexOfByte[Int(byte)] >= 0 }

    /// The class index of `byte`, or nil when it is outside the vocabulary.
    public func classIndex(of byte: UInt8) -> Int? {
        let index = classIndexOfByte[Int(byte)]
        return index >= 0 ? Int(index) : nil
    }

    /// The byte of class `index` (`0 ..< count`).
    public func byte(ofClass index: Int) -> UInt8 { bytes[index] }

    // MARK: Codable: only the byte list is stored.

    private enum CodingKeys: String, CodingKey { case bytes }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let bytes = try container.decode([UInt8].self, forKey: .bytes)
        guard zip(bytes, bytes.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw DecodingError.dataCorruptedError(
                forKey: .bytes, in: container, debugDescription: "vocabulary bytes must be sorted and distinct")
        }
        self.init(sortedUniqueBytes: bytes)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(bytes, forKey: .bytes)
    }
}
