/// The interpreter's carrier: a plane is one bit per position of a text (bit i % 64 of word
/// i / 64), so each operation is a loop over words.
struct PositionBits: PositionAlgebra {
    /// A plane over `count` positions.
    struct Plane {
        var words: [UInt64]
    }

    let count: Int
    let wordCount: Int
    let one: Plane
    /// The term of `addToThermometer`, reused from call to call.
    private var scratch: [UInt64]

    init(count: Int) {
        self.count = count
        wordCount = (count + 63) / 64
        var words = [UInt64](repeating: ~0, count: wordCount)
        if count % 64 != 0 { words[wordCount - 1] = (1 << UInt64(count % 64)) - 1 }
        one = Plane(words: words)
        scratch = [UInt64](repeating: 0, count: wordCount)
    }

    /// The plane of the positions where `holds` of the byte is true.
    func plane(of bytes: UnsafeBufferPointer<UInt8>, where holds: (UInt8) -> Bool) -> Plane {
        var words = [UInt64](repeating: 0, count: wordCount)
        for (i, byte) in bytes.enumerated() where holds(byte) { words[i >> 6] |= 1 << UInt64(i & 63) }
        return Plane(words: words)
    }

    /// One plane per byte value (nil where the byte never occurs), in one pass.
    func bytePlanes(of bytes: UnsafeBufferPointer<UInt8>) -> [Plane?] {
        var planes = [[UInt64]?](repeating: nil, count: 256)
        for (i, byte) in bytes.enumerated() {
            let b = Int(byte)
            if planes[b] == nil { planes[b] = [UInt64](repeating: 0, count: wordCount) }
            planes[b]![i >> 6] |= 1 << UInt64(i & 63)
        }
        return planes.map { $0.map(Plane.init(words:)) }
    }

    @inline(__always)
    private func combine(_ a: Plane, _ b: Plane, _ f: (UInt64, UInt64) -> UInt64) -> Plane {
        Plane(words: [UInt64](unsafeUninitializedCapacity: wordCount) { out, initialized in
            a.words.withUnsafeBufferPointer { a in
                b.words.withUnsafeBufferPointer { b in
                    for w in 0..<wordCount { out[w] = f(a[w], b[w]) }
                }
            }
            initialized = wordCount
        })
    }

    func and(_ a: Plane, _ b: Plane) -> Plane { combine(a, b) { $0 & $1 } }
    func or(_ a: Plane, _ b: Plane) -> Plane { combine(a, b) { $0 | $1 } }
    func andNot(_ a: Plane, _ b: Plane) -> Plane { combine(a, b) { $0 & ~$1 } }
    func not(_ a: Plane) -> Plane { combine(a, one) { ~$0 & $1 } }

    func isFalse(_ a: Plane) -> Bool {
        a.words.withUnsafeBufferPointer { words in
            var any: UInt64 = 0
            for w in words { any |= w }
            return any == 0
        }
    }

    func shifted(_ a: Plane, by d: Int) -> Plane {
        let q = d >> 6, r = UInt64(d & 63)
        return Plane(words: [UInt64](unsafeUninitializedCapacity: wordCount) { out, initialized in
            a.words.withUnsafeBufferPointer { a in
                for w in 0..<wordCount {
                    let s = w - q
                    var v: UInt64 = s >= 0 ? a[s] << r : 0
                    if r != 0, s - 1 >= 0 { v |= a[s - 1] >> (64 - r) }
                    out[w] = v
                }
            }
            initialized = wordCount
        })
    }

    /// `PositionAlgebra.addToThermometer` in place: the term a ∧ (b ≪ d) is formed once into a
    /// scratch buffer, then each level is updated where it stands (no plane is allocated unless a
    /// level was false everywhere before).
    mutating func addToThermometer(_ levels: inout [Plane?], _ a: Plane, and b: Plane?, shiftedBy d: Int, weight: Int) {
        guard let b, !levels.isEmpty, weight > 0 else { return }
        let q = d >> 6, r = UInt64(d & 63), n = wordCount
        let any = scratch.withUnsafeMutableBufferPointer { term in
            a.words.withUnsafeBufferPointer { a in
                b.words.withUnsafeBufferPointer { b in
                    var any: UInt64 = 0
                    for w in 0..<n {
                        let s = w - q
                        var v: UInt64 = s >= 0 ? b[s] << r : 0
                        if r != 0, s >= 1 { v |= b[s - 1] >> (64 - r) }
                        let t = a[w] & v
                        term[w] = t
                        any |= t
                    }
                    return any != 0
                }
            }
        }
        guard any else { return }
        for m in stride(from: levels.count, through: 1, by: -1) {
            let lower: [UInt64]?
            if m - weight <= 0 { lower = nil } else if let plane = levels[m - weight - 1] { lower = plane.words } else { continue }
            var target = levels[m - 1]?.words ?? [UInt64](repeating: 0, count: n)
            levels[m - 1] = nil   // so that `target` is the only reference and is updated in place
            target.withUnsafeMutableBufferPointer { target in
                scratch.withUnsafeBufferPointer { term in
                    if let lower {
                        lower.withUnsafeBufferPointer { lower in for w in 0..<n { target[w] |= term[w] & lower[w] } }
                    } else {
                        for w in 0..<n { target[w] |= term[w] }
                    }
                }
            }
            levels[m - 1] = Plane(words: target)
        }
    }

    /// Whether the plane holds at position i.
    func holds(_ p: Plane?, at i: Int) -> Bool {
        guard let p else { return false }
        return p.words[i >> 6] >> UInt64(i & 63) & 1 == 1
    }
}
