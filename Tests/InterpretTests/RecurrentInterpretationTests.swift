import Circuits
import Interpret
import LanguageModels
import Testing

/// The interpretability commands on a state machine: its unrolled window view, checked by brute
/// force over every context of two bytes, and its latch dependency graph.
@Suite struct RecurrentInterpretationTests {
    static let classes = Array("\n abcde".utf8)

    static func machine(seed: UInt64) -> DiscreteTernaryRNN {
        DiscreteTernaryRNN.random(seed: seed, stateBits: 12, codeBits: 5, classes: classes)
    }

    /// The unrolled circuit's scores are the machine's after reading the window from reset, on
    /// every one of the 65 536 two-byte contexts.
    @Test func unrolledViewScoresEveryContextAsTheMachine() throws {
        let machine = Self.machine(seed: 4)
        let model = try CircuitLanguageModel(machine.circuit(readout: ReadoutParameters(temperature: 1, epsilon: 0.01)))
        let view = try model.unrolled(horizon: 2)
        #expect(view.reading == .window(contextLength: 2) && view.readout == model.readout && view.classBytes == model.classBytes)
        #expect(view.nodeNames.literal(named: "h@-1[3]") != nil && view.nodeNames.literal(named: "h@-2[11]") != nil)
        let contexts = TestModels.allContexts(contextLength: 2)
        let scores = view.scores(contexts: contexts, count: 1 << 16)
        let kernel = machine.kernel
        var expected = [Int32](repeating: 0, count: machine.classCount)
        for index in 0..<(1 << 16) {
            var state = kernel.initialState
            kernel.step(&state, byte: contexts[2 * index])
            kernel.step(&state, byte: contexts[2 * index + 1])
            kernel.scores(state, into: &expected)
            #expect(Array(scores[index * machine.classCount ..< (index + 1) * machine.classCount]) == expected, "context \(index)")
        }
        #expect(try model.unrolled(horizon: 2).aig.inputCount == 16)
        #expect(throws: CircuitLanguageModel.InterfaceError.self) { try model.unrolled(horizon: 0) }
    }

    /// `explain` on the unrolled machine: the chosen bytes force the prediction over every
    /// completion, and each is needed.
    @Test(arguments: [UInt64(5), 6])
    func explanationIsSufficientAndMinimalByBruteForce(seed: UInt64) throws {
        let model = try CircuitLanguageModel(Self.machine(seed: seed).circuit(readout: ReadoutParameters(temperature: 1, epsilon: 0)))
            .unrolled(horizon: 2)
        let contexts = TestModels.allContexts(contextLength: 2)
        let tops = model.predictions(contexts: contexts, count: 1 << 16).map(\.topClass)
        for prompt in ["ab", "d", "e a"] {
            let bytes = Array(prompt.utf8)
            let e = try explainPrediction(model: model, prompt: bytes, params: ExplanationParams(granularity: .byte))
            #expect(e.minimal)
            let context = PromptContexts(prompt: bytes, contextLength: 2).context(at: bytes.count)
            let top = tops[Int(context[0]) << 8 | Int(context[1])]
            #expect(e.prediction == Int(model.classBytes[top]))
            // Positions: 1 is the most recent byte, the low 8 bits of the index.
            func agrees(_ index: Int, on positions: [Int]) -> Bool {
                positions.allSatisfy { p in (index >> (8 * (p - 1))) & 0xFF == Int(context[2 - p]) }
            }
            for index in 0..<(1 << 16) where agrees(index, on: e.positions) {
                #expect(tops[index] == top, "completion \(index) breaks the explanation of \"\(prompt)\"")
            }
            for dropped in e.positions {
                let rest = e.positions.filter { $0 != dropped }
                #expect((0..<(1 << 16)).contains { agrees($0, on: rest) && tops[$0] != top }, "ctx[-\(dropped)] is needed")
            }
        }
    }

