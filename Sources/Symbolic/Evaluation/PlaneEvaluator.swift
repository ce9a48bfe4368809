/// The layers of a program over planes of positions: the semantics of the README written once,
/// for any `PositionAlgebra`. Run on `PositionBits` it is the fast interpreter; run on
/// `WindowLiterals` it builds the circuit. The reference interpreter (`SymbolicInterpreter`),
/// written position by position, is the independent oracle both are tested against.
///
/// Padding (byte 0x00, and every position before the text) holds `bos` alone at every layer: each
/// layer's result is masked with ¬pad, and `bos` is pad.
struct PlaneEvaluator<Algebra: PositionAlgebra> {
    typealias Plane = Algebra.Plane
    var algebra: Algebra
    let universe: LabelUniverse
    let layers: [CompiledLayer]
    /// The byte planes (index = byte; 0 is padding, never a label), pad and ¬pad.
    let bytes: [Plane?]
    let pad: Plane
    let notPad: Plane
    /// When not nil, `step` appends each rule's fire plane (masked with ¬pad), in program order.
    var recordedFires: [Plane?]?

    init(algebra: Algebra, universe: LabelUniverse, layers: [CompiledLayer], bytes: [Plane?], pad: Plane) {
        self.algebra = algebra
        self.universe = universe
        self.layers = layers
        var bytes = bytes
        bytes[0] = nil
        self.bytes = bytes
        self.pad = pad
        notPad = self.algebra.not(pad)
    }

    /// x₀: the byte labels and `bos`.
    var initialLabels: [Plane?] {
        var x = [Plane?](repeating: nil, count: universe.count)
        for b in 1..<256 { x[b] = bytes[b] }
        x[LabelUniverse.bosNumber] = pad
        return x
    }

    /// x_ℓ for ℓ = 0…L (or from layer `first`'s input `start`, for recomputing after an edit).
    mutating func run(from start: [Plane?]? = nil, firstLayer first: Int = 0) -> [[Plane?]] {
        var out = [start ?? initialLabels]
        for layer in layers[first...] { out.append(step(layer, out[out.count - 1])) }
        return out
    }

    /// `has(X)` over one snapshot: the OR of the stored members' planes, each mask computed once.
    struct Reader {
        let planes: [Plane?]
        var memo: [LabelMask: Plane?] = [:]
        init(_ planes: [Plane?]) { self.planes = planes }

        mutating func has(_ mask: LabelMask, _ algebra: inout Algebra) -> Plane? {
            if let single = mask.single { return planes[single] }
            if let known = memo[mask] { return known }
            var result: Plane?
            for m in mask.members { result = algebra.or(result, planes[m]) }
            memo[mask] = result
            return result
        }
    }

    /// x_ℓ from x_{ℓ−1}.
    mutating func step(_ layer: CompiledLayer, _ x: [Plane?]) -> [Plane?] {
        var reader = Reader(x)
        var stage = x
        for shift in layer.shifts {
            for c in shift.copies {
                let source = algebra.and(reader.has(c.source, &algebra), notPad)
                stage[c.target] = algebra.or(stage[c.target], algebra.shifted(source, by: shift.offset))
            }
            stage[shift.padding] = algebra.or(stage[shift.padding], algebra.shifted(pad, by: shift.offset))
        }
        for head in layer.heads { attend(head, x, &reader, into: &stage) }
        // Rules read the snapshot with this layer's outputs; their effects apply together, deletion winning.
        var stageReader = Reader(stage)
        var adds = [Int: Plane](), removes = [Int: Plane]()
        for rule in layer.rules {
            let fire = fires(rule, &stageReader)
            if recordedFires != nil { recordedFires!.append(algebra.and(fire, notPad)) }
            guard let fire else { continue }
            for a in rule.adds { adds[a] = algebra.or(adds[a], fire) }
            for expanded in rule.selfAdds {
                for b in 1..<256 {
                    // Most (rule, byte) pairs never meet: a plane false everywhere is left out.
                    if let on = algebra.and(fire, bytes[b]), !algebra.isFalse(on) { adds[expanded[b]] = algebra.or(adds[expanded[b]], on) }
                }
            }
            for r in rule.removes { removes[r] = algebra.or(removes[r], fire) }
        }
        for (label, plane) in adds { stage[label] = algebra.or(stage[label], plane) }
        for (label, plane) in removes { stage[label] = algebra.andNot(stage[label], plane) }
        // Padding holds bos alone. x_{ℓ−1} already does (x₀: byte planes exclude 0x00, bos is
        // pad), and removals keep it so: only the labels this layer wrote are masked.
        for l in Self.written(by: layer, adding: adds.keys) where l != LabelUniverse.bosNumber { stage[l] = algebra.and(stage[l], notPad) }
        stage[LabelUniverse.bosNumber] = algebra.or(algebra.and(stage[LabelUniverse.bosNumber], notPad), pad)
        return stage
    }

    /// The labels a layer's shifts and heads write, and `adds`, each once.
    static func written(by layer: CompiledLayer, adding adds: some Sequence<Int>) -> Set<Int> {
        var labels = Set(adds)
        for shift in layer.shifts {
            labels.insert(shift.padding)
            for c in shift.copies { labels.insert(c.target) }
        }
        for head in layer.heads {
            labels.insert(head.none)
            for c in head.copies { labels.insert(c.target) }
        }
        return labels
    }

    /// Whether a rule fires: Σ w·[literal] ≥ θ and no veto label holds.
    mutating func fires(_ rule: CompiledLayer.Rule, _ reader: inout Reader) -> Plane? {
        var fire: Plane?
        let literals = rule.literals.map { (plane: $0.negated ? Optional(algebra.not(reader.has($0.mask, &algebra))) : reader.has($0.mask, &algebra), weight: $0.weight) }
        let total = literals.reduce(0) { $0 + $1.weight }
        if rule.threshold <= 0 {
            fire = algebra.one
        } else if rule.threshold > total {
            return nil
        } else if rule.threshold == total {
            fire = algebra.one
            for l in literals { fire = algebra.and(fire, l.plane) }
        } else if literals.allSatisfy({ $0.weight >= rule.threshold }) {
            fire = algebra.or(literals.map(\.plane))
        } else {
            var count = Thermometer<Algebra>(cap: rule.threshold)
            for l in literals { count.add(l.plane, weight: l.weight, in: &algebra) }
            fire = count.atLeast(rule.threshold, one: algebra.one)
        }
        for v in rule.veto { fire = algebra.andNot(fire, reader.has(v, &algebra)) }
        if let f = fire, algebra.isFalse(f) { return nil }
        return fire
    }
}
