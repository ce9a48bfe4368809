import Text

/// The contexts a model sees along a prompt. Position t (0 … prompt.count)
/// is the prediction made after the first t bytes: its context is the W
/// bytes before index t, oldest first, padded with 0x00 before the start of
/// the prompt as in training.
public struct PromptContexts: Sendable {
    public let prompt: [UInt8]
    public let contextLength: Int

    public init(prompt: [UInt8], contextLength: Int) {
        self.prompt = prompt
        self.contextLength = contextLength
    }

    /// Every position with at least one prompt byte before it (position 0 alone for an empty prompt).
    public var positions: [Int] { prompt.isEmpty ? [0] : Array(1...prompt.count) }

    /// The context of position `t`, oldest byte first.
    public func context(at t: Int) -> [UInt8] {
        precondition(t >= 0 && t <= prompt.count, "position \(t) outside 0...\(prompt.count)")
        return ContextWindow(width: contextLength).context(at: t, in: prompt)
    }

    /// Whether the context of `t` reaches before the prompt (and so holds padding).
    public func isPadded(_ t: Int) -> Bool { t < contextLength }

    /// The contexts of `positions`, concatenated.
    public func contexts(_ positions: [Int]) -> [UInt8] { positions.flatMap { context(at: $0) } }
}

/// Hex of bytes, two digits each, in order.
public func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }.joined()
}

/// A byte as people read it: the character when printable, else `\xNN`.
public func printableByte(_ byte: UInt8) -> String {
    switch byte {
    case 0x0A: return "\\n"
    case 0x09: return "\\t"
    case 0x20...0x7E: return String(UnicodeScalar(byte))
    default: return "\\x" + hexString([byte])
    }
}

/// The circuit's input numbering on a context (W bytes, oldest first): input
/// i is `ctx[-(i / 8 + 1)][i % 8]`, bit i % 8 of slot W − 1 − i / 8.
enum ContextBits {
    /// The value of input `i` on `context`.
    @inline(__always)
    static func value(_ context: [UInt8], input i: Int) -> Bool {
        context[context.count - 1 - i / 8] >> UInt8(i % 8) & 1 == 1
    }

    /// Every input's value on `context`, in input order.
    static func values(_ context: [UInt8]) -> [Bool] { (0..<8 * context.count).map { value(context, input: $0) } }

    /// The context whose inputs take `values` (input order, 8·W of them).
    static func context(from values: [Bool]) -> [UInt8] {
        let w = values.count / 8
        var context = [UInt8](repeating: 0, count: w)
        for (i, on) in values.enumerated() where on { context[w - 1 - i / 8] |= 1 << UInt8(i % 8) }
        return context
    }
}