    /// The free-state view, given the state the machine reached before its horizon, scores as the
    /// machine reading the whole text, at every position past the horizon (12 latches: two
    /// state positions, the second half full).
    @Test func freeStateViewScoresAsTheMachineOnTheWholeText() throws {
        let machine = Self.machine(seed: 8)
        let model = try CircuitLanguageModel(machine.circuit(readout: ReadoutParameters(temperature: 1, epsilon: 0.01)))
        let view = try model.unrolled(horizon: 3, initialState: .free)
        #expect(view.contextLength == 5 && view.textPositions == 1...3 && view.statePositions == [4, 5])
        #expect(view.nodeNames.literal(named: "h@-4[11]") == Literal(variable: 1 + 8 * 3 + 11, complemented: false))
        let text = Array("a bad cab, a dead bee\nace".utf8)
        let positions = Array(3...text.count)
        let windows = view.windows(at: positions, in: text)
        let scores = view.scores(contexts: windows.flatMap { $0 }, count: windows.count)
        let kernel = machine.kernel
        var state = kernel.initialState, expected = [Int32](repeating: 0, count: machine.classCount)
        for (t, byte) in text.enumerated() {
            kernel.step(&state, byte: byte)
            guard let k = positions.firstIndex(of: t + 1) else { continue }
            kernel.scores(state, into: &expected)
            #expect(Array(scores[k * machine.classCount ..< (k + 1) * machine.classCount]) == expected, "after \(t + 1) bytes")
            #expect(Array(windows[k].suffix(3)) == Array(text[(t - 2)...t]))
        }
        // The state positions hold the latches the machine had before the horizon.
        let before = model.latchStates(along: text, at: [text.count - 3])[0]
        let packed = windows.last!.prefix(2)
        #expect((0..<12).allSatisfy { j in (packed[packed.startIndex + 1 - j / 8] >> UInt8(j % 8) & 1 == 1) == before[j] })
    }

    /// `explain` with the state left free, against brute force over every window (one byte and
    /// the 8 latches before it): the chosen bits force the prediction whatever the state and the
    /// other bits, each is needed, and when the byte alone cannot force it the answer says so
    /// with a counterexample state. Both outcomes occur.
    @Test func freeStateExplanationsAgreeWithBruteForce() throws {
        var outcomes = Set<Bool>()
        // Sparse machines (90 % zero weights), in which a byte can overwrite what the readout reads.
        for seed in UInt64(11)...16 {
            let machine = DiscreteTernaryRNN.random(seed: seed, stateBits: 8, codeBits: 5, classes: Self.classes, zeroFraction: 0.9)
            let model = try CircuitLanguageModel(machine.circuit(readout: ReadoutParameters(temperature: 1, epsilon: 0)))
            let view = try model.unrolled(horizon: 1, initialState: .free)
            #expect(view.contextLength == 2 && view.statePositions == [2])
            let windows = TestModels.allContexts(contextLength: 2)   // index = state << 8 | byte
            let tops = view.predictions(contexts: windows, count: 1 << 16).map(\.topClass)
            for prompt in ["ab", "e d", "c"] {
                let bytes = Array(prompt.utf8)
                let e = try explainPrediction(model: view, prompt: bytes, params: ExplanationParams(granularity: .bit))
                let window = PromptContexts(prompt: bytes, model: view).context(at: bytes.count)
                let byte = Int(window[1]), top = tops[Int(window[0]) << 8 | byte]
                #expect(e.prediction == Int(view.classBytes[top]) && e.statePositions == [2])
                func agrees(_ index: Int, on bits: [Int]) -> Bool { bits.allSatisfy { (index ^ byte) >> $0 & 1 == 0 } }
                let forcedByByte = (0..<256).allSatisfy { tops[$0 << 8 | byte] == top }
                #expect(e.forced == forcedByByte, "seed \(seed), \"\(prompt)\"")
                outcomes.insert(e.forced)
                if let counterexample = e.counterexample {
                    #expect(!e.forced && e.certificate == .none && counterexample.context.hasSuffix(hexString([UInt8(byte)])))
                    continue
                }
                let bits = e.fixed.map(\.bit)
                #expect(e.fixed.allSatisfy { $0.position == 1 } && e.minimal)
                for index in 0..<(1 << 16) where agrees(index, on: bits) {
                    #expect(tops[index] == top, "window \(index) breaks the explanation of \"\(prompt)\", seed \(seed)")
                }
                for dropped in bits {
                    #expect((0..<(1 << 16)).contains { agrees($0, on: bits.filter { $0 != dropped }) && tops[$0] != top }, "bit \(dropped) is needed")
                }
            }
        }
        #expect(outcomes == [true, false], "both forced and unforced predictions occur")
    }

