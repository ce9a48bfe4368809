import GateLMSupport
import Circuits

/// The program as one combinational circuit over its W-byte window: the layers of
/// `PlaneEvaluator` on `WindowLiterals`, the winner's priority encoder at the newest position,
/// and the ROM from the winner to each class byte's score (`ScoreTable`).
extension SymbolicInterpreter {
    /// What `build(into:context:table:names:)` produced.
    public struct CircuitParts {
        /// Each class's score, least significant bit first (`table.classBytes` order).
        public var scores: [[Literal]]
        /// The one-hot winner (the prediction labels in order, then the unigram).
        public var winner: [Literal]
        /// The winner's index, least significant bit first: an index into the prediction
        /// labels, their count for the unigram.
        public var winnerIndex: [Literal]
    }

    /// Builds the circuit into `builder` from the window's bytes (`context[p]`: the 8 bit literals,
    /// least significant first, of the byte p + 1 places back, so `context[0]` is the newest).
    /// With `names`, every label a layer changes is named `L<ℓ>.<label>@-<p>`, and the winner
    /// lines `win[<label>]`.
    public func build(into builder: inout AIGBuilder, context: [[Literal]], table: ScoreTable, names: inout NodeNames?) -> CircuitParts {
        let w = windowLength
        precondition(context.count == w && context.allSatisfy { $0.count == 8 }, "a window of \(w) bytes of 8 bits")
        // Byte planes from two nibble decoders per position; 0x00 is padding.
        var bytes = [[Literal]?](repeating: nil, count: 256)
        var pad = [Literal](repeating: .false, count: w)
        var byteAt = [[Literal]](repeating: [], count: w)
        for q in 0..<w {
            let bits = context[w - 1 - q]
            func nibbles(_ shift: Int) -> [Literal] {
                (0..<16).map { v in builder.and((0..<4).map { bits[shift + $0].complemented(if: v >> $0 & 1 == 0) }) }
            }
            let low = nibbles(0), high = nibbles(4)
            byteAt[q] = (0..<256).map { builder.and(low[$0 & 15], high[$0 >> 4]) }
            pad[q] = byteAt[q][0]
        }
        for b in 1..<256 { bytes[b] = (0..<w).map { byteAt[$0][b] } }
        var evaluator = PlaneEvaluator(algebra: WindowLiterals(builder: builder, width: w), universe: universe, layers: layers, bytes: bytes, pad: pad)
        let snapshots = evaluator.run()
        if names != nil {
            for l in 1..<snapshots.count {
                for (label, plane) in snapshots[l].enumerated() {
                    guard let plane else { continue }
                    for q in 0..<w where !plane[q].isConstant && plane[q] != snapshots[l - 1][label]?[q] {
                        names!.add("L\(l).\(Self.nodeName(universe.labels[label]))@-\(w - q)", plane[q])
                    }
                }
            }
        }
        // The winner at the newest position: the first prediction label that holds.
        // A parallel-prefix priority encoder: its depth is logarithmic in the number of winners
        // (tens of thousands), where a chain would be as deep as they are many.
        var reader = PlaneEvaluator<WindowLiterals>.Reader(snapshots[snapshots.count - 1])
        let holds = predictionMasks.map { reader.has($0, &evaluator.algebra)?[w - 1] ?? .false }
        builder = evaluator.algebra.builder
        let first = builder.firstTrue(holds)
        let winner = first.lines + [first.none]
        if names != nil {
            for (k, line) in winner.enumerated() {
                names!.add("win[\(k < predictionLabels.count ? Self.nodeName(predictionLabels[k]) : "unigram")]", line)
            }
        }
        let indexBits = max(1, Int.bitWidth - winner.count.leadingZeroBitCount)
        let index = (0..<indexBits).map { bit in builder.or(winner.indices.filter { $0 >> bit & 1 == 1 }.map { winner[$0] }) }
        return CircuitParts(scores: rom(winner, table, &builder), winner: winner, winnerIndex: index)
    }

    /// Each score bit is the OR of the winner lines whose row sets it (or the complement of the
    /// OR of those that clear it, whichever is shorter); winners with equal rows share one line.
    private func rom(_ winner: [Literal], _ table: ScoreTable, _ builder: inout AIGBuilder) -> [[Literal]] {
        var shared = [[Literal]](), rows = [[Int32]](), index = [[Int32]: Int]()
        for (k, line) in winner.enumerated() {
            if let i = index[table.scores[k]] { shared[i].append(line); continue }
            index[table.scores[k]] = shared.count
            shared.append([line])
            rows.append(table.scores[k])
        }
        let lines = shared.map { builder.or($0) }
        let bits = table.bits
        return table.classBytes.indices.map { c in
            (0..<bits).map { bit in
                let set = rows.indices.filter { rows[$0][c] >> Int32(bit) & 1 == 1 }
                if set.count * 2 <= rows.count { return builder.or(set.map { lines[$0] }) }
                let clear = rows.indices.filter { rows[$0][c] >> Int32(bit) & 1 == 0 }
                return !builder.or(clear.map { lines[$0] })
            }
        }
    }

    /// A label as a node name without blanks: quoted bytes in hex (`b:' '` → `b:20`).
    static func nodeName(_ label: Label) -> String {
        var out = "", chars = Array(label.description.utf8), i = 0
        while i < chars.count {
            // Label.byteText quotes a printable byte as b:'c' (never ' or \).
            if i + 5 <= chars.count, chars[i] == UInt8(ascii: "b"), chars[i + 1] == UInt8(ascii: ":"),
               chars[i + 2] == UInt8(ascii: "'"), chars[i + 4] == UInt8(ascii: "'") {
                out += "b:" + String(chars[i + 3], radix: 16).leftPadded(2, with: "0")
                i += 5
                continue
            }
            out.append(Character(UnicodeScalar(chars[i])))
            i += 1
        }
        return out
    }
}
