import Foundation
import Symbolic

extension Workbench {
    /// Splits whose bytes `trace` may show (val never).
    public enum TraceSplit: String, Sendable, CaseIterable { case fit, dev, devSmall = "dev_small" }

    /// How a version predicts one byte: of `text` at `offset` (default: the byte after the text),
    /// or of a split at `offset` from its start (dev_small reads dev). Per layer: the labels at
    /// the last context position, what was added and removed, the rules that fired and each
    /// head's picks; then the winner, p(target) and the five likeliest bytes.
    public func trace(version requested: Int? = nil, text: String? = nil, split: TraceSplit? = nil, offset: Int? = nil) throws -> TraceResult {
        let v = try version(requested)
        let analysis = try analysis(program(v))
        let bytes: [UInt8], position: Int
        switch (text, split) {
        case (let text?, nil):
            bytes = Array(text.utf8)
            position = offset ?? bytes.count
            guard (0...bytes.count).contains(position) else { throw WorkbenchError("offset must be in 0...\(bytes.count) (the text's length); got \(position)") }
        case (nil, let split?):
            let range = split == .fit ? scoring.splits.fit : scoring.splits.dev
            guard let offset else { throw WorkbenchError("offset is required with split") }
            guard (0..<range.count).contains(offset) else { throw WorkbenchError("offset must be in 0...\(range.count - 1) for \(split.rawValue); got \(offset)") }
            bytes = scoring.splits.bytes
            position = range.lowerBound + offset
        default:
            throw WorkbenchError("give either text or split (with offset), not \(text == nil ? "neither" : "both")")
        }
        return Self.trace(analysis, version: v, bytes: bytes, position: position)
    }

    static func trace(_ a: ProgramAnalysis, version: Int, bytes: [UInt8], position t: Int) -> TraceResult {
        let interpreter = a.interpreter, view = LabelSetView(interpreter)
        // The labels at c = t − 1 depend on bytes c − L·S … c only: run on that slice, plus one
        // byte so the slice's winners include the prediction of t.
        let c = t - 1, start = max(0, c - interpreter.program.layerCount * interpreter.program.span)
        let slice = Array(bytes[start..<max(start, t)]) + [0]
        let (labelTrace, winners) = ProgramEvaluation.labelTrace(of: interpreter, text: slice)
        let local = c - start
        var layers = [LayerTrace]()
        if c >= 0 {
            // Exactly what the fast interpreter fires at c, rule by rule in program order.
            var firings = interpreter.ruleFirings(predictingRuns: [(slice.count - 1)..<slice.count], in: slice).makeIterator()
            for (l, layer) in interpreter.program.layers.enumerated() {
                let before = Set(labelTrace.labelNumbers(at: local, afterLayer: l)), after = Set(labelTrace.labelNumbers(at: local, afterLayer: l + 1))
                let statements = layer.items.compactMap(\.statement)
                let fired = statements.compactMap { s -> String? in
                    guard case .rule(let r) = s else { return nil }
                    return firings.next()!.isEmpty ? nil : r.name
                }
                let heads = statements.compactMap { s -> SymbolicProgram.Head? in if case .head(let h) = s { h } else { nil } }
                let selections = interpreter.headSelections(labelTrace, layer: l + 1, at: local)
                let headTraces = zip(heads, selections).map { head, picks in
                    HeadTrace(name: head.name, picks: picks.map { j in
                        let held = j < 0 ? Set([LabelUniverse.bosNumber]) : Set(labelTrace.labelNumbers(at: j, afterLayer: l))
                        let copied = view.names(after.sorted()).filter { name in
                            guard name.hasPrefix(head.output + "."), name != head.output + ".none" else { return false }
                            return (view.members(of: String(name.dropFirst(head.output.count + 1))) ?? []).contains { held.contains($0) }
                        }
                        return HeadPick(position: start + j, distance: local - j,
                                        byte: start + j < 0 ? "bos" : BytePrediction.text(bytes[start + j]), copied: copied)
                    })
                }
                layers.append(LayerTrace(layer: l + 1, labels: view.names(after.sorted()), added: view.names(after.subtracting(before).sorted()),
                                         removed: view.names(before.subtracting(after).sorted()), rulesFired: fired, heads: headTraces))
            }
        }
        let winner = winners[slice.count - 1], row = a.rows.rows[Int(winner)]
        let top = (0..<256).sorted { (row[$0], -$0) > (row[$1], -$1) }.prefix(5).map { BytePrediction(byte: BytePrediction.text(UInt8($0)), p: row[$0]) }
        let target = t < bytes.count ? bytes[t] : nil
        return TraceResult(version: version, position: t, context: ByteContext(bytes, at: t), layers: layers, winner: a.winnerName(winner),
                           target: target.map(BytePrediction.text), pTarget: target.map { row[Int($0)] },
                           bits: target.map { -log2(row[Int($0)]) }, top: Array(top))
    }
}
