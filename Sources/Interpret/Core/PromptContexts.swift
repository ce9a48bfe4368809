import LanguageModels
import Text

/// The contexts a model sees along a prompt. Position t (0 … prompt.count)
/// is the prediction made after the first t bytes: its context is the W
/// input bytes of the model there, oldest first (`CircuitLanguageModel.window(at:in:)`): the W
/// bytes before index t, padded with 0x00 before the start of the prompt as in training, or for
/// the free-state view of a recurrent model, its last bytes and the state it had reached before them.
public struct PromptContexts: Sendable {
    public let prompt: [UInt8]
    public let contextLength: Int
    /// Positions 1…this are text bytes (the rest, if any, a state).
    public let textLength: Int
    private let windows: [[UInt8]]

    public init(prompt: [UInt8], model: CircuitLanguageModel) {
        self.prompt = prompt
        contextLength = model.contextLength
        textLength = model.textPositions.upperBound
        windows = model.windows(at: Array(0...prompt.count), in: prompt)
    }

    /// The contexts of a window model reading the last `contextLength` bytes of text.
    public init(prompt: [UInt8], contextLength: Int) {
        self.prompt = prompt
        self.contextLength = contextLength
        textLength = contextLength
        let window = ContextWindow(width: contextLength)
        windows = (0...prompt.count).map { window.context(at: $0, in: prompt) }
    }

    /// Every position with at least one prompt byte before it (position 0 alone for an empty prompt).
    public var positions: [Int] { prompt.isEmpty ? [0] : Array(1...prompt.count) }

    /// The context of position `t`, oldest byte first.
    public func context(at t: Int) -> [UInt8] {
        precondition(t >= 0 && t <= prompt.count, "position \(t) outside 0...\(prompt.count)")
        return windows[t]
    }

    /// Whether the text bytes of `t`'s context reach before the prompt (and so hold padding).
    public func isPadded(_ t: Int) -> Bool { t < textLength }

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
