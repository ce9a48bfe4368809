import Foundation

/// Locations of the data that sits beside the repository (`../shared/data`).
public enum SharedData {
    /// `../shared/data` relative to the package root, when present.
    public static var directory: String? {
        // This file is Sources/_TestSupport/SharedData.swift: the package root is three levels up.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let candidate = root.deletingLastPathComponent().appendingPathComponent("shared/data").path
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) && isDirectory.boolValue
            ? candidate : nil
    }

    /// The EPFL benchmark AIGs (`../shared/data/epfl/*.aig`), sorted by name; empty when absent.
    public static var epflFiles: [String] {
        guard let directory else { return [] }
        let epfl = directory + "/epfl"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: epfl)) ?? []
        return names.filter { $0.hasSuffix(".aig") }.sorted().map { "\(epfl)/\($0)" }
    }
}

/// A fresh temporary directory, removed when the value is deinitialised.
public final class TemporaryDirectory {
    public let path: String

    public init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("gatelm-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    /// The path of `name` inside this directory.
    public func file(_ name: String) -> String { "\(path)/\(name)" }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
