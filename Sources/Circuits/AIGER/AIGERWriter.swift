/// Writes AIGs as AIGER 1.9 files, ASCII (`aag`) or binary (`aig`),
/// including latch resets, properties, the symbol table and comments, so
/// that reading the result gives back an equal AIG.
public enum AIGERWriter {
    /// The file contents of `aig` in `format`.
    ///
    /// The AIG must be valid (see `AIG.validate()`); comments must not contain line ends.
    public static func write(_ aig: AIG, format: AIGERFormat) -> [UInt8] {
        var out = AIGERByteWriter(expectedSize: estimatedSize(aig, format))
        writeHeader(aig, format, &out)
        if format == .ascii {
            for i in 0..<aig.inputCount { out.line(aig.inputLiteral(i).raw) }
        }
        for (j, latch) in aig.latches.enumerated() {
            if format == .ascii {
                out.decimal(aig.latchLiteral(j).raw)
                out.byte(UInt8(ascii: " "))
            }
            out.decimal(latch.next.raw)
            switch latch.reset {
            case .zero: break
            case .one: out.text(" 1")
            case .uninitialized:
                out.byte(UInt8(ascii: " "))
                out.decimal(aig.latchLiteral(j).raw)
            }
            out.byte(UInt8(ascii: "\n"))
        }
        writeProperties(aig, &out)
        switch format {
        case .ascii: writeAsciiAnds(aig, &out)
        case .binary: writeBinaryAnds(aig, &out)
        }
        writeSymbols(aig.names, &out)
        if !aig.comments.isEmpty {
            out.text("c\n")
            for comment in aig.comments {
                out.text(comment)
                out.byte(UInt8(ascii: "\n"))
            }
        }
        return out.bytes
    }

    /// Writes `aig` to `path` atomically (a temporary file renamed into place).
    public static func write(_ aig: AIG, format: AIGERFormat, toFile path: String) throws(AIGERError) {
        try AIGERFile.writeAtomically(write(aig, format: format), to: path)
    }

    // MARK: Sections

    /// `M I L O A`, then `B C J F` up to the last non-zero count.
    private static func writeHeader(_ aig: AIG, _ format: AIGERFormat, _ out: inout AIGERByteWriter) {
        out.text(format.magic)
        var fields = [aig.maxVariable, aig.inputCount, aig.latchCount, aig.outputCount, aig.andCount,
                      aig.bad.count, aig.constraints.count, aig.justice.count, aig.fairness.count]
        while fields.count > 5 && fields.last == 0 { fields.removeLast() }
        for field in fields {
            out.byte(UInt8(ascii: " "))
            out.decimal(UInt32(field))
        }
        out.byte(UInt8(ascii: "\n"))
    }

    private static func writeProperties(_ aig: AIG, _ out: inout AIGERByteWriter) {
        for l in aig.outputs { out.line(l.raw) }
        for l in aig.bad { out.line(l.raw) }
        for l in aig.constraints { out.line(l.raw) }
        for lits in aig.justice { out.line(UInt32(lits.count)) }
        for lits in aig.justice { for l in lits { out.line(l.raw) } }
        for l in aig.fairness { out.line(l.raw) }
    }

    private static func writeAsciiAnds(_ aig: AIG, _ out: inout AIGERByteWriter) {
        let first = aig.firstAndVariable
        aig.fanin0.withUnsafeBufferPointer { f0 in
            aig.fanin1.withUnsafeBufferPointer { f1 in
                for k in 0..<f0.count {
                    out.decimal(UInt32(2 * (first + k)))
                    out.byte(UInt8(ascii: " "))
                    out.decimal(f0[k].raw)
                    out.byte(UInt8(ascii: " "))
                    out.decimal(f1[k].raw)
                    out.byte(UInt8(ascii: "\n"))
                }
            }
        }
    }

    /// Each gate as `lhs - rhs0` and `rhs0 - rhs1` with `rhs0 >= rhs1`.
    private static func writeBinaryAnds(_ aig: AIG, _ out: inout AIGERByteWriter) {
        var lhs = UInt32(2 * aig.firstAndVariable)
        aig.fanin0.withUnsafeBufferPointer { f0 in
            aig.fanin1.withUnsafeBufferPointer { f1 in
                for k in 0..<f0.count {
                    let a = f0[k].raw, b = f1[k].raw
                    let rhs0 = max(a, b), rhs1 = min(a, b)
                    out.delta(lhs &- rhs0)
                    out.delta(rhs0 &- rhs1)
                    lhs &+= 2
                }
            }
        }
    }

    private static func writeSymbols(_ names: SymbolTable, _ out: inout AIGERByteWriter) {
        let kinds: [(String, [String?])] = [
            ("i", names.inputs), ("l", names.latches), ("o", names.outputs), ("b", names.bad),
            ("c", names.constraints), ("j", names.justice), ("f", names.fairness),
        ]
        for (kind, list) in kinds {
            for (index, name) in list.enumerated() {
                guard let name else { continue }
                out.text(kind)
                out.decimal(UInt32(index))
                out.byte(UInt8(ascii: " "))
                out.text(name)
                out.byte(UInt8(ascii: "\n"))
            }
        }
    }

    private static func estimatedSize(_ aig: AIG, _ format: AIGERFormat) -> Int {
        let perAnd = format == .ascii ? 3 * (String(2 * aig.maxVariable).utf8.count + 1) : 4
        let perLine = String(2 * aig.maxVariable + 1).utf8.count + 1
        let lines = (format == .ascii ? aig.inputCount : 0) + 3 * aig.latchCount + aig.outputCount
        return 64 + perAnd * aig.andCount + perLine * lines
    }
}
