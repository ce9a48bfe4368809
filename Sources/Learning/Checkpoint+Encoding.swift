import GateLMSupport

extension Checkpoint {
    /// The checkpoint's bytes, as written to a file.
    public func encoded() -> [UInt8] {
        var bytes = Checkpoint.magic
        bytes.appendLittleEndian(Checkpoint.formatVersion)
        let lengthOffset = bytes.count
        bytes.appendLittleEndian(UInt64(0))  // total length, patched below
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
        let total = UInt64(bytes.count + 8)
        for i in 0..<8 { bytes[lengthOffset + i] = UInt8(truncatingIfNeeded: total >> (8 * UInt64(i))) }
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
