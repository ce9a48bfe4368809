import Circuits

/// A small circuit of the demo with the integer function it must compute.
struct DemoCircuit {
    var name: String
    var summary: String
    var aig: AIG
    /// Expected output bits for one pattern of input bits (a time step, for sequential circuits,
    /// given the step index).
    var expected: (_ inputs: [Bool], _ step: Int) -> [Bool]

    /// The demo's circuits: arithmetic from the library, each with its specification.
    static func all() -> [DemoCircuit] {
        [adder(width: 16), popcount(width: 32), comparator(width: 12), neuron(inputs: 24, seed: 7),
         argmax(count: 4, width: 6), counter(width: 8)]
    }

    static func adder(width: Int) -> DemoCircuit {
        var b = AIGBuilder()
        let x = b.addInputs(width, prefix: "x"), y = b.addInputs(width, prefix: "y")
        for (i, s) in b.add(x, y).enumerated() { b.addOutput(s, name: "sum[\(i)]") }
        return DemoCircuit(name: "adder\(width)", summary: "\(width)-bit ripple-carry adder", aig: b.build()) { bits, _ in
            let (xv, yv) = (bits.unsigned(0, width), bits.unsigned(width, width))
            return (xv + yv).bits(width + 1)
        }
    }

    static func popcount(width: Int) -> DemoCircuit {
        var b = AIGBuilder()
        let x = b.addInputs(width, prefix: "x")
        let count = b.popcount(x)
        for (i, s) in count.enumerated() { b.addOutput(s, name: "count[\(i)]") }
        return DemoCircuit(name: "popcount\(width)", summary: "popcount of \(width) bits", aig: b.build()) { bits, _ in
            bits.filter { $0 }.count.bits(count.count)
        }
    }

    static func comparator(width: Int) -> DemoCircuit {
        var b = AIGBuilder()
        let x = b.addInputs(width, prefix: "x"), y = b.addInputs(width, prefix: "y")
        b.addOutput(b.greaterThanOrEqual(x, y), name: "x_ge_y")
        b.addOutput(b.equal(x, 1000), name: "x_eq_1000")
        return DemoCircuit(name: "compare\(width)", summary: "x ≥ y and x = 1000, \(width) bits", aig: b.build()) { bits, _ in
            let (xv, yv) = (bits.unsigned(0, width), bits.unsigned(width, width))
            return [xv >= yv, xv == 1000]
        }
    }

    static func neuron(inputs: Int, seed: UInt64) -> DemoCircuit {
        var rng = SplitMix64(seed: seed)
        let weights = (0..<inputs).map { _ in Int8(Int(rng.next() % 3) - 1) }
        let threshold = 2
        var b = AIGBuilder()
        let x = b.addInputs(inputs, prefix: "x")
        b.addOutput(b.thresholdNeuron(inputs: x, weights: weights, threshold: threshold), name: "fires")
        return DemoCircuit(name: "neuron\(inputs)", summary: "ternary neuron Σ wᵢxᵢ ≥ \(threshold)", aig: b.build()) { bits, _ in
            [zip(weights, bits).reduce(0) { $0 + ($1.1 ? Int($1.0) : 0) } >= threshold]
        }
    }

    static func argmax(count: Int, width: Int) -> DemoCircuit {
        var b = AIGBuilder()
        let values = (0..<count).map { b.addInputs(width, prefix: "v\($0)") }
        let (index, _) = b.argmax(values)
        for (i, s) in index.enumerated() { b.addOutput(s, name: "index[\(i)]") }
        return DemoCircuit(name: "argmax\(count)x\(width)", summary: "first argmax of \(count) \(width)-bit values", aig: b.build()) { bits, _ in
            let v = (0..<count).map { bits.unsigned($0 * width, width) }
            return v.firstIndex(of: v.max()!)!.bits(index.count)
        }
    }

    /// A sequential circuit: a counter that counts the steps on which `enable` was high.
    static func counter(width: Int) -> DemoCircuit {
        var b = AIGBuilder()
        let enable = b.addInput(name: "enable")
        let q = (0..<width).map { b.addLatch(name: "q[\($0)]") }
        var carry = enable
        for bit in q {
            let (sum, nextCarry) = b.halfAdder(bit, carry)
            b.setNext(of: bit, to: sum)
            carry = nextCarry
        }
        for (i, bit) in q.enumerated() { b.addOutput(bit, name: "count[\(i)]") }
        var history = [Bool]()
        return DemoCircuit(name: "counter\(width)", summary: "\(width)-bit enable counter (latches)", aig: b.build()) { bits, step in
            if step == 0 { history = [] }
            defer { history.append(bits[0]) }
            return (history.filter { $0 }.count % (1 << width)).bits(width)
        }
    }
}

extension Array where Element == Bool {
    /// The unsigned integer in bits `start..<start+width`, least significant first.
    func unsigned(_ start: Int, _ width: Int) -> Int {
        (0..<width).reduce(0) { $0 | (self[start + $1] ? 1 << $1 : 0) }
    }
}

extension Int {
    /// The low `width` bits, least significant first.
    func bits(_ width: Int) -> [Bool] { (0..<width).map { self >> $0 & 1 == 1 } }
}
