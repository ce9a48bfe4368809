import Foundation

/// Decoding a checkpoint's JSON metadata with every failure placed: `configuration.contextLength:
/// expected Int`. Foundation's decoder refuses a number that does not fit its field's type
/// (`1e30` for an `Int`, `-1` for a `UInt64`, `1e300` for a `Float`) as "not valid JSON" without
/// saying where; such a number is then found by trying the numbers one at a time.
public enum CheckpointMetadata {
    /// The metadata decoded as `T`, or a description of the first thing wrong, by path.
    public static func decode<T: Decodable>(_ type: T.Type, from metadata: String) throws(DescribedError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(metadata.utf8))
        } catch {
            if case .dataCorrupted(let context)? = error as? DecodingError, context.codingPath.isEmpty,
               (try? JSONSerialization.jsonObject(with: Data(metadata.utf8))) != nil,
               let number = misfit(T.self, in: metadata) {
                throw DescribedError(description: "\(number.path): \(number.text) is not a value this field's type can hold")
            }
            throw DescribedError(description: describe(error))
        }
    }

    /// A decoding failure as a path and a reason.
    public struct DescribedError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// A decoding error as a path and a reason, e.g. "configuration.contextLength: expected Int".
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context).isEmpty ? "" : path(context) + ".")\(key.stringValue) is missing"
        @unknown default:
            return "\(error)"
        }
    }

    /// The first number of `metadata` whose replacement by 0 lets the decoder get past it.
    static func misfit<T: Decodable>(_ type: T.Type, in metadata: String) -> JSONNumber? {
        for number in JSONNumber.all(in: metadata) {
            var patched = metadata
            patched.replaceSubrange(number.range, with: "0")
            do { _ = try JSONDecoder().decode(T.self, from: Data(patched.utf8)); return number } catch {
                if case .dataCorrupted(let context)? = error as? DecodingError, context.codingPath.isEmpty { continue }
                return number
            }
        }
        return nil
    }
}

/// A number in a JSON text, with its path (`training.trainingCurve[3].step`).
public struct JSONNumber: Sendable {
    public var path: String
    public var text: Substring
    public var range: Range<String.Index>

    /// The last key of the path (`step`), without array indices.
    public var field: String {
        String(path.split(separator: ".").last.map { $0.prefix { $0 != "[" } } ?? "")
    }

    /// Every number of a valid JSON text, in order.
    public static func all(in json: String) -> [JSONNumber] {
        enum Container { case object(key: String), array(index: Int) }
        var stack = [Container](), found = [JSONNumber](), lastString = ""
        func path() -> String {
            stack.enumerated().map { i, c -> String in
                switch c {
                case .object(let key): return i == 0 ? key : "." + key
                case .array(let index): return "[\(index)]"
                }
            }.joined()
        }
        var i = json.startIndex
        while i < json.endIndex {
            let c = json[i]
            switch c {
            case "\"":
                var j = json.index(after: i), text = ""
                while j < json.endIndex, json[j] != "\"" {
                    if json[j] == "\\" { j = json.index(after: j) }
                    if j < json.endIndex { text.append(json[j]); j = json.index(after: j) }
                }
                lastString = text
                i = j < json.endIndex ? json.index(after: j) : j
                continue
            case "{": stack.append(.object(key: ""))
            case "[": stack.append(.array(index: 0))
            case "}", "]": if !stack.isEmpty { stack.removeLast() }
            case ":": if case .object? = stack.last { stack[stack.count - 1] = .object(key: lastString) }
            case ",": if case .array(let index)? = stack.last { stack[stack.count - 1] = .array(index: index + 1) }
            case "-", "0"..."9":
                var j = i
                while j < json.endIndex, "0123456789+-.eE".contains(json[j]) { j = json.index(after: j) }
                found.append(JSONNumber(path: path(), text: json[i..<j], range: i..<j))
                i = j
                continue
            default: break
            }
            i = json.index(after: i)
        }
        return found
    }
}
