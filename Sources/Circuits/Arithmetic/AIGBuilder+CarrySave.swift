/// Multi-operand addition by carry-save (3:2) compression of bit columns.
extension AIGBuilder {
    /// The exact sum of `vectors`, in as many bits as the largest possible sum
    /// Σ (2^wᵢ − 1) needs.
    ///
    /// Each column is reduced with full adders (sum stays, carry moves up)
    /// taking the oldest bits first, so the adders form balanced trees; a
    /// column left with two bits gets a half adder. Every column thus ends as a
    /// single bit and no final adder is needed. Carries that would leave the
    /// result width are provably zero and never built.
    public mutating func sum(_ vectors: [BitVector]) -> BitVector {
        var columns = [[Literal]]()
        for vector in vectors {
            if columns.count < vector.count { columns += Array(repeating: [], count: vector.count - columns.count) }
            for (j, bit) in vector.enumerated() { columns[j].append(bit) }
        }
        return compressColumns(columns)
    }

    /// The sum of Σ_j Σ_{b ∈ columns[j]} b · 2^j, in the width its largest value needs.
    mutating func compressColumns(_ columns: [[Literal]]) -> BitVector {
        let width = Self.widthOfLargestSum(columnCounts: columns.map(\.count))
        // Constant-false bits add nothing; the rest bound which carries can be nonzero.
        var pending = columns.map { column in column.filter { $0 != .false }.sorted() }
        let liveWidth = Self.widthOfLargestSum(columnCounts: pending.map(\.count))
        if pending.count < liveWidth { pending += Array(repeating: [], count: liveWidth - pending.count) }
        var result = BitVector()
        result.reserveCapacity(width)
        for j in 0..<liveWidth {
            let isTop = j == liveWidth - 1
            var queue = pending[j]
            var head = 0
            while queue.count - head >= 3 {
                let (a, b, c) = (queue[head], queue[head + 1], queue[head + 2])
                head += 3
                if isTop {
                    queue.append(fullAdderSum(a, b, c))
                } else {
                    let bit = fullAdder(a, b, c)
                    queue.append(bit.sum)
                    pending[j + 1].append(bit.carry)
                }
            }
            switch queue.count - head {
            case 0: result.append(.false)
            case 1: result.append(queue[head])
            default:
                if isTop {
                    result.append(xor(queue[head], queue[head + 1]))
                } else {
                    let bit = halfAdder(queue[head], queue[head + 1])
                    result.append(bit.sum)
                    pending[j + 1].append(bit.carry)
                }
            }
        }
        return result.zeroExtended(to: width)
    }

    /// The bit width of Σ_j counts[j] · 2^j, by carrying the counts upward.
    static func widthOfLargestSum(columnCounts counts: [Int]) -> Int {
        var width = 0, carry = 0, j = 0
        while j < counts.count || carry > 0 {
            let total = (j < counts.count ? counts[j] : 0) + carry
            if total & 1 != 0 { width = j + 1 }
            carry = total >> 1
            j += 1
        }
        return width
    }
}
