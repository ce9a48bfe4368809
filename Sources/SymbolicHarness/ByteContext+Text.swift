extension ByteContext {
    /// The bytes within `radius` of `position` (the target) in `text`.
    init(_ text: [UInt8], at position: Int, radius: Int = 40) {
        func show(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        let lo = max(0, position - radius), hi = min(text.count, position + 1 + radius)
        before = show(text[lo..<min(position, text.count)])
        target = position < text.count ? show(text[position...position]) : ""
        after = position + 1 < hi ? show(text[(position + 1)..<hi]) : ""
    }
}

extension BytePrediction {
    /// A byte as text: the character for printable ASCII, else `\xNN`.
    static func text(_ b: UInt8) -> String {
        (0x20...0x7E).contains(b) ? String(UnicodeScalar(b)) : b == 0x0A ? "\\n" : "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16)
    }
}
