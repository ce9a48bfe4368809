import GateLMSupport

extension SafeTensors {
    /// Reads and validates a safetensors file's bytes: the header length within the file and
    /// `maximumHeaderBytes`, a strict JSON object (no key twice), each tensor's exactly three
    /// fields (a known dtype, a shape of non-negative integers, `data_offsets` [begin, end]
    /// with end − begin = elements × size), byte ranges that tile the data section with no gap,
    /// overlap or trailing byte, and `__metadata__` a map of strings. Errors name `source` and the tensor.
    public init(decoding bytes: [UInt8], source: String) throws(SafeTensorsError) {
        func invalid(_ what: String) -> SafeTensorsError { SafeTensorsError("\(source): not a valid safetensors file: \(what)") }
        guard bytes.count >= 8 else { throw invalid("\(bytes.count) bytes, fewer than the 8 of the header length") }
        let declared = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << (8 * UInt64($1)) }
        guard declared <= UInt64(Self.maximumHeaderBytes) else { throw invalid("a header of \(declared) bytes, more than the \(Self.maximumHeaderBytes) allowed") }
        let headerLength = Int(declared)
        guard headerLength <= bytes.count - 8 else {
            throw invalid("a header of \(headerLength) bytes, but only \(bytes.count - 8) follow the length")
        }
        guard headerLength >= 2, bytes[8] == UInt8(ascii: "{") else { throw invalid("the header is not a JSON object (it must start with '{')") }
        let header: JSONValue
        do { header = try JSONParser.parse(bytes[8 ..< 8 + headerLength]) } catch { throw invalid("the header is not valid JSON: \(error)") }
        guard let members = header.objectValue else { throw invalid("the header is not a JSON object") }
        let dataStart = 8 + headerLength, dataLength = bytes.count - dataStart
        var metadata = [String: String]()
        var ranges = [(begin: Int, end: Int, name: String, dtype: DType, shape: [Int])]()
        for (name, entry) in members {
            if name == Self.metadataKey {
                guard let map = entry.objectValue else { throw invalid("\(Self.metadataKey) is \(entry.kindDescription), not an object of strings") }
                for (key, value) in map {
                    guard let text = value.stringValue else {
                        throw invalid("\(Self.metadataKey).\(UntrustedText.quoted(key, limit: 40)) is \(value.kindDescription), not a string")
                    }
                    metadata[key] = text
                }
                continue
            }
            let shown = "tensor " + UntrustedText.quoted(name, limit: 60)
            guard let fields = entry.objectValue else { throw invalid("\(shown) is \(entry.kindDescription), not an object") }
            guard Set(fields.keys) == ["dtype", "shape", "data_offsets"] else {
                throw invalid("\(shown) has the fields \(fields.keys.sorted().map { UntrustedText.quoted($0, limit: 20) }.joined(separator: ", ")); "
                              + "it needs exactly dtype, shape and data_offsets")
            }
            guard let typeName = fields["dtype"]?.stringValue, let dtype = DType(rawValue: typeName) else {
                throw invalid("\(shown): dtype is \(fields["dtype"]!.kindDescription), not one of \(DType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let dimensions = fields["shape"]?.arrayValue, dimensions.count <= 16 else {
                throw invalid("\(shown): shape is not an array of at most 16 dimensions")
            }
            var shape = [Int]()
            for dimension in dimensions {
                guard let d = dimension.intValue, d >= 0 else { throw invalid("\(shown): shape holds \(dimension.kindDescription), not a non-negative integer") }
                shape.append(d)
            }
            guard let offsets = fields["data_offsets"]?.arrayValue, offsets.count == 2,
                  let begin = offsets[0].intValue, let end = offsets[1].intValue, begin >= 0, begin <= end, end <= dataLength else {
                throw invalid("\(shown): data_offsets must be [begin, end] with 0 ≤ begin ≤ end ≤ \(dataLength) (the data section's length)")
            }
            guard let elements = Tensor.elementCount(shape), case (let size, false) = elements.multipliedReportingOverflow(by: dtype.size),
                  size == end - begin else {
                throw invalid("\(shown): a \(dtype.rawValue) tensor of shape \(shape) needs \(Tensor.elementCount(shape).map { "\($0 * dtype.size)" } ?? "more than 2^63") bytes; "
                              + "data_offsets give \(end - begin)")
            }
            ranges.append((begin, end, name, dtype, shape))
        }
        // The reference reader's rule: sorted by offset, the ranges tile the data section exactly.
        ranges.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var position = 0
        var tensors = [String: Tensor]()
        for range in ranges {
            guard range.begin == position else {
                throw invalid(range.begin > position
                    ? "bytes \(position)..<\(range.begin) of the data section belong to no tensor"
                    : "tensor \(UntrustedText.quoted(range.name, limit: 60)) overlaps the tensor before it")
            }
            position = range.end
            tensors[range.name] = Tensor(dtype: range.dtype, shape: range.shape, bytes: Array(bytes[dataStart + range.begin ..< dataStart + range.end]))
        }
        guard position == dataLength else { throw invalid("\(dataLength - position) bytes after the last tensor belong to no tensor") }
        self.init(tensors: tensors, metadata: metadata)
    }

    /// The file's bytes: the header (tensors in name order, their data aligned to 8 bytes by
    /// padding the header with spaces), then the data.
    public func encoded() -> [UInt8] {
        var entries = [String: JSONValue](), offset = 0
        let names = tensors.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for name in names {
            let tensor = tensors[name]!
            entries[name] = .object(["dtype": .string(tensor.dtype.rawValue), "shape": .array(tensor.shape.map { .int($0) }),
                                     "data_offsets": .array([.int(offset), .int(offset + tensor.bytes.count)])])
            offset += tensor.bytes.count
        }
        if !metadata.isEmpty { entries[Self.metadataKey] = .object(metadata.mapValues { .string($0) }) }
        var header = JSONWriter.bytes(.object(entries))
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
        var out = withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init)
        out.reserveCapacity(8 + header.count + offset)
        out += header
        for name in names { out += tensors[name]!.bytes }
        return out
    }

    /// Reads and validates the safetensors file at `path`.
    public static func read(from path: String) throws -> SafeTensors {
        let bytes: [UInt8]
        do { bytes = try InputFile.read(path) } catch { throw SafeTensorsError(error.description) }
        return try SafeTensors(decoding: bytes, source: path)
    }

    /// Writes the file atomically.
    public func write(to path: String) throws {
        try AtomicFile.write(encoded(), to: path)
    }

    /// The tensor `name` with exactly `dtype` and `shape`, or an error naming what differs.
    public func tensor(_ name: String, _ dtype: DType, shape: [Int], source: String) throws(SafeTensorsError) -> Tensor {
        guard let tensor = tensors[name] else { throw SafeTensorsError("\(source): tensor '\(name)' is missing") }
        guard tensor.dtype == dtype, tensor.shape == shape else {
            throw SafeTensorsError("\(source): tensor '\(name)' is \(tensor.dtype.rawValue) of shape \(tensor.shape); expected \(dtype.rawValue) of shape \(shape)")
        }
        return tensor
    }
}
