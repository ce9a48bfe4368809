/// `exp` of 16 floats at once (Cephes `expf` polynomial, relative error
/// ≈ 2 ulp). Arguments are clamped to [-87.3, 88.7], the range of normal
/// Float results; softmax only feeds it arguments ≤ 0.
@inline(__always)
func vectorExp(_ x: SIMD16<Float>) -> SIMD16<Float> {
    // Written with plain lane-wise arithmetic, masks and bit casts only: the
    // generic SIMD `rounded`, `pointwiseMax` and integer conversions compile to calls.
    var clamped = x.replacing(with: -87.3, where: x .< -87.3)
    clamped.replace(with: 88.7, where: clamped .> 88.7)
    // Round to nearest: adding 1.5·2²³ leaves the integer in the low mantissa bits.
    let shifter = SIMD16<Float>(repeating: 12_582_912)
    let shifted = clamped * 1.442_695_04 + shifter
    let n = shifted - shifter
    // r = x − n·ln 2, with ln 2 split in two for precision.
    var r = clamped.addingProduct(n, SIMD16(repeating: -0.693_359_375))
    r = r.addingProduct(n, SIMD16(repeating: 2.121_944_4e-4))
    var p = SIMD16<Float>(repeating: 1.987_569_15e-4)
    p = p * r + 1.398_199_95e-3
    p = p * r + 8.333_451_9e-3
    p = p * r + 4.166_579_59e-2
    p = p * r + 1.666_666_55e-1
    p = p * r + 5.000_000_12e-1
    p = p * (r * r) + r + 1
    // 2ⁿ: n sits in the low bits of `shifted`; move it into the exponent field.
    let integer = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- 0x4B40_0000
    let scale = unsafeBitCast((integer &+ 127) &<< 23, to: SIMD16<Float>.self)
    return p * scale
}

/// The sum of the lanes, added as a balanced tree (fast and the same for every call).
@inline(__always)
func treeSum(_ x: SIMD16<Float>) -> Float {
    let eight = x.lowHalf + x.highHalf
    let four = eight.lowHalf + eight.highHalf
    let two = four.lowHalf + four.highHalf
    return two[0] + two[1]
}

/// The largest lane.
@inline(__always)
func laneMax(_ x: SIMD16<Float>) -> Float {
    let eight = x.lowHalf.replacing(with: x.highHalf, where: x.highHalf .> x.lowHalf)
    let four = eight.lowHalf.replacing(with: eight.highHalf, where: eight.highHalf .> eight.lowHalf)
    let two = four.lowHalf.replacing(with: four.highHalf, where: four.highHalf .> four.lowHalf)
    return max(two[0], two[1])
}
