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
