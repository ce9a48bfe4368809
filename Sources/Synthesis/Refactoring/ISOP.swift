/// Irredundant sum-of-products covers by the Minato–Morreale recursion on
/// truth tables: for `L ⊆ U` it returns a cover `R` with `L ⊆ R ⊆ U` whose
/// cubes are prime and irredundant.
///
/// Tables of `n ≤ 6` variables are single words with the function repeated
/// over the unused variables; larger ones are `2^(n-6)` words. The
/// recursion on large tables works in a scratch area owned by the instance, so
/// apart from growing the cube array it does not allocate.
final class ISOP {
    private var scratch: UnsafeMutablePointer<UInt64>
    private var scratchUsed = 0
    private let scratchCapacity: Int
    /// The cubes of the last cover.
    private(set) var cubes: [Cube] = []
    /// Stop once a cover has more cubes than this (the result is then unusable).
    var cubeLimit = Int.max
    private(set) var exceededLimit = false

    /// Scratch for tables of up to `maxVariables` (≤ 16) variables.
    init(maxVariables: Int) {
        let words = max(1, 1 << max(0, maxVariables - 6))
        scratchCapacity = 4 * words + 64
        scratch = .allocate(capacity: scratchCapacity)
    }

    deinit { scratch.deallocate() }

    static let variableMasks: [UInt64] = [
        0xAAAA_AAAA_AAAA_AAAA, 0xCCCC_CCCC_CCCC_CCCC, 0xF0F0_F0F0_F0F0_F0F0,
        0xFF00_FF00_FF00_FF00, 0xFFFF_0000_FFFF_0000, 0xFFFF_FFFF_0000_0000,
    ]

    /// The cover of the function `truth` (`L = U`), over `variableCount`
    /// variables; its cubes are in `cubes`.
    func cover(of truth: UnsafePointer<UInt64>, variableCount n: Int) {
        cover(lower: truth, upper: truth, variableCount: n)
    }

    /// A cover `R` with `lower ⊆ R ⊆ upper` (an incompletely specified
    /// function: minterms in `upper` but not `lower` are don't-cares), over
    /// `variableCount` variables; its cubes are in `cubes`.
    func cover(lower: UnsafePointer<UInt64>, upper: UnsafePointer<UInt64>, variableCount n: Int) {
        cubes.removeAll(keepingCapacity: true)
        exceededLimit = false
        scratchUsed = 0
        if n <= 6 {
            _ = cover64(lower[0], upper[0], n)
        } else {
            let result = allocate(1 << (n - 6))
            coverWords(lower, upper, result, n)
            scratchUsed = 0
        }
    }

    /// The cover of a single-word function of at most six variables.
    func cover(of truth: UInt64, variableCount n: Int) {
        cubes.removeAll(keepingCapacity: true)
        exceededLimit = false
        _ = cover64(truth, truth, n)
    }

    private func allocate(_ words: Int) -> UnsafeMutablePointer<UInt64> {
        precondition(scratchUsed + words <= scratchCapacity, "ISOP scratch exhausted")
        defer { scratchUsed += words }
        return scratch + scratchUsed
    }

    @inline(__always)
    private static func cofactors(_ t: UInt64, _ v: Int) -> (UInt64, UInt64) {
        let mask = variableMasks[v], shift = UInt64(1) << v
        let low = t & ~mask, high = t & mask
        return (low | low << shift, high | high >> shift)
    }

    private func tag(from start: Int, variable v: Int, positive: Bool) {
        let bit = UInt16(1) << v
        for i in start..<cubes.count {
            if positive { cubes[i].positive |= bit } else { cubes[i].negative |= bit }
        }
    }

    private func cover64(_ lower: UInt64, _ upper: UInt64, _ n: Int) -> UInt64 {
        if lower == 0 { return 0 }
        if upper == .max {
            cubes.append(Cube())
            return .max
        }
        if cubes.count > cubeLimit { exceededLimit = true; return upper }
        var v = n - 1
        while v >= 0 {
            let (l0, l1) = Self.cofactors(lower, v), (u0, u1) = Self.cofactors(upper, v)
            if l0 != l1 || u0 != u1 { break }
            v -= 1
        }
        precondition(v >= 0, "ISOP: lower bound exceeds upper bound")
        let (l0, l1) = Self.cofactors(lower, v), (u0, u1) = Self.cofactors(upper, v)
        let start0 = cubes.count
        let r0 = cover64(l0 & ~u1, u0, v)
        tag(from: start0, variable: v, positive: false)
        let start1 = cubes.count
        let r1 = cover64(l1 & ~u0, u1, v)
        tag(from: start1, variable: v, positive: true)
        let r2 = cover64((l0 & ~r0) | (l1 & ~r1), u0 & u1, v)
        let mask = Self.variableMasks[v]
        return (r0 & ~mask) | (r1 & mask) | r2
    }

    private func coverWords(_ lower: UnsafePointer<UInt64>, _ upper: UnsafePointer<UInt64>,
                                     _ result: UnsafeMutablePointer<UInt64>, _ n: Int) {
        if n <= 6 {
            result[0] = cover64(lower[0], upper[0], n)
            return
        }
        let words = 1 << (n - 6), half = words >> 1
        var lowerZero = true, upperFull = true
        for i in 0..<words {
            if lower[i] != 0 { lowerZero = false }
            if upper[i] != .max { upperFull = false }
        }
        if lowerZero { result.update(repeating: 0, count: words); return }
        if upperFull { cubes.append(Cube()); result.update(repeating: .max, count: words); return }
        if cubes.count > cubeLimit { exceededLimit = true; result.update(from: upper, count: words); return }
        let mark = scratchUsed
        let bound = allocate(half), r2 = allocate(half)
        let v = n - 1
        let (l0, l1, u0, u1) = (lower, lower + half, upper, upper + half)
        for i in 0..<half { bound[i] = l0[i] & ~u1[i] }
        var start = cubes.count
        coverWords(bound, u0, result, v)
        tag(from: start, variable: v, positive: false)
        for i in 0..<half { bound[i] = l1[i] & ~u0[i] }
        start = cubes.count
        coverWords(bound, u1, result + half, v)
        tag(from: start, variable: v, positive: true)
        let upper2 = allocate(half)
        for i in 0..<half {
            bound[i] = (l0[i] & ~result[i]) | (l1[i] & ~result[half + i])
            upper2[i] = u0[i] & u1[i]
        }
        coverWords(bound, upper2, r2, v)
        for i in 0..<half {
            result[i] |= r2[i]
            result[half + i] |= r2[i]
        }
        scratchUsed = mark
    }
}
