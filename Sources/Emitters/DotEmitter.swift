import Circuits

/// Emits a small AIG as a Graphviz `dot` graph.
///
/// Inputs (triangles), latches (boxes) and outputs (inverted triangles) are
/// labelled with their symbol names or `i<k>` / `l<k>` / `o<k>`; ANDs are
/// circles labelled with their variable. Edges run from fanin to reader;
/// complemented edges are dashed with an `odot` arrowhead. A latch's next
/// state is an edge into the latch, dotted (dashed when complemented) and not
/// constraining the layout. Every AND is drawn, live or not.
public enum DotEmitter {
    /// The default largest number of ANDs drawn; `dot` needs seconds at a few
    /// thousand nodes and gives up past about ten thousand.
    public static let defaultMaxAnds = 5000

    /// Refusal to draw a circuit above the size limit.
    public struct TooLarge: Error, Hashable, Sendable, CustomStringConvertible {
        public var limit: Int
        public var andCount: Int

        public init(limit: Int, andCount: Int) {
            self.limit = limit
            self.andCount = andCount
        }

        public var description: String {
            "DOT output is limited to \(limit) AND nodes (this circuit has \(andCount)); extract a cone first"
        }
    }

    /// The DOT text of `aig`, or `TooLarge` when it has more than `maxAnds` ANDs.
    public static func emit(_ aig: AIG, name: String, maxAnds: Int = defaultMaxAnds) throws(TooLarge) -> String {
        guard aig.andCount <= maxAnds else { throw TooLarge(limit: maxAnds, andCount: aig.andCount) }
        let constantUsed = aig.fanin0.contains { $0.isConstant } || aig.fanin1.contains { $0.isConstant }
            || aig.outputs.contains { $0.isConstant } || aig.latches.contains { $0.next.isConstant }

        func node(_ v: Int) -> String {
            switch aig.node(ofVariable: v) {
            case .constant: return "c0"
            case .input(let i): return "i\(i)"
            case .latch(let j): return "l\(j)"
            case .and: return "n\(v)"
            }
        }
        func edge(_ literal: Literal, to target: String, extra: String = "") -> String {
            var attributes = literal.isComplemented ? ["style=dashed", "arrowhead=odot"] : []
            if !extra.isEmpty { attributes.append(extra) }
            let list = attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]"
            return "  \(node(literal.variable)) -> \(target)\(list);\n"
        }

        var text = "digraph \(quoted(name)) {\n  node [fontname=\"Helvetica\", fontsize=10];\n"
        if constantUsed { text += "  c0 [label=\"0\", shape=box];\n" }
        for i in 0..<aig.inputCount {
            text += "  i\(i) [label=\(quoted(aig.names.input(i) ?? "i\(i)")), shape=triangle];\n"
        }
        for j in 0..<aig.latchCount {
            text += "  l\(j) [label=\(quoted(aig.names.latch(j) ?? "l\(j)")), shape=box];\n"
        }
        for k in 0..<aig.andCount { text += "  n\(aig.firstAndVariable + k) [label=\"\(aig.firstAndVariable + k)\", shape=circle];\n" }
        for o in 0..<aig.outputCount {
            text += "  o\(o) [label=\(quoted(aig.names.output(o) ?? "o\(o)")), shape=invtriangle];\n"
        }
        if aig.inputCount > 0 { text += "  { rank=source; \((0..<aig.inputCount).map { "i\($0);" }.joined(separator: " ")) }\n" }
        if aig.outputCount > 0 { text += "  { rank=sink; \((0..<aig.outputCount).map { "o\($0);" }.joined(separator: " ")) }\n" }
        for k in 0..<aig.andCount {
            let target = "n\(aig.firstAndVariable + k)"
            text += edge(aig.fanin0[k], to: target) + edge(aig.fanin1[k], to: target)
        }
        for (o, output) in aig.outputs.enumerated() { text += edge(output, to: "o\(o)") }
        for (j, latch) in aig.latches.enumerated() {
            text += edge(latch.next, to: "l\(j)", extra: latch.next.isComplemented ? "constraint=false" : "style=dotted, constraint=false")
        }
        return text + "}\n"
    }

    /// A DOT double-quoted string.
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}
