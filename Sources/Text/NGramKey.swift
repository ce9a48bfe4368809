/// The 64-bit keys of byte n-grams: the predicted byte in bits 0–7, the
/// context bytes newest first in bits 8–15, 16–23, … (ctx[-j] at bit 8·j),
/// and the context length + 1 in bits 56–63, so no key is 0. A context key
/// is the same with the predicted byte 0.
enum NGramKey {
    /// The key of the context of `contextLength` bytes before `position`.
    @inline(__always)
    static func context(contextLength: Int, at position: Int, in text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var key = tag(contextLength)
        for j in stride(from: 1, through: contextLength, by: 1) {
            key |= UInt64(byte(at: position - j, in: text)) << (8 * j)
        }
        return key
    }

    /// The key of the n-gram ending with `text[position]`, with `contextLength` bytes of context.
    @inline(__always)
    static func ngram(contextLength: Int, at position: Int, in text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        context(contextLength: contextLength, at: position, in: text) | UInt64(text[position])
    }

    /// The context key of length `contextLength` made from the one of length
    /// `contextLength − 1` by adding the next older byte.
    @inline(__always)
    static func extend(_ shorter: UInt64, contextLength: Int, at position: Int, in text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        (shorter & payloadMask) | tag(contextLength)
            | UInt64(byte(at: position - contextLength, in: text)) << (8 * contextLength)
    }

    /// The n-gram with its oldest context byte dropped (context length − 1).
    @inline(__always)
    static func droppingOldestByte(of key: UInt64, contextLength: Int) -> UInt64 {
        (key & ((1 << (8 * UInt64(contextLength))) - 1)) | tag(contextLength - 1)
    }

    /// The context key of an n-gram key.
    @inline(__always)
    static func context(of key: UInt64) -> UInt64 { key & ~0xFF }

    private static let payloadMask: UInt64 = (1 << 56) - 1

    @inline(__always)
    private static func tag(_ contextLength: Int) -> UInt64 { UInt64(contextLength + 1) << 56 }

    @inline(__always)
    private static func byte(at position: Int, in text: UnsafeBufferPointer<UInt8>) -> UInt8 {
        position >= 0 ? text[position] : ContextWindow.padByte
    }
}
