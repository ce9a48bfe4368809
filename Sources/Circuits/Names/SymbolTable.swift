/// Optional names for the interface of an AIG (the AIGER symbol table).
///
/// Each array is either empty (nothing named) or as long as the thing it
/// names, with `nil` for unnamed entries.
public struct SymbolTable: Sendable, Hashable {
    public var inputs: [String?] = []
    public var latches: [String?] = []
    public var outputs: [String?] = []
    public var bad: [String?] = []
    public var constraints: [String?] = []
    public var justice: [String?] = []
    public var fairness: [String?] = []

    public init() {}

    /// Whether no entry has a name.
    public var isEmpty: Bool {
        [inputs, latches, outputs, bad, constraints, justice, fairness].allSatisfy { $0.allSatisfy { $0 == nil } }
    }

    /// The name of input `index`, if any.
    public func input(_ index: Int) -> String? { index < inputs.count ? inputs[index] : nil }
    /// The name of latch `index`, if any.
    public func latch(_ index: Int) -> String? { index < latches.count ? latches[index] : nil }
    /// The name of output `index`, if any.
    public func output(_ index: Int) -> String? { index < outputs.count ? outputs[index] : nil }

    /// The table with each list either empty (nothing named) or exactly as
    /// long as what it names: lists are padded with `nil`, and lists without a
    /// single name are emptied, so equal namings compare equal.
    public func normalized(inputs i: Int, latches l: Int, outputs o: Int, bad b: Int = 0,
                           constraints c: Int = 0, justice j: Int = 0, fairness f: Int = 0) -> SymbolTable {
        func fit(_ names: [String?], _ count: Int) -> [String?] {
            guard names.contains(where: { $0 != nil }) else { return [] }
            return Array(names.prefix(count)) + Array(repeating: nil, count: max(0, count - names.count))
        }
        var t = SymbolTable()
        t.inputs = fit(inputs, i); t.latches = fit(latches, l); t.outputs = fit(outputs, o)
        t.bad = fit(bad, b); t.constraints = fit(constraints, c); t.justice = fit(justice, j)
        t.fairness = fit(fairness, f)
        return t
    }

    /// Sets `names[index] = name`, growing `names` with `nil` up to `count`.
    static func set(_ names: inout [String?], _ index: Int, _ name: String?, count: Int) {
        if names.count < count { names.append(contentsOf: repeatElement(nil, count: count - names.count)) }
        names[index] = name
    }

    public mutating func setInput(_ index: Int, _ name: String?, count: Int) { Self.set(&inputs, index, name, count: count) }
    public mutating func setLatch(_ index: Int, _ name: String?, count: Int) { Self.set(&latches, index, name, count: count) }
    public mutating func setOutput(_ index: Int, _ name: String?, count: Int) { Self.set(&outputs, index, name, count: count) }

    func validate(inputs i: Int, latches l: Int, outputs o: Int, bad b: Int, constraints c: Int,
                  justice j: Int, fairness f: Int) throws(AIGError) {
        let kinds: [(String, [String?], Int)] = [
            ("input", inputs, i), ("latch", latches, l), ("output", outputs, o), ("bad", bad, b),
            ("constraint", constraints, c), ("justice", justice, j), ("fairness", fairness, f),
        ]
        for (kind, names, count) in kinds where !names.isEmpty && names.count != count {
            throw .invalid("\(names.count) \(kind) names for \(count) \(kind)s")
        }
        for (kind, names, _) in kinds {
            for case let name? in names where name.contains("\n") || name.isEmpty {
                throw .invalid("\(kind) name \(name.debugDescription) is empty or spans lines")
            }
        }
    }
}
