import GateLMSupport
import Learning

/// Reading a `config.json` object field by field, each checked against its range, every error
/// naming the file and the key path; `finish()` refuses the keys no field read (a typo is an
/// error, not a silent default).
public struct InterchangeFields {
    public let source: String
    public let path: String
    private let members: [String: JSONValue]
    private var read = Set<String>()

    public init(_ members: [String: JSONValue], source: String, path: String = "") {
        self.members = members
        self.source = source
        self.path = path
    }

    private func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    public func error(_ key: String, _ reason: String) -> InterchangeError { InterchangeError("\(source): \(name(key)) \(reason)") }

    private mutating func value(_ key: String) throws(InterchangeError) -> JSONValue {
        read.insert(key)
        guard let value = members[key] else { throw error(key, "is missing") }
        return value
    }

    /// An integer in `range`.
    public mutating func integer(_ key: String, in range: ClosedRange<Int>) throws(InterchangeError) -> Int {
        let v = try value(key)
        guard let i = v.intValue, range.contains(i) else {
            throw error(key, "must be an integer in \(range.lowerBound)...\(range.upperBound); got \(v.kindDescription)")
        }
        return i
    }

    /// A list of `count` integers, each in `range`.
    public mutating func integers(_ key: String, count: ClosedRange<Int>, each range: ClosedRange<Int>) throws(InterchangeError) -> [Int] {
        let v = try value(key)
        guard let items = v.arrayValue, count.contains(items.count) else {
            throw error(key, "must be a list of \(count.lowerBound)...\(count.upperBound) integers; got \(v.kindDescription)")
        }
        var result = [Int]()
        for (i, item) in items.enumerated() {
            guard let n = item.intValue, range.contains(n) else {
                throw error("\(key)[\(i)]", "must be an integer in \(range.lowerBound)...\(range.upperBound); got \(item.kindDescription)")
            }
            result.append(n)
        }
        return result
    }

    /// A finite number satisfying `valid` (`expected` says which, for the message).
    public mutating func number(_ key: String, expected: String, _ valid: (Double) -> Bool) throws(InterchangeError) -> Double {
        let v = try value(key)
        let number: Double? = switch v {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
        guard let number, number.isFinite, valid(number) else { throw error(key, "must be \(expected); got \(v.kindDescription)") }
        return number
    }

    /// A string of at most `limit` bytes.
    public mutating func string(_ key: String, limit: Int = 4096) throws(InterchangeError) -> String {
        let v = try value(key)
        guard let s = v.stringValue, s.utf8.count <= limit else { throw error(key, "must be a string of at most \(limit) bytes; got \(v.kindDescription)") }
        return s
    }

    /// A list of objects, each read by `body`.
    public mutating func objects<T>(_ key: String, count: ClosedRange<Int>, _ body: (inout InterchangeFields) throws(InterchangeError) -> T) throws(InterchangeError) -> [T] {
        let v = try value(key)
        guard let items = v.arrayValue, count.contains(items.count) else {
            throw error(key, "must be a list of \(count.lowerBound)...\(count.upperBound) objects; got \(v.kindDescription)")
        }
        var result = [T]()
        for (i, item) in items.enumerated() {
            guard let object = item.objectValue else { throw error("\(key)[\(i)]", "must be an object; got \(item.kindDescription)") }
            var fields = InterchangeFields(object, source: source, path: name("\(key)[\(i)]"))
            result.append(try body(&fields))
            try fields.finish()
        }
        return result
    }

    /// An object read by `body`, or nil when the key holds null.
    public mutating func optionalObject<T>(_ key: String, _ body: (inout InterchangeFields) throws(InterchangeError) -> T) throws(InterchangeError) -> T? {
        let v = try value(key)
        if v.isNull { return nil }
        guard let object = v.objectValue else { throw error(key, "must be an object or null; got \(v.kindDescription)") }
        var fields = InterchangeFields(object, source: source, path: name(key))
        let result = try body(&fields)
        try fields.finish()
        return result
    }

    /// The raw value of an optional free-form key (nil when absent).
    public mutating func raw(_ key: String) -> JSONValue? {
        read.insert(key)
        return members[key]
    }

    /// Refuses any key no read asked for.
    public func finish() throws(InterchangeError) {
        let unknown = members.keys.filter { !read.contains($0) }.sorted()
        guard unknown.isEmpty else {
            let shown = unknown.prefix(5).map { UntrustedText.quoted(name($0), limit: 60) }.joined(separator: ", ")
            throw InterchangeError("\(source): unknown key\(unknown.count > 1 ? "s" : "") \(shown)\(unknown.count > 5 ? ", …" : "")")
        }
    }
}

extension CorpusIdentity {
    /// The identity as `config.json` holds it.
    var interchangeValue: JSONValue { .object(["name": .string(name), "bytes": .int(bytes), "hash": .string(hash)]) }

    /// The identity read from a `config.json` object.
    init(interchange fields: inout InterchangeFields) throws(InterchangeError) {
        let name = try fields.string("name")
        let bytes = try fields.integer("bytes", in: 0...(1 << 50))
        let hash = try fields.string("hash", limit: 16)
        guard !hash.isEmpty, hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw fields.error("hash", "must be 1...16 lowercase hex digits (FNV-1a 64 of the corpus); got \(UntrustedText.quoted(hash, limit: 20))")
        }
        self.init(name: name, bytes: bytes, hash: hash)
    }
}
