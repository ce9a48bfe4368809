import Circuits

/// Which arrays the C function being written reads, so that unused parameters get a `(void)` cast.
struct CArrayUses {
    var inputs = false
    var state = false
    var scratch = false
}

/// The functions that compute the circuit: parts, entry points and reset.
extension CGenerator {
    /// The C expression of a literal: `in[i]`, `state[j]`, a local `nV`, a scratch slot `v[s]` or a constant.
    mutating func expression(_ literal: Literal) -> String {
        let v = literal.variable
        let base: String
        if v == 0 {
            base = "\(prefix)_ZERO"
        } else if v < aig.firstLatchVariable {
            uses.inputs = true
            base = "in[\(v - 1)]"
        } else if v < aig.firstAndVariable {
            uses.state = true
            base = "state[\(v - aig.firstLatchVariable)]"
        } else if let slot = partition.slot(ofAnd: v - aig.firstAndVariable) {
            uses.scratch = true
            base = "v[\(slot)]"
        } else {
            base = "n\(v)"
        }
        return literal.isComplemented ? "~" + base : base
    }

    /// One line per AND: a local constant, or a store into its scratch slot.
    private mutating func writeAnds(_ ands: ArraySlice<Int>, into body: inout String) {
        let first = aig.firstAndVariable
        for k in ands {
            let a = expression(aig.fanin0[k]), b = expression(aig.fanin1[k])
            if let slot = partition.slot(ofAnd: k) {
                body += "  v[\(slot)] = \(a) & \(b);\n"
            } else {
                body += "  const \(word) n\(first + k) = \(a) & \(b);\n"
            }
        }
    }

    /// Outputs, then (for sequential circuits) the state update. Next states
    /// that read a latch go through temporaries so every next state sees the old state.
    private mutating func writeOutputsAndNextState(into body: inout String) {
        for (o, output) in aig.outputs.enumerated() { body += "  out[\(o)] = \(expression(output));\n" }
        var assignments = ""
        for (j, latch) in aig.latches.enumerated() {
            let value = expression(latch.next)
            let readsLatch = (aig.firstLatchVariable..<aig.firstAndVariable).contains(latch.next.variable)
            if readsLatch {
                body += "  const \(word) next\(j) = \(value);\n"
                assignments += "  state[\(j)] = next\(j);\n"
            } else {
                assignments += "  state[\(j)] = \(value);\n"
            }
        }
        body += assignments
    }

    /// `(void)x;` for each parameter the body does not read.
    private func unusedCasts(_ parameters: [(name: String, used: Bool)]) -> String {
        parameters.filter { !$0.used }.map { "  (void)\($0.name);\n" }.joined()
    }

    // MARK: Parts

    private func partName(_ p: Int) -> String { "\(prefix)_part\(p)" }

    mutating func writeParts() {
        guard partition.isSplit else { return }
        let state = aig.isSequential ? ", const \(word) *restrict state" : ""
        for (p, part) in partition.parts.enumerated() {
            uses = CArrayUses()
            var body = ""
            writeAnds(part, into: &body)
            text += "static \(prefix)_NOINLINE void \(partName(p))(const \(word) *restrict in\(state), \(word) *restrict v) {\n"
            var parameters = [(name: "in", used: uses.inputs)]
            if aig.isSequential { parameters.append((name: "state", used: uses.state)) }
            parameters.append((name: "v", used: uses.scratch))
            text += unusedCasts(parameters) + body + "}\n\n"
        }
    }

    // MARK: Entry points

    mutating func writeEntryPoints() {
        uses = CArrayUses()
        var body = ""
        if partition.isSplit {
            let state = aig.isSequential ? ", state" : ""
            for p in partition.parts.indices { body += "  \(partName(p))(in\(state), v);\n" }
            uses.inputs = true
            uses.state = true
        } else {
            writeAnds(partition.parts[0], into: &body)
        }
        writeOutputsAndNextState(into: &body)
        var parameters = [(name: "in", used: uses.inputs)]
        if aig.outputCount == 0 { parameters.append((name: "out", used: false)) }
        let casts = unusedCasts(parameters)
        let function = aig.isSequential ? "step" : "eval"
        let signature = aig.isSequential
            ? "\(inputParameter), \(stateParameter), \(outputParameter)" : "\(inputParameter), \(outputParameter)"
        let arguments = aig.isSequential ? "in, state, out" : "in, out"
        if partition.isSplit {
            text += "void \(prefix)_\(function)_scratch(\(signature), \(scratchParameter)) {\n\(casts)\(body)}\n\n"
            text += "static \(word) \(prefix)_scratch[\(prefix)_SCRATCH_WORDS];\n\n"
            text += "void \(prefix)_\(function)(\(signature)) {\n"
            text += "  \(prefix)_\(function)_scratch(\(arguments), \(prefix)_scratch);\n}\n"
        } else {
            text += "void \(prefix)_\(function)(\(signature)) {\n\(casts)\(body)}\n"
        }
    }

    mutating func writeReset() {
        text += "void \(prefix)_reset(\(stateParameter)) {\n"
        for (j, latch) in aig.latches.enumerated() {
            let value = latch.reset == .one ? "~\(prefix)_ZERO" : "\(prefix)_ZERO"
            text += "  state[\(j)] = \(value);\n"
        }
        text += "}\n\n"
    }
}
