import GateLMSupport

extension Checkpoint {
    /// The checkpoint's bytes, as written to a file.
    public func encoded() -> [UInt8] {
        var bytes = [UInt8]()
        let metadataBytes = Array(metadata.utf8)
        bytes.appendLittleEndian(UInt64(metadataBytes.count))
        bytes += metadataBytes
        bytes.appendLittleEndian(UInt32(tensors.count))
        for named in tensors {
            let name = Array(named.name.utf8)
            bytes.appendLittleEndian(UInt32(name.count))
            bytes += name
            switch named.tensor {
            case .float32(let values):
                bytes.append(TensorKind.float32.rawValue)
                bytes.appendLittleEndian(UInt64(values.count))
                for value in values { bytes.appendLittleEndian(value.bitPattern) }
            case .uint32(let values):
                bytes.append(TensorKind.uint32.rawValue)
                bytes.appendLittleEndian(UInt64(values.count))
                for value in values { bytes.appendLittleEndian(value) }
            case .uint8(let values):
                bytes.append(TensorKind.uint8.rawValue)
                bytes.appendLittleEndian(UInt64(values.count))
                bytes += values
            }
        }
        return Checkpoint.sealed(body: bytes)
    }

    /// A checkpoint file around `body` (the metadata length through the last tensor): the
    /// magic, the format version and the total length before it, the checksum after it.
    /// For writing, and for fuzzing the decoder past its checksum.
    public static func sealed(body: [UInt8]) -> [UInt8] {
        var bytes = magic
        bytes.appendLittleEndian(formatVersion)
        bytes.appendLittleEndian(UInt64(magic.count + 4 + 8 + body.count + 8))
        bytes += body
        let checksum = bytes.withUnsafeBytes { FNV1a.hash($0) }
        bytes.appendLittleEndian(checksum)
        return bytes
    }
}

/// The element kinds a checkpoint tensor can hold, as stored.
enum TensorKind: UInt8 {
    case float32 = 0, uint32 = 1, uint8 = 2

    var elementSize: Int {
        switch self {
        case .float32, .uint32: 4
        case .uint8: 1
        }
    }
}

extension [UInt8] {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var v = value.littleEndian
        Swift.withUnsafeBytes(of: &v) { append(contentsOf: $0) }
    }
}
