import Learning
import Text

/// One engine's integer class scores for a run of consecutive positions of a corpus, as a
/// safetensors file (docs/interchange.md, "Scores files"), for another engine to compare with
/// bit for bit (`gatelm verify MODEL --reference-scores FILE`).
public struct ReferenceScores: Sendable, Equatable {
    /// Position-major: `classCount` scores per position.
    public var scores: [Int32]
    public var classCount: Int
    /// The position of the first row.
    public var firstPosition: Int
    /// FNV-1a 64 of the corpus the positions index (hex), when recorded.
    public var corpusHash: String?
    /// Which engine computed them (`gatelm-torch`, …), when recorded.
    public var engine: String?

    public init(scores: [Int32], classCount: Int, firstPosition: Int, corpusHash: String?, engine: String?) {
        precondition(classCount >= 1 && scores.count % classCount == 0, "whole rows of scores")
        self.scores = scores
        self.classCount = classCount
        self.firstPosition = firstPosition
        self.corpusHash = corpusHash
        self.engine = engine
    }

    /// The positions the rows score.
    public var positions: Range<Int> { firstPosition ..< firstPosition + scores.count / classCount }

    /// Reads and validates a scores file: one I32 tensor `scores` of shape [N, C] with C ≥ 1,
    /// and `__metadata__.first_position` a decimal ≥ 0.
    public static func read(from path: String) throws -> ReferenceScores {
        let file = try SafeTensors.read(from: path)
        return try ReferenceScores(file: file, source: path)
    }

    public init(file: SafeTensors, source: String) throws(SafeTensorsError) {
        guard let tensor = file.tensors["scores"], tensor.dtype == .i32, tensor.shape.count == 2, tensor.shape[1] >= 1 else {
            throw SafeTensorsError("\(source): a scores file holds an I32 tensor 'scores' of shape [positions, classes]")
        }
        guard Set(file.tensors.keys) == ["scores"] else { throw SafeTensorsError("\(source): a scores file holds the tensor 'scores' and no other") }
        guard let text = file.metadata["first_position"], let first = Int(text), first >= 0, first <= 1 << 50 else {
            throw SafeTensorsError("\(source): __metadata__.first_position must be a decimal integer in 0...\(1 << 50)")
        }
        self.init(scores: tensor.int32!, classCount: tensor.shape[1], firstPosition: first, corpusHash: file.metadata["corpus_hash"],
                  engine: file.metadata["engine"])
    }

    /// The file's contents.
    public var file: SafeTensors {
        var metadata = ["first_position": String(firstPosition)]
        if let corpusHash { metadata["corpus_hash"] = corpusHash }
        if let engine { metadata["engine"] = engine }
        return SafeTensors(tensors: ["scores": .init(scores, shape: [scores.count / classCount, classCount])], metadata: metadata)
    }

    public func write(to path: String) throws { try file.write(to: path) }
}
