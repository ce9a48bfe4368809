import Foundation
import GateLMSupport

/// The versions of one program: a directory `<root>/<name>/` with one immutable file per
/// version (`v0001.symtx`, `v0002.symtx`, …), an append-only `log.tsv` and a `HEAD` file naming
/// the current version. Checking out moves HEAD (undo and redo); no version is ever deleted.
/// Every write is atomic (`AtomicFile`); opening an existing store validates it field by field.
///
/// `log.tsv` has a header line and one line per event, tab-separated:
/// `version parent time dev_small_bpb dev_bpb status role note`, where status is `kept` (a new
/// version that became HEAD), `reverted` (a new version that did not) or `checkout` (HEAD moved
/// to `version` from `parent`); a bits/byte field is `-` when not measured.
public struct VersionStore: Sendable {
    /// One line of the log.
    public struct Entry: Hashable, Sendable, Codable {
        public enum Status: String, Hashable, Sendable, Codable, CaseIterable { case kept, reverted, checkout }
        public var version: Int
        /// The version it was made from (0 for the first), or for a checkout the HEAD before it.
        public var parent: Int
        /// ISO 8601, UTC.
        public var time: String
        public var devSmallBitsPerByte: Double?
        public var devBitsPerByte: Double?
        public var status: Status
        /// Who made it (`editor`, `init` …).
        public var role: String
        public var note: String
    }

    /// Why a store cannot be opened or written.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public static let header = "version\tparent\ttime\tdev_small_bpb\tdev_bpb\tstatus\trole\tnote"

    /// `<root>/<name>`.
    public let directory: String
    public let root: String
    public let name: String
    /// Every log line, in order.
    public private(set) var log: [Entry]
    /// The current version (0 while the store is empty).
    public private(set) var head: Int

    /// The number of versions.
    public var versionCount: Int { log.filter { $0.status != .checkout }.count }

