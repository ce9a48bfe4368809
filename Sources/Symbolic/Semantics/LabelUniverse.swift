import Foundation

/// Every label a program can store at a position, numbered, and what each pattern, group and
/// literal means as a set of those numbers.
///
/// The stored labels are the 256 byte labels, `bos`, and every label a shift, head or rule can
/// write (`NAME.X` for each X its copy list can match, `as.none`, each rule's additions with
/// `@self` expanded to the 256 byte labels). A group is not stored: it holds wherever one of
/// the stored labels it reaches through the group DAG does (`members(of:)`).
public struct LabelUniverse: Sendable {
    /// The stored labels, by number (bytes 0…255 first, then `bos`).
    public private(set) var labels: [Label] = (0...255).map { Label.byte(UInt8($0)) } + [.bos]
    private var numbers: [Label: Int] = [:]
    /// `labels[i].description`, and every label's (description, number) sorted by description,
    /// so that a prefix pattern is a binary search and not a pass over every label's text.
    private var names: [String] = []
    private var sortedNames: [(name: String, number: Int)] = []
    /// Group name → its members as stored-label numbers (flattened through the DAG).
    public private(set) var groups: [String: [Int]] = [:]

    public static let bosNumber = 256
    public var count: Int { labels.count }
    public var words: Int { (labels.count + 63) / 64 }

    init(_ program: SymbolicProgram) {
        for (i, l) in labels.enumerated() { numbers[l] = i }
        names = labels.map(\.description)
        let raw = program.groupDefinitions
        let groupNames = raw.keys.sorted()
        // Layer by layer: a copy list matches what is stored after the layer before (and groups);
        // then the layer's outputs and rule additions are stored.
        for layer in program.layers {
            var written = [Label]()
            for case .statement(let s, _) in layer.items {
                switch s {
                case .shift(let shift):
                    written.append(.named(shift.name + ".bos"))
                    for l in matches(shift.copy, groupNames: groupNames) { written.append(.named(shift.name + "." + l.description)) }
                case .head(let head):
                    written.append(.named(head.output + ".none"))
                    for l in matches(head.copy, groupNames: groupNames) { written.append(.named(head.output + "." + l.description)) }
                case .rule(let rule):
                    for l in rule.adds { written += Self.expandingSelf(l) }
                }
            }
            for l in written { add(l) }
        }
        sortedNames = names.enumerated().map { ($0.element, $0.offset) }.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        groups = expandedGroups(raw)
    }

    mutating func add(_ label: Label) {
        guard numbers[label] == nil else { return }
        numbers[label] = labels.count
        labels.append(label)
        names.append(label.description)
    }

    /// The numbers of the stored labels whose text begins with `prefix` (byte for byte), ascending.
    private func numbers(withPrefix prefix: String) -> [Int] {
        var low = 0, high = sortedNames.count
        while low < high {
            let mid = (low + high) / 2
            if sortedNames[mid].name.utf8.lexicographicallyPrecedes(prefix.utf8) { low = mid + 1 } else { high = mid }
        }
        var out = [Int]()
        while low < sortedNames.count, sortedNames[low].name.utf8.starts(with: prefix.utf8) {
            out.append(sortedNames[low].number)
            low += 1
        }
        return out.sorted()
    }

    /// A label with `@self` stands for 256 labels, one per byte of the position's own byte.
    static func expandingSelf(_ label: Label) -> [Label] {
        guard case .named(let name) = label, name.contains("@self") else { return [label] }
        let parts = name.components(separatedBy: "@self")
        return (0...255).map { .named(parts.joined(separator: Label.byteText(UInt8($0)))) }
    }

