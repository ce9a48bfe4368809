import Circuits

/// A compiled language-model circuit, run by simulation: the one interface through which
/// `eval`, `verify`, `generate`, `optimize --care` and the interpretability commands use a model
/// of any family.
///
/// The interface is read from the AIG's names, so any circuit with the convention works (for
/// example after optimisation). Two ways of reading text share it:
/// - a **window** circuit (`DiscreteGateNetwork.circuit()`) is combinational, with inputs
///   `ctx[-p][b]` (bit b of the p-th most recent byte);
/// - a **recurrent** circuit (`DiscreteTernaryRNN.circuit()`) is sequential, with inputs `x[b]`
///   (the byte read this clock) and its state in latches: byte in, state carried, scores out.
///
/// Both have outputs `score[0xNN][i]` (bit i of the integer score of byte NN for the next byte);
/// other outputs (such as `argmax[i]`) are ignored.
public struct CircuitLanguageModel: Sendable {
    public let aig: AIG
    /// How the circuit reads text.
    public enum Reading: Sendable, Hashable {
        /// Combinational over the last W bytes.
        case window(contextLength: Int)
        /// Sequential, one byte per clock, with this many latches.
        case recurrent(stateBits: Int)
    }

    public let reading: Reading
    /// W: bytes of context of a window circuit; 0 for a recurrent one, whose context is its state.
    public let contextLength: Int
    /// The byte of each class, in byte order (whatever order the circuit lists its score
    /// outputs in), so that "the first class among equal scores" is the lowest byte for every
    /// circuit: the one tie rule of every command.
    public let classBytes: [UInt8]
    /// The readout recorded in the circuit's comments, if any.
    public let readout: ReadoutParameters?
    /// For each class, the output indices of its score bits, least significant first.
    public let scoreOutputs: [[Int]]
    /// Names of internal nodes (empty when the circuit records none that fit it).
    public let nodeNames: NodeNames
    /// Why recorded node names were not used, if they were not.
    public let nodeNamesNote: String?
    /// Where a window circuit's input bytes come from along a text (`window(at:in:)`).
    public internal(set) var windowSource: WindowSource = .text
    let simulator: Simulator

    /// Why an AIG cannot be used as a language model.
    public struct InterfaceError: Error, CustomStringConvertible {
        public var description: String
    }

    public init(_ aig: AIG) throws(InterfaceError) {
        let w: Int
        if aig.isSequential {
            guard aig.inputCount == 8 else {
                throw InterfaceError(description: "a recurrent language-model circuit has 8 inputs (the byte read) and latches; this one has \(aig.inputCount) inputs and \(aig.latchCount) latches")
            }
            for b in 0..<8 where aig.names.input(b) != DiscreteTernaryRNN.byteInputName(bit: b) {
                throw InterfaceError(description: "input \(b) should be named \(DiscreteTernaryRNN.byteInputName(bit: b)), not \(aig.names.input(b) ?? "(unnamed)")")
            }
            w = 0
            reading = .recurrent(stateBits: aig.latchCount)
        } else {
            guard aig.inputCount > 0, aig.inputCount % 8 == 0 else {
                throw InterfaceError(description: "a window language-model circuit is combinational with 8·W inputs; this one has \(aig.inputCount) inputs")
            }
            w = aig.inputCount / 8
            for p in 0..<w {
                for b in 0..<8 where aig.names.input(p * 8 + b) != CircuitNames.contextInput(position: p, bit: b) {
                    throw InterfaceError(description: "input \(p * 8 + b) should be named \(CircuitNames.contextInput(position: p, bit: b)), not \(aig.names.input(p * 8 + b) ?? "(unnamed)")")
                }
            }
            reading = .window(contextLength: w)
        }
        let (classBytes, outputs) = try Self.scoreInterface(of: aig)
        self.aig = aig
        self.contextLength = w
        self.classBytes = classBytes
        self.scoreOutputs = outputs
        self.readout = ReadoutParameters(comments: aig.comments)
        do {
            nodeNames = try NodeNames(comments: aig)
            nodeNamesNote = nil
        } catch {
            nodeNames = NodeNames()
            nodeNamesNote = error.description
        }
        self.simulator = Simulator(aig)
    }

