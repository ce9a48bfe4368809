import Foundation

/// How results are written as JSON, by the CLI's `--json` and the MCP tools alike: snake_case
/// keys (from the property names), sorted, so the same result always gives the same text.
public enum ResultEncoding {
    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }

    /// The JSON text of a result.
    public static func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }
}
