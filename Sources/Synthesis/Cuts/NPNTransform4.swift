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

    /// `g` as defined above from the function `c`.
    func apply(to c: UInt16) -> UInt16 {
        let sources = (source(ofInput: 0), source(ofInput: 1), source(ofInput: 2), source(ofInput: 3))
        let negations = inputNegations
        var g: UInt16 = 0
        for x in 0..<16 {
            let y = ((x >> sources.0 & 1) | (x >> sources.1 & 1) << 1 | (x >> sources.2 & 1) << 2 | (x >> sources.3 & 1) << 3) ^ negations
            let bit = (c >> y & 1) ^ (outputNegated ? 1 : 0)
            g |= bit << x
        }
        return g
    }

    /// All 768 transforms.
    static let all: [NPNTransform4] = (0..<24).flatMap { p in
        (0..<16).flatMap { m in [false, true].map { NPNTransform4(permutationIndex: p, inputNegations: m, outputNegated: $0) } }
    }
}
