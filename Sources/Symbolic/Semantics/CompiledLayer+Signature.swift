/// A layer's computation written with label names instead of numbers: what the layer cache
/// compares. If two programs' first ℓ layers have equal signatures, every label (by name) holds
/// at the same positions after those layers, on any text, whatever else the programs declare —
/// so an edit at layer ℓ need not recompute the layers before it.
extension CompiledLayer {
    func signature(in universe: LabelUniverse) -> String {
        func name(_ i: Int) -> String { universe.labels[i].description }
        // OR is commutative: a mask is its members' names, sorted, so numbering does not matter.
        func names(_ m: LabelMask) -> String { "{" + m.members.map(name).sorted().joined(separator: ",") + "}" }
        func relation(_ r: Relation) -> String {
            "\(r.boundary.map(names) ?? "offset") \(r.comparison) \(r.value)"
        }
        var parts = [String]()
        for s in shifts {
            parts.append("shift \(s.offset) pad=\(name(s.padding)) " + s.copies.map { "\(name($0.target))<-\(names($0.source))" }.joined(separator: " "))
        }
        for h in heads {
            parts.append("head span=\(h.span) thr=\(h.threshold) top=\(h.top) best=\(h.best) self=\(h.includesSelf) none=\(name(h.none))"
                + " q=" + h.queries.map { "\(name($0.query))~\(names($0.key))" }.joined(separator: " ")
                + " m=" + h.masks.map(relation).joined(separator: ";")
                + " b=" + h.bonuses.map { "\(relation($0.0))+\($0.1)" }.joined(separator: ";")
                + " c=" + h.copies.map { "\(name($0.target))<-\(names($0.source))" }.joined(separator: " "))
        }
        for r in rules {
            parts.append("rule thr=\(r.threshold) "
                + r.literals.map { "\($0.negated ? "!" : "")\(names($0.mask))*\($0.weight)" }.joined(separator: " ")
                + " veto=" + r.veto.map(names).joined(separator: " ")
                + " add=" + r.adds.map(name).joined(separator: ",")
                + " self=" + r.selfAdds.map { $0.map(name).joined(separator: ",") }.joined(separator: ";")
                + " del=" + r.removes.map(name).joined(separator: ","))
        }
        return parts.joined(separator: "\n")
    }
}
