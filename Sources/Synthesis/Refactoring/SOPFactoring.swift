/// Algebraic factoring of a sum of products into an AND/OR form built in a
/// `SmallAIG` whose leaf `i` is variable `i`: the common cube is pulled
/// out, then the cover is divided by its most frequent literal,
/// `F = l · (F / l) + R`, recursively (the "quick factor" of SIS and ABC).
/// Works in place on the cube buffer, which it reorders and edits.
enum SOPFactoring {
    /// The literal of `aig` computing the OR of `cubes` (which are consumed).
    static func build(_ cubes: [Cube], into aig: inout SmallAIG) -> UInt32 {
        var cubes = cubes
        return cubes.withUnsafeMutableBufferPointer { build($0, into: &aig) }
    }

    /// The literal of `aig` computing the OR of `cubes`; the buffer's contents are destroyed.
    static func build(_ cubes: UnsafeMutableBufferPointer<Cube>, into aig: inout SmallAIG) -> UInt32 {
        if cubes.isEmpty { return 0 }
        var common = cubes[0]
        for cube in cubes {
            if cube.isEmpty { return 1 }
            common.positive &= cube.positive
            common.negative &= cube.negative
        }
        if cubes.count == 1 { return and(of: common, into: &aig, with: 1) }
        if !common.isEmpty {
            for i in cubes.indices { cubes[i] = cubes[i].removing(common) }
            let rest = build(cubes, into: &aig)
            return and(of: common, into: &aig, with: rest)
        }
        // The most frequent literal; ties go to the lowest.
        let (best, bestCount) = mostFrequentLiteral(cubes)
        if bestCount <= 1 {
            // No literal is shared: a balanced OR of the cubes.
            return or(cubes, into: &aig)
        }
        // Quotient cubes (divided by the literal) first, remainder after.
        let divisor = best & 1 == 0 ? Cube(positive: 1 << (best >> 1)) : Cube(negative: 1 << (best >> 1))
        var split = 0
        for i in cubes.indices where cubes[i].contains(literal: best) {
            let cube = cubes[i].removing(divisor)
            cubes[i] = cubes[split]
            cubes[split] = cube
            split += 1
        }
        let quotient = build(UnsafeMutableBufferPointer(rebasing: cubes[0..<split]), into: &aig)
        let product = aig.and(aig.leaf(best >> 1) ^ UInt32(best & 1), quotient)
        let remainder = build(UnsafeMutableBufferPointer(rebasing: cubes[split...]), into: &aig)
        return aig.or(product, remainder)
    }

    /// The literal (`2 · variable + negated`) in most cubes, and in how many.
    private static func mostFrequentLiteral(_ cubes: UnsafeMutableBufferPointer<Cube>) -> (Int, Int) {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 32) { counts in
            counts.initialize(repeating: 0)
            for cube in cubes {
                var p = cube.positive, n = cube.negative
                while p != 0 { counts[2 * p.trailingZeroBitCount] &+= 1; p &= p - 1 }
                while n != 0 { counts[2 * n.trailingZeroBitCount + 1] &+= 1; n &= n - 1 }
            }
            var best = 0
            for l in 1..<32 where counts[l] > counts[best] { best = l }
            return (best, Int(counts[best]))
        }
    }

    /// The balanced OR of the cubes' products.
    private static func or(_ cubes: UnsafeMutableBufferPointer<Cube>, into aig: inout SmallAIG) -> UInt32 {
        if cubes.count == 1 { return and(of: cubes[0], into: &aig, with: 1) }
        let middle = cubes.count / 2
        let left = or(UnsafeMutableBufferPointer(rebasing: cubes[..<middle]), into: &aig)
        let right = or(UnsafeMutableBufferPointer(rebasing: cubes[middle...]), into: &aig)
        return aig.or(left, right)
    }

    /// The AND of the cube's literals and `extra`, as a balanced tree.
    private static func and(of cube: Cube, into aig: inout SmallAIG, with extra: UInt32) -> UInt32 {
        var stack: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                    UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                    UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                    UInt32, UInt32, UInt32, UInt32)
            = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &stack) { raw in
            let literals = raw.baseAddress!.assumingMemoryBound(to: UInt32.self)
            var count = 0
            for v in 0..<16 {
                if cube.positive >> v & 1 != 0 { literals[count] = aig.leaf(v); count += 1 }
                if cube.negative >> v & 1 != 0 { literals[count] = aig.leaf(v) ^ 1; count += 1 }
            }
            if extra != 1 { literals[count] = extra; count += 1 }
            if count == 0 { return 1 }
            // Pairwise rounds: a balanced tree.
            while count > 1 {
                var next = 0, i = 0
                while i + 1 < count { literals[next] = aig.and(literals[i], literals[i + 1]); next += 1; i += 2 }
                if i < count { literals[next] = literals[i]; next += 1 }
                count = next
            }
            return literals[0]
        }
    }
}
