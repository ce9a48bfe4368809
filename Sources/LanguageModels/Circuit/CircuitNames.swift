import GateLMSupport

/// The names every family's circuit gives its interface, which `CircuitLanguageModel` reads and
/// the interpretability commands print: inputs `ctx[-p][b]` (bit b, least significant first, of
/// the p-th most recent byte) and outputs `score[0xNN][i]` (bit i of the score of byte 0xNN).
public enum CircuitNames {
    /// `ctx[-1][0]` is bit 0 (least significant) of the most recent byte (`position` 0).
    public static func contextInput(position: Int, bit: Int) -> String { "ctx[-\(position + 1)][\(bit)]" }

    /// Bit `bit` of the score of the class of `byte`, e.g. `score[0x61][2]`.
    public static func scoreOutput(byte: UInt8, bit: Int) -> String {
        "score[0x\(String(byte, radix: 16, uppercase: false).leftPadded(2, with: "0"))][\(bit)]"
    }
}
