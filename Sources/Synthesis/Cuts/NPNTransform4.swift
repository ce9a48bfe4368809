/// A negation–permutation–negation transform of a 4-input function:
/// `g(x) = outputNegated ⊕ c(y)` with `y_i = x_{permutation[i]} ⊕ inputNegations_i`.
/// Packed in 16 bits: permutation index (0..<24) in bits 0–4, input
/// negations in bits 5–8, output negation in bit 9.
struct NPNTransform4: Hashable, Sendable {
    var packed: UInt16

    /// The 24 permutations of four positions, in lexicographic order.
    static let permutations: [(Int, Int, Int, Int)] = {
        var result: [(Int, Int, Int, Int)] = []
        for a in 0..<4 { for b in 0..<4 where b != a { for c in 0..<4 where c != a && c != b {
            result.append((a, b, c, 6 - a - b - c))
        } } }
        return result
    }()

    init(packed: UInt16) { self.packed = packed }

    init(permutationIndex: Int, inputNegations: Int, outputNegated: Bool) {
        packed = UInt16(permutationIndex) | UInt16(inputNegations) << 5 | (outputNegated ? 1 << 9 : 0)
    }

    var permutationIndex: Int { Int(packed & 31) }
    var inputNegations: Int { Int(packed >> 5) & 15 }
    var outputNegated: Bool { packed & (1 << 9) != 0 }

    /// The position `x_j` that feeds canonical input `i`.
    func source(ofInput i: Int) -> Int {
        let p = Self.permutations[permutationIndex]
        switch i {
        case 0: return p.0
        case 1: return p.1
        case 2: return p.2
        default: return p.3
        }
    }

    /// Whether canonical input `i` is fed complemented.
    func inputNegated(_ i: Int) -> Bool { inputNegations >> i & 1 != 0 }

    /// `g` as defined above from the function `c`: the input negations
    /// swap cofactor halves, then the permutation moves each minterm's bit
    /// by two byte-table lookups (`permutationTables`).
    @inline(__always)
    func apply(to c: UInt16) -> UInt16 {
        var h = c
        let negations = inputNegations
        if negations & 1 != 0 { h = (h & 0xAAAA) >> 1 | (h & 0x5555) << 1 }
        if negations & 2 != 0 { h = (h & 0xCCCC) >> 2 | (h & 0x3333) << 2 }
        if negations & 4 != 0 { h = (h & 0xF0F0) >> 4 | (h & 0x0F0F) << 4 }
        if negations & 8 != 0 { h = h >> 8 | h << 8 }
        let tables = Self.permutationTables, base = permutationIndex * 512
        let g = tables[base + Int(h & 0xFF)] | tables[base + 256 + Int(h >> 8)]
        return outputNegated ? ~g : g
    }

    /// For each permutation, where the bits of a function `h(y)` land in
    /// `g(x) = h(y)`, `y_i = x_{source(i)}`: entry `256 · half + b` is the
    /// image of the byte `b` of minterms `8 · half ..< 8 · half + 8`.
    private static let permutationTables: [UInt16] = {
        var tables = [UInt16](repeating: 0, count: 24 * 512)
        for p in 0..<24 {
            let t = NPNTransform4(permutationIndex: p, inputNegations: 0, outputNegated: false)
            let sources = (0..<4).map { t.source(ofInput: $0) }
            // The minterm x of g that reads minterm y of h.
            var target = [Int](repeating: 0, count: 16)
            for x in 0..<16 {
                var y = 0
                for i in 0..<4 { y |= (x >> sources[i] & 1) << i }
                target[y] = x
            }
            for half in 0..<2 {
                for b in 0..<256 {
                    var image: UInt16 = 0
                    for k in 0..<8 where b >> k & 1 != 0 { image |= 1 << target[8 * half + k] }
                    tables[p * 512 + 256 * half + b] = image
                }
            }
        }
        return tables
    }()

    /// All 768 transforms.
    static let all: [NPNTransform4] = (0..<24).flatMap { p in
        (0..<16).flatMap { m in [false, true].map { NPNTransform4(permutationIndex: p, inputNegations: m, outputNegated: $0) } }
    }
}
