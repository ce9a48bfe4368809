/// A safetensors file (the format every model hub reads): a JSON header naming each tensor's
/// dtype, shape and byte range, then the tensors' little-endian bytes back to back.
///
/// Layout: an 8-byte little-endian header length N, N bytes of a UTF-8 JSON object
/// (`{"name": {"dtype": "I8", "shape": [2, 3], "data_offsets": [0, 6]}, …, "__metadata__":
/// {"key": "value"}}`, space-padded), then the data section, whose byte ranges the tensors tile
/// exactly. Decoding (`init(decoding:source:)`) checks every one of those facts; encoding
/// (`encoded()`) writes tensors in name order, aligned to 8 bytes, as the reference writer does.
public struct SafeTensors: Sendable, Equatable {
    /// The element types of the format.
    public enum DType: String, Sendable, CaseIterable {
        case bool = "BOOL", u8 = "U8", i8 = "I8", u16 = "U16", i16 = "I16", f16 = "F16", bf16 = "BF16"
        case u32 = "U32", i32 = "I32", f32 = "F32", u64 = "U64", i64 = "I64", f64 = "F64"

        /// Bytes per element.
        public var size: Int {
            switch self {
            case .bool, .u8, .i8: 1
            case .u16, .i16, .f16, .bf16: 2
            case .u32, .i32, .f32: 4
            case .u64, .i64, .f64: 8
            }
        }
    }

    /// One tensor: its dtype, shape and raw little-endian bytes.
    public struct Tensor: Sendable, Equatable {
        public let dtype: DType
        public let shape: [Int]
        public let bytes: [UInt8]

        /// A tensor of raw bytes; their count must be the shape's element count times the dtype's size.
        public init(dtype: DType, shape: [Int], bytes: [UInt8]) {
            precondition(shape.allSatisfy { $0 >= 0 }, "a shape has no negative dimension")
            precondition(Self.elementCount(shape).map { $0 * dtype.size } == bytes.count, "\(bytes.count) bytes do not hold a \(dtype.rawValue) tensor of shape \(shape)")
            self.dtype = dtype
            self.shape = shape
            self.bytes = bytes
        }

        public init(_ values: [UInt8], shape: [Int]) { self.init(dtype: .u8, shape: shape, bytes: values) }
        public init(_ values: [Int8], shape: [Int]) { self.init(dtype: .i8, shape: shape, bytes: values.map { UInt8(bitPattern: $0) }) }
        public init(_ values: [Int32], shape: [Int]) {
            self.init(dtype: .i32, shape: shape, bytes: values.flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) })
        }
        public init(_ values: [Float], shape: [Int]) {
            self.init(dtype: .f32, shape: shape, bytes: values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) })
        }

        /// The number of elements: the product of the shape (1 for a scalar), nil when it overflows.
        public static func elementCount(_ shape: [Int]) -> Int? {
            var count = 1
            for dimension in shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
                guard !overflow else { return nil }
                count = product
            }
            return count
        }

        public var count: Int { bytes.count / dtype.size }

        /// The elements of a U8 tensor.
        public var uint8: [UInt8]? { dtype == .u8 ? bytes : nil }
        /// The elements of an I8 tensor.
        public var int8: [Int8]? { dtype == .i8 ? bytes.map { Int8(bitPattern: $0) } : nil }
        /// The elements of an I32 tensor.
        public var int32: [Int32]? { dtype == .i32 ? words.map { Int32(bitPattern: $0) } : nil }
        /// The elements of an F32 tensor.
        public var float32: [Float]? { dtype == .f32 ? words.map { Float(bitPattern: $0) } : nil }

        /// The bytes as little-endian 32-bit words.
        private var words: [UInt32] {
            (0..<bytes.count / 4).map { i in
                UInt32(bytes[4 * i]) | UInt32(bytes[4 * i + 1]) << 8 | UInt32(bytes[4 * i + 2]) << 16 | UInt32(bytes[4 * i + 3]) << 24
            }
        }
    }

    /// The tensors by name.
    public var tensors: [String: Tensor]
    /// The `__metadata__` map (string to string).
    public var metadata: [String: String]

    public init(tensors: [String: Tensor] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The reference implementation's limit on the header's length.
    public static let maximumHeaderBytes = 100_000_000
    /// The metadata key of the header.
    public static let metadataKey = "__metadata__"
}

/// Why bytes are not a valid safetensors file, or a tensor not what a reader expects.
public struct SafeTensorsError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
