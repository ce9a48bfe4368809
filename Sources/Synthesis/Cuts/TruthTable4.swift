/// Helpers for truth tables of functions of at most four variables, held in
/// 16 bits: bit `m` is the value on minterm `m`, variable `i` being bit `i` of `m`.
/// A table over fewer variables repeats itself over the unused ones.
enum TruthTable4 {
    /// The projection functions of variables 0...3.
    static let variables: (UInt16, UInt16, UInt16, UInt16) = (0xAAAA, 0xCCCC, 0xF0F0, 0xFF00)

    /// The projection function of variable `i` (0...3).
    @inline(__always)
    static func variable(_ i: Int) -> UInt16 {
        switch i {
        case 0: return 0xAAAA
        case 1: return 0xCCCC
        case 2: return 0xF0F0
        default: return 0xFF00
        }
    }

    /// `t` with variables `i` and `i + 1` exchanged (0 ≤ i < 3).
    @inline(__always)
    static func swappingAdjacent(_ t: UInt16, _ i: Int) -> UInt16 {
        switch i {
        case 0: return (t & 0x9999) | ((t & 0x2222) << 1) | ((t & 0x4444) >> 1)
        case 1: return (t & 0xC3C3) | ((t & 0x0C0C) << 2) | ((t & 0x3030) >> 2)
        default: return (t & 0xF00F) | ((t & 0x00F0) << 4) | ((t & 0x0F00) >> 4)
        }
    }

    /// Re-expresses `t`, a function of variables 0..<count, so that its
    /// variable `i` becomes variable `positions[i]`; the positions must be
    /// increasing and at most 3.
    @inline(__always)
    static func stretching(_ t: UInt16, count: Int, positions: (Int, Int, Int, Int)) -> UInt16 {
        var t = t
        var i = count - 1
        while i >= 0 {
            let target: Int
            switch i {
            case 0: target = positions.0
            case 1: target = positions.1
            case 2: target = positions.2
            default: target = positions.3
            }
            var j = i
            while j < target { t = swappingAdjacent(t, j); j += 1 }
            i -= 1
        }
        return t
    }

    /// Whether `t` depends on variable `i`.
    @inline(__always)
    static func dependsOn(_ t: UInt16, _ i: Int) -> Bool {
        cofactor0(t, i) != cofactor1(t, i)
    }

    /// The negative cofactor with respect to variable `i`, repeated over it.
    @inline(__always)
    static func cofactor0(_ t: UInt16, _ i: Int) -> UInt16 {
        let shift = UInt16(1) << i
        let low = t & ~variable(i)
        return low | (low << shift)
    }

    /// The positive cofactor with respect to variable `i`, repeated over it.
    @inline(__always)
    static func cofactor1(_ t: UInt16, _ i: Int) -> UInt16 {
        let shift = UInt16(1) << i
        let high = t & variable(i)
        return high | (high >> shift)
    }

    /// The variables `t` depends on, as a bit mask.
    static func support(_ t: UInt16) -> Int {
        var mask = 0
        for i in 0..<4 where dependsOn(t, i) { mask |= 1 << i }
        return mask
    }
}
