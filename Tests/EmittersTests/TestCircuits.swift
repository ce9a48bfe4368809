import Circuits

/// Small circuits that exercise the corners of the emitters.
enum TestCircuits {
    /// Names that are not identifiers: brackets, comment terminators, trigraphs, keywords, duplicates.
    static let awkwardNames = ["a[0]", "x*/y", "??/", "class", "module", "a_0", "", "9lives", "a[0]", "wire", "in0", "out0"]

    /// `aig` with every input, latch and output named (cycling through `awkwardNames` plus an index).
    static func named(_ aig: AIG) -> AIG {
        var named = aig
        func name(_ kind: String, _ i: Int) -> String {
            let base = awkwardNames[i % awkwardNames.count]
            return i < awkwardNames.count ? (base.isEmpty ? "\(kind) \(i)" : base) : "\(kind)[\(i)]"
        }
        named.names.inputs = (0..<aig.inputCount).map { name("in", $0) }
        named.names.latches = (0..<aig.latchCount).map { name("q", $0) }
        named.names.outputs = (0..<aig.outputCount).map { name("y", $0) }
        return named
    }

    /// Combinational corner cases, each with a label.
    static var combinational: [(label: String, aig: AIG)] {
        var cases: [(String, AIG)] = []
        // No inputs: only constant outputs.
        cases.append(("no inputs", try! AIG(inputCount: 0, fanin0: [], fanin1: [], outputs: [.false, .true])))
        // No outputs (the one AND is dead).
        cases.append(("no outputs", try! AIG(inputCount: 2, fanin0: [Literal(variable: 2)], fanin1: [Literal(variable: 1)], outputs: [])))
        // Nothing at all.
        cases.append(("empty", AIG(inputCount: 0)))
        // Constants, inputs, complemented inputs and complemented ANDs as outputs; an unused input.
        var b = AIGBuilder()
        let x = b.addInput(name: "x"), y = b.addInput(name: "y"), _ = b.addInput(name: "unused")
        let z = b.addInput(name: "z")
        let g = b.xor(x, y)
        b.addOutput(.true, name: "one")
        b.addOutput(.false, name: "zero")
        b.addOutput(x, name: "x out")
        b.addOutput(!y, name: "not y")
        b.addOutput(g, name: "xor")
        b.addOutput(!g, name: "xnor")
        b.addOutput(b.and(!z, g), name: "z")
        b.addOutput(x, name: "x again")
        cases.append(("interface corners", b.build()))
        // An AND with a constant fanin (not produced by the builder, but legal in AIGER files).
        cases.append(("constant fanin", try! AIG(
            inputCount: 1, fanin0: [Literal(variable: 1), Literal(variable: 2)], fanin1: [.true, .false],
            outputs: [Literal(variable: 2), Literal(variable: 3, complemented: true)])))
        return cases
    }

    /// Sequential corner cases: latches reading latches (a swap), constants and inputs; all reset kinds.
    static var sequential: [(label: String, aig: AIG)] {
        var cases: [(String, AIG)] = []
        var b = AIGBuilder()
        let i = b.addInput(name: "enable")
        let p = b.addLatch(reset: .one, name: "p"), q = b.addLatch(reset: .zero, name: "q")
        let u = b.addLatch(reset: .uninitialized, name: "u"), k = b.addLatch(reset: .one, name: "constant")
        let unread = b.addLatch(reset: .zero, name: "unread")
        b.setNext(of: p, to: q)
        b.setNext(of: q, to: !p)
        b.setNext(of: u, to: b.xor(u, i))
        b.setNext(of: k, to: .false)
        b.setNext(of: unread, to: i)
        b.addOutput(p, name: "p")
        b.addOutput(!q, name: "not q")
        b.addOutput(b.and(u, p), name: "u and p")
        b.addOutput(k, name: "k")
        b.addOutput(i, name: "enable")
        cases.append(("latch corners", b.build()))
        // A 3-bit counter with no inputs and no outputs but its own bits.
        var c = AIGBuilder()
        let bits = (0..<3).map { _ in c.addLatch(reset: .zero) }
        var carry = Literal.true
        for bit in bits {
            c.setNext(of: bit, to: c.xor(bit, carry))
            carry = c.and(carry, bit)
            c.addOutput(bit)
        }
        cases.append(("counter without inputs", c.build()))
        return cases
    }
}
