/// Names of internal signals of an AIG (AIGER names only inputs, latches and
/// outputs): for example `L2.g17` for a learned gate. A name stands for a
/// literal, so a signal that structural hashing merged into another node, or
/// into its complement, keeps its name; a variable may carry several names,
/// the first added is its primary name.
public struct NodeNames: Sendable, Hashable {
    /// One named signal.
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var literal: Literal
        public init(name: String, literal: Literal) {
            self.name = name
            self.literal = literal
        }
    }

    /// Every named signal, in the order they were added.
    public private(set) var entries: [Entry] = []
    private var indexByName: [String: Int] = [:]

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }

    /// Names `literal`; a name given twice keeps its first literal.
    public mutating func add(_ name: String, _ literal: Literal) {
        guard indexByName[name] == nil else { return }
        indexByName[name] = entries.count
        entries.append(Entry(name: name, literal: literal))
    }

    /// The literal named `name`, if any.
    public func literal(named name: String) -> Literal? { indexByName[name].map { entries[$0].literal } }

    /// Every entry with its literal mapped through `map` (builder variables to AIG variables).
    public func remapped(_ map: [Int]) -> NodeNames {
        var result = NodeNames()
        for entry in entries {
            result.add(entry.name, Literal(variable: map[entry.literal.variable], complemented: entry.literal.isComplemented))
        }
        return result
    }

    /// For each variable below `variableCount`, the index in `entries` of its
    /// primary name (the first entry naming it), or -1.
    public func primaryEntries(variableCount: Int) -> [Int32] {
        var primary = [Int32](repeating: -1, count: variableCount)
        for (i, entry) in entries.enumerated() where entry.literal.variable < variableCount && primary[entry.literal.variable] < 0 {
            primary[entry.literal.variable] = Int32(i)
        }
        return primary
    }
}
