/// `exp` of 16 floats at once (Cephes `expf` polynomial, relative error
/// ≈ 2 ulp). Arguments are clamped to [-87.3, 88.7], the range of normal
/// Float results; softmax only feeds it arguments ≤ 0.
@inline(__always)
func vectorExp(_ x: SIMD16<Float>) -> SIMD16<Float> {
    let clamped = x.clamped(lowerBound: SIMD16(repeating: -87.3), upperBound: SIMD16(repeating: 88.7))
    let n = (clamped * 1.442_695_04).rounded(.toNearestOrEven)
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
    let exponent = SIMD16<Int32>(n, rounding: .towardZero) &+ 127
    let scale = unsafeBitCast(exponent &<< 23, to: SIMD16<Float>.self)
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
    let eight = pointwiseMax(x.lowHalf, x.highHalf)
    let four = pointwiseMax(eight.lowHalf, eight.highHalf)
    let two = pointwiseMax(four.lowHalf, four.highHalf)
    return max(two[0], two[1])
}
