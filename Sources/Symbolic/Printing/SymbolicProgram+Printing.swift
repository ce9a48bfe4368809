/// The canonical text of a program: parsing it gives the same program, and printing a parsed
/// canonical text gives it back unchanged.
extension SymbolicProgram {
    public var text: String {
        var lines = ["symtx \(formatVersion)", "window layers=\(layerCount) span=\(span)"]
        lines += ["", "labels"] + labels.map { Self.line($0, Self.text(of:)) }
        for layer in layers {
            lines += ["", "layer \(layer.number)"] + layer.items.map { Self.line($0, Self.text(of:)) }
        }
        lines += ["", "unembed"] + unembed.map { Self.line($0, Self.text(of:)) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func line<S>(_ item: Item<S>, _ render: (S) -> String) -> String {
        switch item {
        case .comment(let c): return "  # " + c
        case .statement(let s, let comment): return "  " + render(s) + (comment.map { "  # " + $0 } ?? "")
        }
    }

    static func text(of d: LabelDefinition) -> String {
        switch d {
        case .group(let name, let members): return "group \(name) = " + members.map(\.description).joined(separator: " | ")
        case .grouping(let name, let boundary): return "grouping \(name) by " + boundary.map(\.description).joined(separator: " | ")
        }
    }

    static func text(of statement: LayerStatement) -> String {
        switch statement {
        case .shift(let s):
            return "shift \(s.name) offset=\(s.offset) copy=" + s.copy.map(\.description).joined(separator: ",")
        case .head(let h):
            var parts = ["head \(h.name)"]
            if h.query != "q." + h.name { parts.append("query=\(h.query)") }
            parts += ["span=\(h.span)", "thresh=\(h.threshold)", "top=\(h.top)", "mode=\(h.mode.rawValue)"]
            if h.includesSelf { parts.append("self=yes") }
            if !h.masks.isEmpty { parts.append("where {" + h.masks.map(\.description).joined(separator: ", ") + "}") }
            if !h.bonuses.isEmpty {
                let entries = h.bonuses.sorted { $0.key.description < $1.key.description }.map { "\($0.key): +\($0.value)" }
                parts.append("bonus {" + entries.joined(separator: ", ") + "}")
            }
            parts += ["copy=" + h.copy.map(\.description).joined(separator: ","), "as=\(h.output)"]
            return parts.joined(separator: " ")
        case .rule(let r):
            let form: String
            switch r.form {
            case .all: form = "all"
            case .any: form = "any"
            case .need(let k): form = "need \(k) of"
            }
            let literals = r.literals.map { ($0.negated ? "!" : "") + ($0.weight == 1 ? "" : "\($0.weight)*") + $0.label.description }
            var text = "rule \(r.name) \(form) {" + literals.joined(separator: ", ") + "}"
            if !r.veto.isEmpty { text += " and not {" + r.veto.map(\.description).joined(separator: ", ") + "}" }
            let effects = r.adds.map { "+\($0)" } + r.removes.map { "-\($0)" }
            return text + " -> " + effects.joined(separator: " ")
        }
    }

    /// One unembed statement as it is printed.
    public static func text(of statement: UnembedStatement) -> String {
        switch statement {
        case .order(let order): return "order " + order.map(\.description).joined(separator: " > ")
        case .backoff(let label, let parent): return "backoff \(label) -> \(parent)"
        case .smooth(let beta): return "smooth dirichlet beta=\(beta)"
        }
    }
}
