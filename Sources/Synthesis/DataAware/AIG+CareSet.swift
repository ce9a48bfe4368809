import Circuits

/// What data-aware simplification found and did.
public struct CareSetReport: Sendable, Hashable {
    /// Patterns in the care set.
    public var patterns: Int
    /// Inputs constant on every care pattern, replaced by that constant.
    public var constantInputs: Int
    /// Inputs equal or complementary to an earlier input on every care pattern, replaced by it.
    public var mergedInputs: Int
    /// ANDs constant on every care pattern, replaced by that constant.
    public var constantAnds: Int
    /// ANDs equal or complementary to an earlier node on every care pattern, merged into it.
    public var mergedAnds: Int
    /// Nodes that disagree with a constant on at least one but at most the
    /// tolerated number of care patterns, replaced by that constant (approximation).
    public var approximatedConstants: Int
    /// Candidates from the signature hash that an exact comparison rejected.
    public var rejectedCandidates: Int
    public var andsBefore: Int
    /// ANDs after merging (before any refactoring with don't-cares).
    public var andsAfterMerging: Int
    public var andsAfter: Int
}

extension AIG {
    /// Both data-aware steps: merging nodes that agree on the care patterns
    /// (`simplified(onCareSet:)`), then refactoring narrow cones with the
    /// input combinations that never occur as don't-cares
    /// (`refactored(onCareSet:)`). The result agrees with this circuit on
    /// every care pattern (up to `constantTolerance`, see `simplified`).
    ///
    /// A sequential circuit is simplified through its combinational view (`latchesCut`): the care
    /// patterns then give the inputs followed by the latches' values, for example every (byte,
    /// state) pair a recurrent model reaches on its training text. The result then steps exactly
    /// like this circuit along any trace whose (input, state) pairs are all care patterns.
    public func dataAwareSimplified(onCareSet care: PatternSet, constantTolerance: Int = 0) -> (aig: AIG, report: CareSetReport) {
        if isSequential {
            let (view, report) = latchesCut.dataAwareSimplified(onCareSet: care, constantTolerance: constantTolerance)
            return (reattachingLatches(to: view), report)
        }
        var (merged, report) = simplified(onCareSet: care, constantTolerance: constantTolerance)
        merged = merged.refactored(onCareSet: care)
        report.andsAfter = merged.andCount
        return (merged, report)
    }

    /// Data-aware simplification: every node is simulated on the care
    /// patterns (for a language model, every context of the training text);
    /// nodes constant on all of them become that constant, and nodes equal or
    /// complementary to an earlier node on all of them are merged into it.
    ///
    /// The result agrees with this circuit on every care pattern but is in
    /// general **not equivalent** to it: outside the care set it may differ.
    /// Candidates come from a 64-bit signature of each node's (phase-
    /// normalised) values and are then confirmed by an exact comparison, so
    /// the agreement on the care set is guaranteed, not probable.
    ///
    /// With `constantTolerance` above 0 the simplification is approximate
    /// even on the care set: a node that disagrees with a constant on at most
    /// that many care patterns also becomes the constant. Combinational circuits only.
    public func simplified(onCareSet care: PatternSet, constantTolerance: Int = 0) -> (aig: AIG, report: CareSetReport) {
        precondition(!isSequential, "data-aware simplification takes combinational circuits")
        precondition(care.signalCount == inputCount, "the care set needs one signal per input")
        var chunks = NodeValueChunks(self, patterns: care)
        let n = variableCount, w = chunks.words
        // Pass 1: the phase of each node (its value on pattern 0) and a signature of its values
        // in that phase, so that a node and its complement hash equal.
        var phase = [Bool](repeating: false, count: n)
        var signature = [UInt64](repeating: 0x243F_6A88_85A3_08D3, count: n)
        // Care patterns on which each node differs from its value on pattern 0.
        var differing = [Int](repeating: 0, count: n)
        for chunk in 0..<chunks.chunkCount {
            chunks.evaluate(chunk: chunk)
            chunks.values.withUnsafeBufferPointer { values in
                for v in 0..<n {
                    if chunk == 0 && care.patternCount > 0 { phase[v] = values[v * w] & 1 != 0 }
                    let flip: UInt64 = phase[v] ? ~0 : 0
                    var h = signature[v], count = 0
                    for j in 0..<w {
                        let word = (values[v * w + j] ^ flip) & chunks.validMask(chunk: chunk, word: j)
                        h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
                        h ^= h >> 29
                        count += word.nonzeroBitCount
                    }
                    signature[v] = h
                    differing[v] += count
                }
            }
        }
        // Candidates: the first node with the same signature (variable 0, the constant, comes first).
        var firstWithSignature: [UInt64: Int] = [:]
        var candidate = [Int](repeating: -1, count: n)
        let latchRange = firstLatchVariable ..< firstAndVariable
        for v in 0..<n where !latchRange.contains(v) {
            if let earlier = firstWithSignature[signature[v]] { candidate[v] = earlier } else { firstWithSignature[signature[v]] = v }
        }
        // Pass 2: confirm every candidate exactly.
        var confirmed = candidate.map { $0 >= 0 }
        for chunk in 0..<chunks.chunkCount {
            chunks.evaluate(chunk: chunk)
            chunks.values.withUnsafeBufferPointer { values in
                for v in 0..<n where confirmed[v] {
                    let r = candidate[v]
                    let flip: UInt64 = phase[v] != phase[r] ? ~0 : 0
                    for j in 0..<w where (values[v * w + j] ^ values[r * w + j] ^ flip) & chunks.validMask(chunk: chunk, word: j) != 0 {
                        confirmed[v] = false
                        break
                    }
                }
            }
        }
        // Rebuild with the confirmed substitutions.
        var rebuild = AIGRebuilder(self)
        var report = CareSetReport(patterns: care.patternCount, constantInputs: 0, mergedInputs: 0, constantAnds: 0, mergedAnds: 0,
                                   approximatedConstants: 0, rejectedCandidates: 0, andsBefore: andCount, andsAfterMerging: 0, andsAfter: 0)
        for v in 1..<n where !latchRange.contains(v) {
            if candidate[v] >= 0 && !confirmed[v] { report.rejectedCandidates += 1 }
            let isAnd = v >= firstAndVariable
            if confirmed[v] {
                let r = candidate[v]
                rebuild.setImage(ofVariable: v, to: rebuild.map(Literal(variable: r, complemented: phase[v] != phase[r])))
                if r == 0 {
                    if isAnd { report.constantAnds += 1 } else { report.constantInputs += 1 }
                } else if isAnd {
                    report.mergedAnds += 1
                } else {
                    report.mergedInputs += 1
                }
            } else if let value = nearConstant(differing[v], phase: phase[v], patterns: care.patternCount, tolerance: constantTolerance) {
                rebuild.setImage(ofVariable: v, to: value ? .true : .false)
                report.approximatedConstants += 1
            } else if isAnd {
                rebuild.copyAnd(v - firstAndVariable)
            }
        }
        let result = rebuild.finish()
        report.andsAfterMerging = result.andCount
        report.andsAfter = result.andCount
        return (result, report)
    }

    /// The constant a node is replaced by when it disagrees with it on at most `tolerance` patterns.
    private func nearConstant(_ differing: Int, phase: Bool, patterns: Int, tolerance: Int) -> Bool? {
        guard tolerance > 0 else { return nil }
        if differing <= tolerance { return phase }
        if patterns - differing <= tolerance { return !phase }
        return nil
    }
}
