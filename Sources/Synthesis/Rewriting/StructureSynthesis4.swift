/// Finds a small AIG for a function of four inputs by a search over
/// decompositions, each tried on a copy of the structure built so far so
/// that sharing with what exists is counted:
/// - AND/OR with a variable when a cofactor is constant,
/// - XOR with a variable when the cofactors are complements,
/// - otherwise Shannon expansion on each variable,
/// - and always the factored irredundant SOP of the function and of its complement.
/// The cheapest result (fewest nodes) wins. XOR4 comes out at 9 ANDs.
enum StructureSynthesis4 {
    /// A structure over four leaves computing `truth`.
    static func structure(for truth: UInt16) -> SmallAIG {
        var aig = SmallAIG(leafCount: 4)
        aig.output = synthesize(truth, in: &aig)
        return aig.compacted()
    }

    /// Every structure the top level of the search considers for `truth`
    /// (each decomposition with its best sub-structures), compacted.
    static func candidates(for truth: UInt16) -> [SmallAIG] {
        var aig = SmallAIG(leafCount: 4)
        var found: [SmallAIG] = []
        _ = synthesize(truth, in: &aig) { candidate, literal in
            var structure = candidate
            structure.output = literal
            found.append(structure.compacted())
        }
        return found
    }

    /// The literal of `aig` computing `f`, adding as few nodes as the search
    /// finds; `observe` sees every top-level candidate.
    static func synthesize(_ f: UInt16, in aig: inout SmallAIG,
                           observe: ((SmallAIG, UInt32) -> Void)? = nil) -> UInt32 {
        if let trivial = trivialLiteral(f, in: aig) {
            observe?(aig, trivial)
            return trivial
        }
        var best: (aig: SmallAIG, literal: UInt32)?
        func consider(_ build: (inout SmallAIG) -> UInt32) {
            var candidate = aig
            let literal = build(&candidate)
            observe?(candidate, literal)
            if best == nil || candidate.nodeCount < best!.aig.nodeCount { best = (candidate, literal) }
        }
        var decomposable = false
        for i in 0..<4 where TruthTable4.dependsOn(f, i) {
            let f0 = TruthTable4.cofactor0(f, i), f1 = TruthTable4.cofactor1(f, i), x = aig.leaf(i)
            if f0 == 0 || f1 == 0 || f0 == 0xFFFF || f1 == 0xFFFF || f0 == ~f1 { decomposable = true }
            if f0 == 0 { consider { $0.and(x, synthesize(f1, in: &$0)) } }
            if f1 == 0 { consider { $0.and(x ^ 1, synthesize(f0, in: &$0)) } }
            if f1 == 0xFFFF { consider { $0.or(x, synthesize(f0, in: &$0)) } }
            if f0 == 0xFFFF { consider { $0.or(x ^ 1, synthesize(f1, in: &$0)) } }
            if f0 == ~f1 { consider { $0.xor(x, synthesize(f0, in: &$0)) } }
        }
        if !decomposable {
            for i in 0..<4 where TruthTable4.dependsOn(f, i) {
                let f0 = TruthTable4.cofactor0(f, i), f1 = TruthTable4.cofactor1(f, i), x = aig.leaf(i)
                consider { aig in
                    let t = synthesize(f1, in: &aig)
                    let e = synthesize(f0, in: &aig)
                    return aig.mux(x, t, e)
                }
            }
        }
        let isop = ISOP(maxVariables: 4)
        for negated in [false, true] {
            let g = negated ? ~f : f
            isop.cover(of: UInt64(g) * 0x0001_0001_0001_0001, variableCount: 4)
            let cubes = isop.cubes
            consider { SOPFactoring.build(cubes, into: &$0) ^ (negated ? 1 : 0) }
        }
        aig = best!.aig
        return best!.literal
    }

    /// The literal for a constant or a single (possibly complemented) variable.
    static func trivialLiteral(_ f: UInt16, in aig: SmallAIG) -> UInt32? {
        if f == 0 { return 0 }
        if f == 0xFFFF { return 1 }
        for i in 0..<4 {
            if f == TruthTable4.variable(i) { return aig.leaf(i) }
            if f == ~TruthTable4.variable(i) { return aig.leaf(i) ^ 1 }
        }
        return nil
    }
}