    /// `query --node` on the unrolled machine's state bits agrees with brute force: is there a
    /// context with ctx[-2] = 'a' after which state bit i is v (and, with a second goal, 'b' is not the top)?
    @Test func queriesOnStateBitsAgreeWithBruteForce() throws {
        let model = try CircuitLanguageModel(Self.machine(seed: 7).circuit(readout: ReadoutParameters(temperature: 1, epsilon: 0)))
            .unrolled(horizon: 2)
        let contexts = TestModels.allContexts(contextLength: 2)
        let values = NodeValues(model, contexts: contexts, count: 1 << 16)
        let tops = model.predictions(contexts: contexts, count: 1 << 16).map(\.topClass)
        let constraint = try ContextConstraint.parse("ctx[-2]='a'", contextLength: 2)
        var answers = Set<Query.Result>()
        for bit in [0, 3, 7, 11] {
            for value in [false, true] {
                let name = "h@-1[\(bit)]"
                let literal = try #require(model.nodeNames.literal(named: name))
                for notTop in [false, true] {
                    let b = model.classIndex(of: UInt8(ascii: "b"))!
                    let expected = (0..<(1 << 16)).contains { i in
                        i >> 8 == Int(UInt8(ascii: "a")) && values.value(literal, pattern: i) == value && (!notTop || tops[i] != b)
                    }
                    let goals: [Query.Goal] = [.node(name, value)] + (notTop ? [.notTop(UInt8(ascii: "b"))] : [])
                    let query = try Query(model: model, constraints: constraint, goals: goals)
                    #expect(query.result == (expected ? .sat : .unsat), "\(name) = \(value), not top b: \(notTop)")
                    answers.insert(query.result)
                }
            }
        }
        #expect(answers == [.sat, .unsat], "both answers occur")
        #expect(throws: Query.QueryError.self) { try Query(model: model, constraints: [], goals: [.node("h@-9[0]", true)]) }
        #expect(try Query.Goal.parseNode("h@-1[3]=1") == .node("h@-1[3]", true))
        #expect(throws: ContextConstraint.ParseError.self) { try Query.Goal.parseNode("h@-1[3]") }
    }

    /// A hand-built machine: a and b feed each other, c reads a, d reads only the input.
    @Test func latchDependenciesFindTheSubMachines() {
        var builder = AIGBuilder()
        let x = builder.addInput(name: "x[0]")
        let a = builder.addLatch(name: "a"), b = builder.addLatch(name: "b")
        let c = builder.addLatch(name: "c"), d = builder.addLatch(name: "d")
        builder.setNext(of: a, to: builder.and(b, x))
        builder.setNext(of: b, to: !a)
        builder.setNext(of: c, to: builder.and(a, !c))
        builder.setNext(of: d, to: !x)
        builder.addOutput(builder.and(c, d))
        let graph = LatchDependencies(builder.build())
        #expect(graph.latchCount == 4 && graph.edges == 4 && graph.selfLoops == 1 && graph.inputOnlyLatches == 1)
        #expect(graph.components.map(\.latches) == [["a", "b"], ["c"], ["d"]])
        #expect(graph.components.map(\.cyclic) == [true, true, false])
        #expect(graph.components[1].reads == [0] && graph.components[0].reads.isEmpty)
        #expect(graph.components.map(\.readsInput) == [true, false, true])
    }
}
