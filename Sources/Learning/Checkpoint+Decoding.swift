import GateLMSupport

extension Checkpoint {
    /// Parses and verifies checkpoint bytes; `source` names them in errors.
    ///
    /// Checks, in order: the magic, the format version, the length recorded in
    /// the header against the actual length (truncation), the checksum
    /// (corruption), then the structure.
    public init(decoding bytes: [UInt8], source: String = "checkpoint") throws {
        var reader = CheckpointReader(bytes: bytes, source: source)
        let headerSize = Checkpoint.magic.count + 4 + 8
        guard bytes.starts(with: Checkpoint.magic.prefix(Swift.min(bytes.count, Checkpoint.magic.count))) else {
            throw reader.error("not a GateLM checkpoint (wrong magic bytes)", at: 0)
        }
        guard bytes.count >= headerSize + 8 else {
            throw reader.error("truncated: only \(bytes.count) bytes, shorter than the header", at: bytes.count)
        }
        reader.offset = Checkpoint.magic.count
        let version = try reader.read(UInt32.self, "format version")
        guard version == Checkpoint.formatVersion else {
            throw reader.error("unsupported format version \(version) (this program reads version \(Checkpoint.formatVersion))",
                               at: Checkpoint.magic.count)
        }
        let recordedLength = try reader.read(UInt64.self, "file length")
        guard recordedLength == UInt64(bytes.count) else {
            throw reader.error(recordedLength > UInt64(bytes.count)
                ? "truncated: \(bytes.count) bytes of the \(recordedLength) the header records"
                : "\(UInt64(bytes.count) - recordedLength) unexpected bytes after the \(recordedLength) the header records",
                at: bytes.count < recordedLength ? bytes.count : Int(recordedLength))
        }
        let body = bytes.count - 8
        let stored = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: body, as: UInt64.self).littleEndian }
        let computed = bytes.withUnsafeBytes { FNV1a.hash(UnsafeRawBufferPointer(rebasing: $0[..<body])) }
        guard stored == computed else {
            throw reader.error("corrupted: checksum mismatch (the contents were changed after writing)", at: body)
        }
        reader.end = body
        let metadataLength = try reader.read(UInt64.self, "metadata length")
        let metadata = try reader.readString(byteCount: metadataLength, "metadata")
        let tensorCount = try reader.read(UInt32.self, "tensor count")
        var tensors: [NamedTensor] = []
        var names = Set<String>()
        for index in 0..<Int(tensorCount) {
            let nameLength = try reader.read(UInt32.self, "name length of tensor \(index)")
            let name = try reader.readString(byteCount: UInt64(nameLength), "name of tensor \(index)")
            guard names.insert(name).inserted else { throw reader.error("duplicate tensor '\(name)'", at: reader.offset) }
            let kindOffset = reader.offset
            let kindByte = try reader.read(UInt8.self, "element kind of tensor '\(name)'")
            guard let kind = TensorKind(rawValue: kindByte) else {
                throw reader.error("unknown element kind \(kindByte) of tensor '\(name)'", at: kindOffset)
            }
            let count = try reader.read(UInt64.self, "element count of tensor '\(name)'")
            tensors.append(NamedTensor(name: name, tensor: try reader.readTensor(kind: kind, count: count, name: name)))
        }
        guard reader.offset == body else {
            throw reader.error("\(body - reader.offset) unexpected bytes after the last tensor", at: reader.offset)
        }
        self.init(metadata: metadata, tensors: tensors)
    }
}

/// A bounds-checked little-endian cursor over checkpoint bytes.
struct CheckpointReader {
    let bytes: [UInt8]
    let source: String
    var offset = 0
    var end: Int

    init(bytes: [UInt8], source: String) {
        self.bytes = bytes
        self.source = source
        end = bytes.count
    }

    func error(_ reason: String, at offset: Int) -> CheckpointError {
        CheckpointError(source: source, offset: offset, reason: reason)
    }

    /// Claims the next `byteCount` bytes, or throws naming `what` was being read.
    mutating func take(_ byteCount: UInt64, _ what: String) throws -> Range<Int> {
        guard byteCount <= UInt64(end - offset) else {
            throw error("malformed: \(what) runs past the end (\(byteCount) bytes wanted, \(end - offset) left)", at: offset)
        }
        defer { offset += Int(byteCount) }
        return offset ..< offset + Int(byteCount)
    }

    mutating func read<T: FixedWidthInteger>(_ type: T.Type, _ what: String) throws -> T {
        let range = try take(UInt64(MemoryLayout<T>.size), what)
        return bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: range.lowerBound, as: T.self)) }
    }

    mutating func readString(byteCount: UInt64, _ what: String) throws -> String {
        let start = offset
        let range = try take(byteCount, what)
        guard let string = String(validating: bytes[range], as: UTF8.self) else {
            throw error("\(what) is not valid UTF-8", at: start)
        }
        return string
    }

    mutating func readTensor(kind: TensorKind, count: UInt64, name: String) throws -> Tensor {
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: UInt64(kind.elementSize))
        let range = try take(overflow ? .max : byteCount, "the elements of tensor '\(name)'")
        return bytes.withUnsafeBytes { raw in
            switch kind {
            case .float32:
                .float32((0..<Int(count)).map {
                    Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: range.lowerBound + 4 * $0, as: UInt32.self)))
                })
            case .uint32:
                .uint32((0..<Int(count)).map {
                    UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: range.lowerBound + 4 * $0, as: UInt32.self))
                })
            case .uint8:
                .uint8(Array(bytes[range]))
            }
        }
    }
}
