import Learning
import Testing

/// The safetensors container: what it writes reads back equal (and as the reference writer lays
/// it out), and every malformed file is refused with the reason.
@Suite struct SafeTensorsTests {
    static let sample = SafeTensors(tensors: ["b.levels": .init([UInt8](0..<6), shape: [2, 3]), "a": .init([Int8]([-1, 0, 1]), shape: [3]),
                                              "c": .init([Int32]([-7, 1 << 20]), shape: [2, 1]), "scalar": .init([Float]([0.5]), shape: [])],
                                    metadata: ["format": "test"])

    @Test func writesAndReadsBackEqual() throws {
        let bytes = Self.sample.encoded()
        let header = Int(bytes[0]) | Int(bytes[1]) << 8
        #expect(header % 8 == 0, "the data section starts 8-byte aligned")
        let again = try SafeTensors(decoding: bytes, source: "t")
        #expect(again == Self.sample)
        #expect(again.tensors["c"]?.int32 == [-7, 1 << 20] && again.tensors["a"]?.int8 == [-1, 0, 1] && again.tensors["scalar"]?.float32 == [0.5])
        #expect(again.tensors["a"]?.uint8 == nil, "typed access checks the dtype")
    }

    /// A file as Python's `safetensors.numpy.save_file({"x": np.array([[1, 2]], dtype=np.int32)})` writes it.
    @Test func readsTheReferenceWritersLayout() throws {
        let header = Array(#"{"x":{"dtype":"I32","shape":[1,2],"data_offsets":[0,8]}}"#.utf8)
        let padded = header + [UInt8](repeating: 0x20, count: (8 - header.count % 8) % 8)
        let bytes = [UInt8(padded.count), 0, 0, 0, 0, 0, 0, 0] + padded + [1, 0, 0, 0, 2, 0, 0, 0]
        let file = try SafeTensors(decoding: bytes, source: "ref")
        #expect(file.tensors["x"]?.int32 == [1, 2] && file.tensors["x"]?.shape == [1, 2] && file.metadata.isEmpty)
    }

    static func file(_ header: String, data: [UInt8]) -> [UInt8] {
        let h = Array(header.utf8)
        return withUnsafeBytes(of: UInt64(h.count).littleEndian, Array.init) + h + data
    }

    static let broken: [(name: String, bytes: [UInt8], reason: String)] = [
        ("empty", [], "fewer than the 8"),
        ("huge header", [0, 0, 0, 0, 0, 1, 0, 0] + Array("{}".utf8), "more than the 100000000"),
        ("header past the end", [100, 0, 0, 0, 0, 0, 0, 0] + Array("{}".utf8), "only 2 follow"),
        ("not an object", file("[1]     ", data: []), "must start with '{'"),
        ("bad JSON", file("{\"x\":", data: []), "not valid JSON"),
        ("duplicate key", file(#"{"x":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"x":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}"#, data: [1]), "not valid JSON"),
        ("unknown dtype", file(#"{"x":{"dtype":"Q4","shape":[1],"data_offsets":[0,1]}}"#, data: [1]), "not one of BOOL"),
        ("extra field", file(#"{"x":{"dtype":"U8","shape":[1],"data_offsets":[0,1],"strides":[1]}}"#, data: [1]), "exactly dtype, shape and data_offsets"),
        ("negative dimension", file(#"{"x":{"dtype":"U8","shape":[-1],"data_offsets":[0,1]}}"#, data: [1]), "non-negative integer"),
        ("fractional dimension", file(#"{"x":{"dtype":"U8","shape":[1.5],"data_offsets":[0,1]}}"#, data: [1]), "non-negative integer"),
        ("size mismatch", file(#"{"x":{"dtype":"I32","shape":[2],"data_offsets":[0,4]}}"#, data: [1, 2, 3, 4]), "needs 8 bytes; data_offsets give 4"),
        ("offsets past the data", file(#"{"x":{"dtype":"U8","shape":[4],"data_offsets":[0,4]}}"#, data: [1, 2]), "≤ 2"),
        ("reversed offsets", file(#"{"x":{"dtype":"U8","shape":[0],"data_offsets":[1,0]}}"#, data: [1]), "0 ≤ begin ≤ end"),
        ("gap", file(#"{"x":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}"#, data: [1, 2]), "bytes 0..<1 of the data section belong to no tensor"),
        ("overlap", file(#"{"x":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"y":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}"#, data: [1, 2]), "overlaps"),
        ("trailing bytes", file(#"{"x":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}"#, data: [1, 2]), "1 bytes after the last tensor"),
        ("overflowing shape", file(#"{"x":{"dtype":"F64","shape":[4294967296,4294967296],"data_offsets":[0,1]}}"#, data: [1]), "more than 2^63"),
        ("metadata not strings", file(#"{"__metadata__":{"a":1}}"#, data: []), "not a string"),
    ]

    @Test(arguments: broken.indices)
    func refusesABrokenFile(_ index: Int) {
        let (name, bytes, reason) = Self.broken[index]
        do {
            _ = try SafeTensors(decoding: bytes, source: "f.safetensors")
            Issue.record("\(name): accepted")
        } catch {
            #expect(error.description.contains(reason) && error.description.hasPrefix("f.safetensors: "), "\(name): \(error.description)")
        }
    }

    @Test func typedLookupNamesWhatDiffers() throws {
        #expect(try Self.sample.tensor("c", .i32, shape: [2, 1], source: "s").int32 == [-7, 1 << 20])
        #expect(throws: SafeTensorsError.self) { try Self.sample.tensor("c", .i32, shape: [2], source: "s") }
        do { _ = try Self.sample.tensor("missing", .u8, shape: [1], source: "s"); Issue.record("found a missing tensor") } catch {
            #expect(error.description == "s: tensor 'missing' is missing")
        }
    }
}