    /// The labels a copy list matches: stored labels (so far) and group names, each once, in
    /// universe order, then groups by name.
    func matches(_ patterns: [LabelPattern], groupNames: [String]) -> [Label] {
        var out = [Label](), seen = Set<Label>()
        for p in patterns {
            let found: [Label]
            switch p {
            case .all: found = labels
            case .label(let l): found = [l]
            case .byteRange(let a, let b): found = (Int(a)...Int(b)).map { .byte(UInt8($0)) }
            case .prefix(let prefix): found = labels.indices.filter { names[$0].utf8.starts(with: prefix.utf8) }.map { labels[$0] } + groupNames.filter { $0.hasPrefix(prefix) }.map(Label.named)
            }
            for l in found where seen.insert(l).inserted { out.append(l) }
        }
        return out
    }

    /// Every group's members as stored-label numbers, each group expanded once (after the groups
    /// it names, by an iterative depth-first search), so a chain or a shared DAG of thousands of
    /// groups costs the sum of its expansions, not the number of its paths. A group on a cycle
    /// (which the checker refuses) gets what it reaches outside the cycle.
    private func expandedGroups(_ raw: [String: [LabelPattern]]) -> [String: [Int]] {
        var expanded = [String: [Int]](), open = Set<String>()
        for root in raw.keys.sorted() where expanded[root] == nil {
            // The open path: each group and the next of its members to look at.
            var path = [(name: root, next: 0)]
            open.insert(root)
            while let (name, k) = path.last {
                let members = raw[name] ?? []
                if k < members.count, case .label(.named(let m)) = members[k], raw[m] != nil, expanded[m] == nil, !open.contains(m) {
                    path[path.count - 1].next = k + 1
                    path.append((m, 0))
                    open.insert(m)
                    continue
                }
                if k < members.count {
                    path[path.count - 1].next = k + 1
                    continue
                }
                // Every member group is expanded (or open: a cycle): this group's turn.
                var out = Set<Int>()
                for m in members {
                    if case .label(.named(let n)) = m, raw[n] != nil { out.formUnion(expanded[n] ?? []) } else { out.formUnion(numbers(of: m)) }
                }
                expanded[name] = out.sorted()
                open.remove(name)
                path.removeLast()
            }
        }
        return expanded
    }

    /// The stored labels a pattern names directly (a group name: its members).
    func numbers(of pattern: LabelPattern) -> [Int] {
        switch pattern {
        case .all: return Array(labels.indices)
        case .label(let l):
            if case .named(let n) = l, let g = groups[n] { return g }
            return numbers[l].map { [$0] } ?? []
        case .byteRange(let a, let b): return Array(Int(a)...Int(b))
        case .prefix(let prefix): return numbers(withPrefix: prefix)
        }
    }

    public func number(of label: Label) -> Int? { numbers[label] }

    /// The mask of stored labels whose presence makes `label` hold (itself, or a group's members).
    func mask(of label: Label) -> LabelMask {
        var m = LabelMask()
        if case .named(let n) = label, let g = groups[n] { for i in g { m.insert(i) } } else if let i = numbers[label] { m.insert(i) }
        return m
    }
}

/// A set of stored-label numbers, as its sorted members: most masks (a prediction label, a
/// literal) have one, so a program of 40,000 labels does not pay 40,000 bits for each.
struct LabelMask: Hashable, Sendable {
    /// The members, ascending.
    private(set) var members: [Int] = []

    init() {}

    /// The member, when there is exactly one (tested as one bit in hot loops).
    var single: Int? { members.count == 1 ? members[0] : nil }
    var isEmpty: Bool { members.isEmpty }

    mutating func insert(_ i: Int) {
        var low = 0, high = members.count
        while low < high {
            let mid = (low + high) / 2
            if members[mid] < i { low = mid + 1 } else { high = mid }
        }
        if low < members.count, members[low] == i { return }
        members.insert(i, at: low)
    }

    /// Whether a member's bit is set in `labels` (a position's stored labels as words of bits).
    @inline(__always)
    func intersects(_ labels: ArraySlice<UInt64>) -> Bool {
        let base = labels.startIndex
        for m in members where labels[base + m >> 6] >> UInt64(m & 63) & 1 == 1 { return true }
        return false
    }
}
