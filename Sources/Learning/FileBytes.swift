import Foundation

/// The whole contents of a file, or nil when it cannot be read.
struct FileBytes {
    let bytes: [UInt8]

    init?(path: String) {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        bytes = [UInt8](data)
    }
}
