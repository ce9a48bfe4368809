import GateLMSupport

/// Why a tool's arguments are refused: returned to the client as an isError result.
public struct ArgumentError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// A tool call's arguments, read with validation: a missing required argument, a value of the
/// wrong type, a number out of range or an unknown argument is an `ArgumentError` naming it.
/// Integers may come as JSON integers, as integral doubles or as numeric strings.
struct ToolArguments {
    let tool: String
    let values: [String: JSONValue]

    init(tool: String, values: [String: JSONValue]?, allowed: [String]) throws(ArgumentError) {
        self.tool = tool
        self.values = (values ?? [:]).filter { !$0.value.isNull }
        if let unknown = self.values.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw ArgumentError(message: "\(tool): unknown argument \(UntrustedText.quoted(unknown)); it takes " + (allowed.isEmpty ? "no arguments" : allowed.joined(separator: ", ")))
        }
    }

    func fail(_ name: String, _ message: String) -> ArgumentError { ArgumentError(message: "\(tool): argument '\(name)' \(message)") }

    func int(_ name: String, in range: ClosedRange<Int>) throws(ArgumentError) -> Int? {
        guard let value = values[name] else { return nil }
        let number: Int?
        switch value {
        case .int(let i): number = i
        case .double(let d): number = d.rounded() == d && abs(d) < 1e15 ? Int(d) : nil
        case .string(let s): number = s.utf8.count <= 40 ? Int(s.trimmingCharacters(in: " ")) : nil
        default: number = nil
        }
        guard let number else { throw fail(name, "must be an integer; got \(value.kindDescription)") }
        guard range.contains(number) else { throw fail(name, "must be in \(range.lowerBound)...\(range.upperBound); got \(number)") }
        return number
    }

    func requiredInt(_ name: String, in range: ClosedRange<Int>) throws(ArgumentError) -> Int {
        guard let v = try int(name, in: range) else { throw fail(name, "is required (an integer in \(range.lowerBound)...\(range.upperBound))") }
        return v
    }

    func string(_ name: String) throws(ArgumentError) -> String? {
        guard let value = values[name] else { return nil }
        switch value {
        case .string(let s): return s
        default: throw fail(name, "must be a string; got \(value.kindDescription)")
        }
    }

    func requiredString(_ name: String) throws(ArgumentError) -> String {
        guard let v = try string(name) else { throw fail(name, "is required (a string)") }
        return v
    }

    /// A string that must be one of `choices`.
    func choice<T: RawRepresentable>(_ name: String, _ type: T.Type) throws(ArgumentError) -> T? where T.RawValue == String, T: CaseIterable {
        guard let s = try string(name) else { return nil }
        guard let v = T(rawValue: s) else { throw fail(name, "must be one of " + T.allCases.map { $0.rawValue }.joined(separator: ", ") + "; got \(UntrustedText.quoted(s))") }
        return v
    }

    func requiredChoice<T: RawRepresentable>(_ name: String, _ type: T.Type) throws(ArgumentError) -> T where T.RawValue == String, T: CaseIterable {
        guard let v = try choice(name, type) else { throw fail(name, "is required (one of " + T.allCases.map { $0.rawValue }.joined(separator: ", ") + ")") }
        return v
    }

    /// An optional non-empty array of strings.
    func strings(_ name: String) throws(ArgumentError) -> [String]? {
        values[name] == nil ? nil : try requiredStrings(name)
    }

    /// A boolean (also given as the strings "true" and "false").
    func bool(_ name: String) throws(ArgumentError) -> Bool? {
        guard let value = values[name] else { return nil }
        switch value {
        case .bool(let b): return b
        case .string("true"): return true
        case .string("false"): return false
        default: throw fail(name, "must be true or false; got \(value.kindDescription)")
        }
    }

    /// A non-empty array of strings.
    func requiredStrings(_ name: String) throws(ArgumentError) -> [String] {
        guard let value = values[name] else { throw fail(name, "is required (an array of strings)") }
        guard case .array(let items) = value else { throw fail(name, "must be an array of strings; got \(value.kindDescription)") }
        var out = [String]()
        for (k, item) in items.enumerated() {
            guard case .string(let s) = item else { throw fail(name, "must be an array of strings; item \(k) is \(item.kindDescription)") }
            out.append(s)
        }
        guard !out.isEmpty else { throw fail(name, "must not be empty") }
        return out
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
