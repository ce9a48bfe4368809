/// Reads the body of a binary (`aig`) file: latch lines, the shared
/// property sections, then the AND gates as pairs of 7-bit delta codes.
enum AIGERBinaryReader {
    static func read(_ header: AIGERHeader, _ scanner: inout AIGERScanner) throws(AIGERError) -> AIG {
        let latches = try readLatches(header, &scanner)
        let properties = try AIGERPropertyLiterals.read(header, &scanner)
        scanner.reportsByteOffsets = true
        let (fanin0, fanin1) = try readAnds(header, &scanner)
        let trailer = try AIGERTrailer.read(header, &scanner)
        return AIG(unchecked: header.inputs, latches: latches, fanin0: fanin0, fanin1: fanin1,
                   outputs: properties.outputs, bad: properties.bad, constraints: properties.constraints,
                   justice: properties.justice, fairness: properties.fairness,
                   names: trailer.names, comments: trailer.comments)
    }

    /// Latch `j` is literal `2(I + 1 + j)`; its line holds the next state and an optional reset.
    private static func readLatches(_ header: AIGERHeader, _ scanner: inout AIGERScanner) throws(AIGERError) -> [Latch] {
        var latches: [Latch] = []
        latches.reserveCapacity(min(header.latches, scanner.remainingByteCount / 2))
        for j in 0..<header.latches {
            let lhs = UInt32(2 * (header.inputs + 1 + j))
            let next = try scanner.number("the next-state literal of latch \(j) (literal \(lhs))")
            if next > header.maxLiteral { throw scanner.failure(AIGERPropertyLiterals.outOfRange(next, header.maxLiteral)) }
            let reset = try scanner.optionalLatchReset(latch: "\(j)", literal: lhs)
            try scanner.endOfLine(after: "the latch's next state and reset (a binary file lists no latch literal)")
            latches.append(Latch(next: Literal(raw: next), reset: reset))
        }
        return latches
    }

    /// Decodes `A` AND gates: for gate `k` with literal `lhs = 2(I + L + 1 + k)`,
    /// `delta0 = lhs - rhs0 > 0` and `delta1 = rhs0 - rhs1 >= 0`.
    private static func readAnds(
        _ header: AIGERHeader, _ scanner: inout AIGERScanner
    ) throws(AIGERError) -> ([Literal], [Literal]) {
        let count = header.ands
        // Every gate takes at least two bytes: a longer count means a truncated file,
        // found below at the exact offset without allocating for the claimed count.
        let capacity = min(count, scanner.remainingByteCount / 2 + 1)
        let fanins = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: 2 * capacity)
        defer { fanins.deallocate() }
        let bytes = scanner.bytes
        var position = scanner.position
        var lhs = UInt32(2 * (header.inputs + header.latches))
        var k = 0
        while k < count {
            lhs &+= 2
            guard k < capacity else { break }
            let start0 = position
            let delta0 = try decode(bytes, &position, gate: k, lhs: lhs)
            if delta0 == 0 {
                throw scanner.failure("AND gate \(k) (literal \(lhs)): first delta is 0, so its first fanin would be the gate itself", atOffset: start0)
            }
            if delta0 > lhs {
                throw scanner.failure("AND gate \(k) (literal \(lhs)): first delta \(delta0) is larger than the literal itself", atOffset: start0)
            }
            let rhs0 = lhs - delta0
            let start1 = position
            let delta1 = try decode(bytes, &position, gate: k, lhs: lhs)
            if delta1 > rhs0 {
                throw scanner.failure("AND gate \(k) (literal \(lhs)): second delta \(delta1) is larger than the first fanin \(rhs0)", atOffset: start1)
            }
            fanins[2 * k] = rhs0
            fanins[2 * k + 1] = rhs0 - delta1
            k += 1
        }
        if k < count {   // unreachable for well-formed sizes; kept so a logic slip cannot overrun the buffer
            throw AIGERError(.byteOffset(position), "the file ends before AND gate \(k) of \(count)")
        }
        scanner.skip(to: position)
        var fanin0 = [Literal](repeating: .false, count: count)
        var fanin1 = [Literal](repeating: .false, count: count)
        fanin0.withUnsafeMutableBufferPointer { f0 in
            fanin1.withUnsafeMutableBufferPointer { f1 in
                for k in 0..<count {
                    f0[k] = Literal(raw: fanins[2 * k])
                    f1[k] = Literal(raw: fanins[2 * k + 1])
                }
            }
        }
        return (fanin0, fanin1)
    }

    /// One delta: 7 bits per byte, least significant group first, high bit set on all but the last byte.
    @inline(__always)
    private static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int, gate k: Int, lhs: UInt32
    ) throws(AIGERError) -> UInt32 {
        let start = position
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count else {
                throw AIGERError(.byteOffset(position),
                                 "the file ends inside the delta code of AND gate \(k) (literal \(lhs)) that starts at byte offset \(start)")
            }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
            if shift >= 35 {
                throw AIGERError(.byteOffset(start), "the delta code of AND gate \(k) (literal \(lhs)) is longer than 5 bytes")
            }
        }
        if value > UInt64(UInt32.max) {
            throw AIGERError(.byteOffset(start), "the delta code of AND gate \(k) (literal \(lhs)) overflows 32 bits")
        }
        return UInt32(value)
    }
}
