import Foundation

/// Node names travel in the AIGER comment section, grouped: a group is a
/// name pattern with `#` for an index and the literals of indices 0, 1, ….
///
///     gatelm node-names v1 fingerprint=0123456789abcdef groups=2
///     gatelm node-group L1.g# 3 12 14 17
///     gatelm node-group emb[-1][#] 2 40 41
///
/// The fingerprint is `AIG.structuralFingerprint` of the circuit the names
/// were written for; a reader ignores names whose fingerprint does not match
/// (after optimisation, say), so a stale name can never label the wrong node.
extension NodeNames {
    static let headerPrefix = "gatelm node-names v1 "
    static let groupPrefix = "gatelm node-group "

    /// The comment lines recording these names for `aig`. Names are grouped
    /// by the pattern left when their last decimal number is replaced by `#`,
    /// consecutive indices from 0; any other name is a group of one.
    public func comments(for aig: AIG) -> [String] {
        var groups: [(pattern: String, literals: [UInt32])] = []
        for entry in entries where !entry.name.contains(where: \.isWhitespace) {
            let (pattern, index) = Self.pattern(of: entry.name)
            if let index, let last = groups.last, last.pattern == pattern, last.literals.count == index {
                groups[groups.count - 1].literals.append(entry.literal.raw)
            } else if index == 0 {
                groups.append((pattern, [entry.literal.raw]))
            } else {
                groups.append((entry.name.replacingOccurrences(of: "#", with: "\\#"), [entry.literal.raw]))
            }
        }
        let fingerprint = String(aig.structuralFingerprint, radix: 16)
        return ["\(Self.headerPrefix)fingerprint=\(fingerprint) groups=\(groups.count)"]
            + groups.map { group in
                "\(Self.groupPrefix)\(group.pattern) \(group.literals.count) " + group.literals.map(String.init).joined(separator: " ")
            }
    }

    /// `(pattern, index)`: the name with its last decimal number replaced by
    /// `#`, and that number; `(name, nil)` when it has none or has a `#`.
    static func pattern(of name: String) -> (String, Int?) {
        guard !name.contains("#") else { return (name, nil) }
        let scalars = Array(name.unicodeScalars)
        guard let end = scalars.lastIndex(where: { ("0"..."9").contains($0) }) else { return (name, nil) }
        var start = end
        while start > 0, ("0"..."9").contains(scalars[start - 1]) { start -= 1 }
        let digits = String(String.UnicodeScalarView(scalars[start...end]))
        guard digits.count < 10, let index = Int(digits), digits == String(index) else { return (name, nil) }
        let pattern = String(String.UnicodeScalarView(scalars[..<start])) + "#" + String(String.UnicodeScalarView(scalars[(end + 1)...]))
        return (pattern, index)
    }

    /// Why recorded names were not used.
    public enum ReadError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The names were written for another circuit (it was optimised since).
        case otherCircuit
        /// A node-name comment does not parse or names a literal outside the circuit.
        case malformed(String)

        public var description: String {
            switch self {
            case .otherCircuit: return "the node names in the comments were written for a different circuit (optimised since?)"
            case .malformed(let why): return "malformed node-name comment: \(why)"
            }
        }
    }

    /// The names recorded in `aig`'s comments: empty when there are none,
    /// an error when they are for another circuit or malformed.
    public init(comments aig: AIG) throws(ReadError) {
        self.init()
        guard let headerIndex = aig.comments.firstIndex(where: { $0.hasPrefix(Self.headerPrefix) }) else { return }
        let fields = aig.comments[headerIndex].dropFirst(Self.headerPrefix.count).split(separator: " ")
        var values = [Substring: Substring]()
        for field in fields {
            let parts = field.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        guard let fingerprint = values["fingerprint"].flatMap({ UInt64($0, radix: 16) }),
              let groupCount = values["groups"].flatMap({ Int($0) }), groupCount >= 0 else {
            throw .malformed("the header needs fingerprint=HEX and groups=N")
        }
        guard fingerprint == aig.structuralFingerprint else { throw .otherCircuit }
        let groupLines = aig.comments[(headerIndex + 1)...].filter { $0.hasPrefix(Self.groupPrefix) }
        guard groupLines.count == groupCount else {
            throw .malformed("the header announces \(groupCount) groups, \(groupLines.count) follow")
        }
        let limit = UInt32(2 * aig.maxVariable + 1)
        for line in groupLines {
            let parts = line.dropFirst(Self.groupPrefix.count).split(separator: " ")
            guard parts.count >= 2, let count = Int(parts[1]), count >= 1, parts.count == 2 + count else {
                throw .malformed("a group line is `PATTERN COUNT LITERAL…` with COUNT literals: \(line.prefix(80))")
            }
            let pattern = String(parts[0])
            for i in 0..<count {
                guard let raw = UInt32(parts[2 + i]), raw <= limit else {
                    throw .malformed("literal \(parts[2 + i]) of \(pattern) is not in 0...\(limit)")
                }
                let name: String
                if pattern.contains("\\#") {
                    name = pattern.replacingOccurrences(of: "\\#", with: "#")
                } else if count == 1 && !pattern.contains("#") {
                    name = pattern
                } else {
                    name = pattern.replacingOccurrences(of: "#", with: String(i))
                }
                add(name, Literal(raw: raw))
            }
        }
    }
}
