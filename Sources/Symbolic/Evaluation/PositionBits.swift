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

    init(count: Int) {
        self.count = count
        wordCount = (count + 63) / 64
        var words = [UInt64](repeating: ~0, count: wordCount)
        if count % 64 != 0 { words[wordCount - 1] = (1 << UInt64(count % 64)) - 1 }
        one = Plane(words: words)
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

    /// Whether the plane holds at position i.
    func holds(_ p: Plane?, at i: Int) -> Bool {
        guard let p else { return false }
        return p.words[i >> 6] >> UInt64(i & 63) & 1 == 1
    }
}
