import GateLMSupport

/// A versioned binary container for training state: a JSON metadata string
/// and named tensors, protected by a checksum and written atomically.
///
/// Layout (little-endian): magic "GLMCKPT\0", format version (UInt32), total
/// file length (UInt64), metadata length (UInt64) and UTF-8 bytes, tensor count
/// (UInt32), then per tensor: name length (UInt32), UTF-8 name, element kind
/// (UInt8: 0 Float32, 1 UInt32, 2 UInt8), element count (UInt64), elements;
/// last, the FNV-1a 64 hash of every byte before it (UInt64).
public struct Checkpoint: Equatable, Sendable {
    /// The format version this code writes and reads.
    public static let formatVersion: UInt32 = 1
    public static let magic: [UInt8] = Array("GLMCKPT\0".utf8)

    /// Free-form metadata, by convention a JSON object (model configuration, step, …).
    public var metadata: String
    /// The tensors in the order they are stored.
    public private(set) var tensors: [NamedTensor]

    public init(metadata: String = "{}", tensors: [NamedTensor] = []) {
        self.metadata = metadata
        self.tensors = []
        for tensor in tensors { self[tensor.name] = tensor.tensor }
    }

    /// The tensor called `name`; setting replaces it in place or appends it.
    public subscript(name: String) -> Tensor? {
        get { tensors.first { $0.name == name }?.tensor }
        set {
            let index = tensors.firstIndex { $0.name == name }
            switch (index, newValue) {
            case let (index?, value?): tensors[index].tensor = value
            case let (index?, nil): tensors.remove(at: index)
            case let (nil, value?): tensors.append(NamedTensor(name: name, tensor: value))
            case (nil, nil): break
            }
        }
    }

    /// The Float32 tensor `name`, or an error naming what is missing.
    public func float32(_ name: String) throws -> [Float] {
        guard case .float32(let values)? = self[name] else { throw missing(name, kind: "Float32") }
        return values
    }

    /// The UInt32 tensor `name`, or an error naming what is missing.
    public func uint32(_ name: String) throws -> [UInt32] {
        guard case .uint32(let values)? = self[name] else { throw missing(name, kind: "UInt32") }
        return values
    }

    /// The UInt8 tensor `name`, or an error naming what is missing.
    public func uint8(_ name: String) throws -> [UInt8] {
        guard case .uint8(let values)? = self[name] else { throw missing(name, kind: "UInt8") }
        return values
    }

    private func missing(_ name: String, kind: String) -> CheckpointError {
        CheckpointError(source: "checkpoint", offset: nil,
                        reason: self[name] == nil ? "no tensor named '\(name)'" : "tensor '\(name)' is not \(kind)")
    }

    /// Writes the checkpoint to `path` atomically (temporary file, fsync, rename).
    public func write(to path: String) throws {
        try AtomicFile.write(encoded(), to: path)
    }

    /// Reads and verifies the checkpoint at `path` (`-`: standard input).
    public static func read(from path: String) throws -> Checkpoint {
        let bytes: [UInt8]
        do { bytes = try InputFile.read(path) } catch {
            throw CheckpointError(source: path, offset: nil, reason: "cannot read the file: \(error.reason)")
        }
        return try Checkpoint(decoding: bytes, source: path)
    }
}

/// A tensor's elements.
public enum Tensor: Equatable, Sendable {
    case float32([Float])
    case uint32([UInt32])
    case uint8([UInt8])

    /// The number of elements.
    public var count: Int {
        switch self {
        case .float32(let values): values.count
        case .uint32(let values): values.count
        case .uint8(let values): values.count
        }
    }
}

/// A tensor and its name in a checkpoint.
public struct NamedTensor: Equatable, Sendable {
    public var name: String
    public var tensor: Tensor

    public init(name: String, tensor: Tensor) {
        self.name = name
        self.tensor = tensor
    }
}

/// A checkpoint that cannot be read: what is wrong and where.
public struct CheckpointError: Error, CustomStringConvertible, Equatable {
    /// The file path (or a description of the bytes' origin).
    public var source: String
    /// The byte offset where the problem was found, when there is one.
    public var offset: Int?
    public var reason: String

    public init(source: String, offset: Int?, reason: String) {
        self.source = source
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        "\(source): \(reason)" + (offset.map { " (at byte \($0))" } ?? "")
    }
}