    /// The class bytes in byte order and, per class, the output indices of its score bits (least
    /// significant first), from the outputs named `score[0xNN][i]`; other outputs are ignored.
    static func scoreInterface(of aig: AIG) throws(InterfaceError) -> (classBytes: [UInt8], outputs: [[Int]]) {
        var classBytes = [UInt8](), outputs = [[Int]]()
        for o in 0..<aig.outputCount {
            guard let name = aig.names.output(o), let (byte, bit) = Self.parseScoreName(name) else { continue }
            if classBytes.last != byte {
                guard !classBytes.contains(byte) else {
                    throw InterfaceError(description: "the score bits of byte 0x\(String(byte, radix: 16)) are not contiguous outputs")
                }
                classBytes.append(byte)
                outputs.append([])
            }
            guard bit == outputs[outputs.count - 1].count else {
                throw InterfaceError(description: "output \(name) is out of order: score bits must be least significant first")
            }
            outputs[outputs.count - 1].append(o)
        }
        guard !classBytes.isEmpty else {
            throw InterfaceError(description: "no outputs named score[0xNN][i]: this circuit is not a compiled language model")
        }
        let order = classBytes.indices.sorted { classBytes[$0] < classBytes[$1] }
        return (order.map { classBytes[$0] }, order.map { outputs[$0] })
    }

    /// `(byte, bit)` of an output named `score[0xNN][i]`.
    static func parseScoreName(_ name: String) -> (UInt8, Int)? {
        guard name.hasPrefix("score[0x"), name.hasSuffix("]") else { return nil }
        let body = name.dropFirst("score[0x".count).dropLast()
        let parts = body.split(separator: "][")
        guard parts.count == 2, let byte = UInt8(parts[0], radix: 16), let bit = Int(parts[1]) else { return nil }
        return (byte, bit)
    }

    public var classCount: Int { classBytes.count }

    /// Whether the circuit is sequential (reads a byte per clock, its state in latches).
    public var isRecurrent: Bool {
        if case .recurrent = reading { return true }
        return false
    }

    /// Why a window-only operation cannot take a recurrent circuit.
    public func requireWindow(for what: String) throws(InterfaceError) {
        guard isRecurrent else { return }
        throw InterfaceError(description: "\(what) reads a window circuit (inputs ctx[-p][b]); this one is recurrent (inputs x[b], \(aig.latchCount) latches)")
    }

    /// Integer class scores for `count` contexts (`contextLength` bytes each,
    /// oldest first), context-major, as `DiscreteGateNetwork.scores`.
    public func scores(contexts: [UInt8], count: Int, threads: Int = Simulator.defaultThreadCount) -> [Int32] {
        precondition(!isRecurrent, "contexts are the input of a window circuit")
        return scores(outputs: simulator.simulate(inputPatterns(contexts: contexts, count: count), threads: threads))
    }

    /// The circuit's input patterns for `count` contexts (oldest byte first):
    /// pattern i sets `ctx[-p][b]` to bit b of the p-th most recent byte of context i.
    public func inputPatterns(contexts: [UInt8], count: Int) -> PatternSet {
        precondition(contexts.count == count * contextLength, "expected \(count) contexts of \(contextLength) bytes")
        var inputs = PatternSet(signalCount: contextLength * 8, patternCount: count)
        for i in 0..<count {
            for slot in 0..<contextLength {
                let byte = contexts[i * contextLength + slot], position = contextLength - 1 - slot
                for b in 0..<8 where byte >> b & 1 == 1 { inputs[position * 8 + b, i] = true }
            }
        }
        return inputs
    }

    /// Integer class scores, context-major, decoded from the circuit's output
    /// values (from the simulator, or printed by emitted C).
    public func scores(outputs: PatternSet) -> [Int32] {
        precondition(outputs.signalCount == aig.outputCount, "expected the values of all \(aig.outputCount) outputs")
        let decoder = ScoreDecoder(planes: scoreOutputs)
        return [Int32](unsafeUninitializedCapacity: outputs.patternCount * classCount) { scores, initialized in
            outputs.withUnsafeWords { words in
                guard let words = words.baseAddress, let scores = scores.baseAddress else { return }
                decoder.decode(outputWords: words, patternCount: outputs.patternCount, into: scores)
            }
            initialized = outputs.patternCount * classCount
        }
    }
}

extension CircuitLanguageModel {
    /// Each class's readout votes (`vote[0xNN][j]`, the gate network's GroupSum groups), when the circuit names
    /// them for every class; nil otherwise. The score of a class without other terms (no count ROM) is the number
    /// of its votes that are 1 — which callers check before relying on it (`PredictionCircuit`).
    public var namedVotes: [[Literal]]? {
        var groups = [[Literal]]()
        for byte in classBytes {
            var group = [Literal]()
            while let literal = nodeNames.literal(named: DiscreteGateNetwork.voteName(byte: byte, index: group.count)) { group.append(literal) }
            guard !group.isEmpty else { return nil }
            groups.append(group)
        }
        return groups
    }
}