    /// Opens the store `<root>/<name>`; when the directory does not exist the store is empty, and
    /// the first commit creates it.
    public init(root: String, name: String) throws(Failure) {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }), name != ".", name != ".." else {
            throw Failure(description: "store name '\(name)': use letters, digits, '-', '_' and '.' only")
        }
        directory = root + "/" + name
        self.root = root
        self.name = name
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory)
        if !exists || (isDirectory.boolValue && (try? FileManager.default.contentsOfDirectory(atPath: directory))?.isEmpty == true) {
            // A new store (no directory, or an empty one): the first commit writes it.
            log = []
            head = 0
            return
        }
        guard isDirectory.boolValue else { throw Failure(description: "\(directory) is not a directory") }
        let logText = try Self.read(directory + "/log.tsv")
        log = try Self.parseLog(logText, path: directory + "/log.tsv")
        let created = log.filter { $0.status != .checkout }.count
        for version in 1...max(created, 1) where created > 0 {
            let path = Self.path(of: version, in: directory)
            guard FileManager.default.fileExists(atPath: path) else { throw Failure(description: "\(path): missing (log.tsv lists version \(version))") }
        }
        let headPath = directory + "/HEAD"
        if created == 0 {
            head = 0
            if FileManager.default.fileExists(atPath: headPath) { throw Failure(description: "\(headPath): the log lists no version, so there can be no HEAD") }
            return
        }
        let headText = try Self.read(headPath)
        guard let h = Int(headText.trimmingCharacters(in: .whitespacesAndNewlines)), (1...created).contains(h) else {
            throw Failure(description: "\(headPath):1: expected a version in 1...\(created); found '\(headText.trimmingCharacters(in: .whitespacesAndNewlines))'")
        }
        head = h
    }

    var logPath: String { directory + "/log.tsv" }

    /// The store as it is on disk now (another process may have added versions or moved HEAD).
    public func reopened() throws(Failure) -> VersionStore { try VersionStore(root: root, name: name) }

    /// The file of a version: `v0001.symtx`.
    public static func path(of version: Int, in directory: String) -> String {
        let digits = String(version)
        return directory + "/v" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits + ".symtx"
    }

    /// The text of a version.
    public func text(of version: Int) throws(Failure) -> String {
        guard (1...max(versionCount, 1)).contains(version), versionCount > 0 else {
            throw Failure(description: "version \(version) does not exist: the store has versions 1...\(versionCount)")
        }
        return try Self.read(Self.path(of: version, in: directory))
    }

    /// The log line that created `version`.
    public func entry(of version: Int) -> Entry? { log.first { $0.version == version && $0.status != .checkout } }

    /// Stores `text` as the next version (made from `parent`), logs it, and moves HEAD to it
    /// when `status` is `kept`. Returns the new version.
    @discardableResult
    public mutating func commit(_ text: String, parent: Int, devSmall: Double?, dev: Double?, status: Entry.Status, role: String, note: String) throws(Failure) -> Int {
        guard status != .checkout else { throw Failure(description: "commit: status must be kept or reverted") }
        guard parent == 0 ? versionCount == 0 : (1...versionCount).contains(parent) else {
            throw Failure(description: "commit: parent \(parent) is not a version of the store (1...\(versionCount))")
        }
        let version = versionCount + 1
        if version == 1 && !FileManager.default.fileExists(atPath: directory) {
            do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                throw Failure(description: "cannot create the store \(directory): \(error.localizedDescription)")
            }
        }
        try writeAtomically(text, to: Self.path(of: version, in: directory))
        try append(Entry(version: version, parent: parent, time: Self.now(), devSmallBitsPerByte: devSmall, devBitsPerByte: dev,
                         status: status, role: role, note: note))
        if status == .kept { try moveHead(to: version) }
        return version
    }

    /// Moves HEAD to an existing version and logs it.
    public mutating func checkout(_ version: Int, role: String, note: String) throws(Failure) {
        guard (1...max(versionCount, 1)).contains(version), versionCount > 0 else {
            throw Failure(description: "version \(version) does not exist: the store has versions 1...\(versionCount)")
        }
        let old = entry(of: version)
        try append(Entry(version: version, parent: head, time: Self.now(), devSmallBitsPerByte: old?.devSmallBitsPerByte,
                         devBitsPerByte: old?.devBitsPerByte, status: .checkout, role: role, note: note))
        try moveHead(to: version)
    }

    private mutating func moveHead(to version: Int) throws(Failure) {
        try writeAtomically("\(version)\n", to: directory + "/HEAD")
        head = version
    }

    private mutating func append(_ entry: Entry) throws(Failure) {
        let lines = [Self.header] + (log + [entry]).map(Self.line)
        try writeAtomically(lines.joined(separator: "\n") + "\n", to: logPath)
        log.append(entry)
    }

    static func now() -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date())
    }

    /// A field of `log.tsv` kept on its line and in its column: each character holding a control
    /// character (tab, CR, LF, CRLF, VT, FF, NEL, NUL …) or a Unicode line or paragraph separator
    /// (U+2028, U+2029) becomes one space. Every field of every line goes through it.
    static func field(_ s: String) -> String {
        String(s.map { c in c.unicodeScalars.contains(where: breaksRecord) ? " " : c })
    }

    /// Whether a scalar could end a record or a field of the log (for some reader of it).
    static func breaksRecord(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    static func line(_ e: Entry) -> String {
        func bpb(_ x: Double?) -> String { x.map { String(format: "%.6f", $0) } ?? "-" }
        return ["\(e.version)", "\(e.parent)", e.time, bpb(e.devSmallBitsPerByte), bpb(e.devBitsPerByte), e.status.rawValue,
                e.role, e.note].map(field).joined(separator: "\t")
    }

    static func read(_ path: String) throws(Failure) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "\(path): cannot read") }
        guard let text = String(data: data, encoding: .utf8) else { throw Failure(description: "\(path): not UTF-8") }
        return text
    }

    /// The log's lines, each field checked: the header, increasing version numbers, parents
    /// that exist, bits/byte that are `-` or finite and non-negative, a known status.
    static func parseLog(_ text: String, path: String) throws(Failure) -> [Entry] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard lines.first == header else { throw Failure(description: "\(path):1: expected the header '\(header.replacingOccurrences(of: "\t", with: "\\t"))'") }
        var entries = [Entry](), created = 0
        for (k, line) in lines.enumerated().dropFirst() {
            let at = "\(path):\(k + 1)"
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 8 else { throw Failure(description: "\(at): expected 8 tab-separated fields; found \(f.count)") }
            func integer(_ i: Int, _ name: String) throws(Failure) -> Int {
                guard let v = Int(f[i]), v >= 0 else { throw Failure(description: "\(at): field \(i + 1) (\(name)): expected a non-negative integer; found '\(f[i])'") }
                return v
            }
            func bpb(_ i: Int, _ name: String) throws(Failure) -> Double? {
                if f[i] == "-" { return nil }
                guard let v = Double(f[i]), v.isFinite, v >= 0 else { throw Failure(description: "\(at): field \(i + 1) (\(name)): expected bits/byte ≥ 0 or '-'; found '\(f[i])'") }
                return v
            }
            let version = try integer(0, "version"), parent = try integer(1, "parent")
            guard !f[2].isEmpty else { throw Failure(description: "\(at): field 3 (time): empty") }
            let devSmall = try bpb(3, "dev_small_bpb"), dev = try bpb(4, "dev_bpb")
            guard let status = Entry.Status(rawValue: f[5]) else {
                throw Failure(description: "\(at): field 6 (status): expected kept, reverted or checkout; found '\(f[5])'")
            }
            guard !f[6].isEmpty else { throw Failure(description: "\(at): field 7 (role): empty") }
            if status == .checkout {
                guard (1...max(created, 1)).contains(version), created > 0 else { throw Failure(description: "\(at): field 1 (version): checkout of version \(version), but only \(created) exist") }
                guard (1...created).contains(parent) else { throw Failure(description: "\(at): field 2 (parent): HEAD before the checkout must be in 1...\(created); found \(parent)") }
            } else {
                guard version == created + 1 else { throw Failure(description: "\(at): field 1 (version): expected the next version, \(created + 1); found \(version)") }
                guard version == 1 ? parent == 0 : (1..<version).contains(parent) else {
                    throw Failure(description: "\(at): field 2 (parent): expected \(version == 1 ? "0 for the first version" : "a version in 1...\(version - 1)"); found \(parent)")
                }
                created += 1
            }
            entries.append(Entry(version: version, parent: parent, time: f[2], devSmallBitsPerByte: devSmall, devBitsPerByte: dev,
                                 status: status, role: f[6], note: f[7]))
        }
        return entries
    }
}

/// `AtomicFile.write`, with its failure as the store's.
func writeAtomically(_ text: String, to path: String) throws(VersionStore.Failure) {
    do { try AtomicFile.write(text, to: path) } catch { throw VersionStore.Failure(description: error.description) }
}
