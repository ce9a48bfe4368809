@testable import Symbolic
import _TestSupport
import Testing

/// The fast interpreter (the layers over bit-planes) against the reference interpreter, which
/// computes the same semantics position by position.
@Suite struct PlaneInterpreterTests {
    /// Every stored label at every position after every layer, on random programs and texts
    /// (0x00 included), agrees with the reference.
    @Test(arguments: 0..<60)
    func everyLabelAgreesWithTheReference(seed: Int) throws {
        var random = RandomPrograms(seed: UInt64(seed))
        let program = random.program(span: 1 + random.next(6))
        let interpreter = try SymbolicInterpreter(program)
        let text = random.text(count: 150 + random.next(100))
        let reference = interpreter.run(text)
        // The planes over W bytes of padding and then the text.
        let w = interpreter.windowLength
        let piece = [UInt8](repeating: 0, count: w) + text
        let algebra = PositionBits(count: piece.count)
        let (bytes, pad) = piece.withUnsafeBufferPointer { (algebra.bytePlanes(of: $0), algebra.plane(of: $0) { $0 == 0 }) }
        var evaluator = PlaneEvaluator(algebra: algebra, universe: interpreter.universe, layers: interpreter.layers, bytes: bytes, pad: pad)
        let planes = evaluator.run()
        for layer in 0...program.layerCount {
            for i in text.indices {
                let expected = Set(reference.labelNumbers(at: i, afterLayer: layer))
                let got = Set((0..<interpreter.universe.count).filter { algebra.holds(planes[layer][$0], at: w + i) })
                guard expected == got else {
                    let name = { (s: Set<Int>) in s.sorted().map { interpreter.universe.labels[$0].description } }
                    Issue.record("seed \(seed) layer \(layer) position \(i): reference \(name(expected.subtracting(got))) only, planes \(name(got.subtracting(expected))) only\n\(program.text)")
                    return
                }
            }
        }
        #expect(interpreter.planeWinners(of: text) == interpreter.winners(reference))
    }

    /// The generated programs are not degenerate: across seeds, every head selects somewhere and
    /// finds nothing somewhere, and second-layer rules fire.
    @Test func theGeneratorExercisesEveryMechanism() throws {
        var seen = Set<String>()
        for seed in 0..<60 {
            var random = RandomPrograms(seed: UInt64(seed))
            let interpreter = try SymbolicInterpreter(random.program(span: 1 + random.next(6)))
            let text = random.text(count: 150 + random.next(100))
            let trace = interpreter.run(text)
            for i in text.indices {
                for n in trace.labelNumbers(at: i, afterLayer: 2) {
                    let name = interpreter.universe.labels[n].description
                    for prefix in ["h0.", "h1.", "h2.", "z", "pz"] where name.hasPrefix(prefix) {
                        seen.insert(prefix + (name.hasSuffix(".none") ? "none" : "some"))
                    }
                }
            }
        }
        #expect(seen.isSuperset(of: ["h0.some", "h0.none", "h1.some", "h1.none", "h2.some", "h2.none", "zsome", "pzsome"]), "\(seen.sorted())")
    }

    /// Winners of a sub-range of targets, split over threads, equal the whole text's.
    @Test func targetRangesAndThreadsAgree() throws {
        var random = RandomPrograms(seed: 99)
        let interpreter = try SymbolicInterpreter(random.program(span: 8))
        let text = random.text(count: 70_000)
        let all = interpreter.winners(predicting: 0..<text.count, in: text, threads: 1)
        #expect(interpreter.winners(predicting: 0..<text.count, in: text, threads: 2) == all)
        #expect(interpreter.winners(predicting: 1000..<5000, in: text) == Array(all[1000..<5000]))
        #expect(all == interpreter.winners(interpreter.run(text)))
        let runs = [0..<10, 500..<900, 901..<902, 69_000..<70_000, 3..<5]
        #expect(interpreter.winners(predictingRuns: runs, in: text) == runs.flatMap { Array(all[$0]) })
        // Enough runs to be split over two cores (≥ 2 × 32 Ki targets), in order.
        let many = stride(from: 0, to: 69_000, by: 600).map { $0 ..< $0 + 590 }
        #expect(interpreter.winners(predictingRuns: many, in: text, threads: 2) == many.flatMap { Array(all[$0]) })
        #expect(interpreter.winners(predictingRuns: many, in: text, threads: 1) == many.flatMap { Array(all[$0]) })
    }
}
