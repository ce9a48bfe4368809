import Foundation

/// Options whose value is a list of integers separated by commas (`--widths 512,512`), or
/// `none` where an empty list is allowed (`--hashed-orders none`).
public enum IntegerList {
    /// The integers of `text`, or nil if any part is not one (an empty list is not a list).
    public static func parse(_ text: String) -> [Int]? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        return parts.contains(nil) || parts.isEmpty ? nil : parts.compactMap { $0 }
    }

    /// `parse`, with `none` meaning the empty list.
    public static func parseAllowingNone(_ text: String) -> [Int]? {
        text.trimmingCharacters(in: .whitespaces) == "none" ? [] : parse(text)
    }

    /// The list as an option takes it: `1,2,3`, or `none`.
    public static func describe(_ values: [Int]) -> String {
        values.isEmpty ? "none" : values.map(String.init).joined(separator: ",")
    }
}
