/// Algebraic factoring of a sum of products into an AND/OR form built in a
/// `SmallAIG` whose leaf `i` is variable `i`: the common cube is pulled
/// out, then the cover is divided by its most frequent literal,
/// `F = l · (F / l) + R`, recursively (the "quick factor" of SIS and ABC).
enum SOPFactoring {
    /// The literal of `aig` computing the OR of `cubes`.
    static func build(_ cubes: [Cube], into aig: inout SmallAIG) -> UInt32 {
        if cubes.isEmpty { return 0 }
        if cubes.contains(where: \.isEmpty) { return 1 }
        if cubes.count == 1 { return aig.and(all: literals(of: cubes[0], in: aig)) }
        var common = cubes[0]
        for cube in cubes.dropFirst() {
            common.positive &= cube.positive
            common.negative &= cube.negative
        }
        if !common.isEmpty {
            let rest = build(cubes.map { $0.removing(common) }, into: &aig)
            return aig.and(all: literals(of: common, in: aig) + [rest])
        }
        // The most frequent literal; ties go to the lowest.
        var counts = [Int](repeating: 0, count: 32)
        for cube in cubes {
            var p = cube.positive, n = cube.negative
            while p != 0 { counts[2 * p.trailingZeroBitCount] += 1; p &= p - 1 }
            while n != 0 { counts[2 * n.trailingZeroBitCount + 1] += 1; n &= n - 1 }
        }
        var best = 0
        for l in counts.indices where counts[l] > counts[best] { best = l }
        if counts[best] <= 1 {
            return aig.or(all: cubes.map { aig.and(all: literals(of: $0, in: aig)) })
        }
        let divisor = best & 1 == 0 ? Cube(positive: 1 << (best >> 1)) : Cube(negative: 1 << (best >> 1))
        var quotient: [Cube] = [], remainder: [Cube] = []
        for cube in cubes {
            if cube.contains(literal: best) { quotient.append(cube.removing(divisor)) } else { remainder.append(cube) }
        }
        let product = aig.and(aig.leaf(best >> 1) ^ UInt32(best & 1), build(quotient, into: &aig))
        return aig.or(product, build(remainder, into: &aig))
    }

    private static func literals(of cube: Cube, in aig: SmallAIG) -> [UInt32] {
        var result: [UInt32] = []
        for v in 0..<16 {
            if cube.positive >> v & 1 != 0 { result.append(aig.leaf(v)) }
            if cube.negative >> v & 1 != 0 { result.append(aig.leaf(v) ^ 1) }
        }
        return result
    }
}
