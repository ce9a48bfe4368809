import Circuits
import GateLMSupport

/// Random-simulation comparison of two circuits with the same interface, for
/// tests of passes: a cheap necessary condition beside the SAT-based `cec`.
enum SimulationEquivalence {
    /// The first 64-pattern word (and bit mask) where the outputs, latch next
    /// states or properties of `a` and `b` differ over `words` words of random
    /// inputs, stepping sequential circuits from reset for `steps` cycles;
    /// nil when they agree everywhere.
    static func firstDifference(_ a: AIG, _ b: AIG, words: Int = 64, steps: Int = 4, seed: UInt64 = 1) -> (word: Int, output: Int)? {
        precondition(a.inputCount == b.inputCount && a.outputCount == b.outputCount && a.latchCount == b.latchCount,
                     "interfaces differ")
        var rng = SplitMix64(seed: seed)
        for word in 0..<words {
            var stateA = a.latches.map { $0.reset.simulationValue ? UInt64.max : 0 }
            var stateB = b.latches.map { $0.reset.simulationValue ? UInt64.max : 0 }
            for _ in 0..<(a.isSequential ? steps : 1) {
                let inputs = (0..<a.inputCount).map { _ in rng.next() }
                let valuesA = a.evaluateVariables(inputs: inputs, latchValues: stateA)
                let valuesB = b.evaluateVariables(inputs: inputs, latchValues: stateB)
                let rootsA = a.rootLiterals.map { AIG.value($0, in: valuesA) }
                let rootsB = b.rootLiterals.map { AIG.value($0, in: valuesB) }
                if let o = rootsA.indices.first(where: { rootsA[$0] != rootsB[$0] }) { return (word, o) }
                stateA = a.latches.map { AIG.value($0.next, in: valuesA) }
                stateB = b.latches.map { AIG.value($0.next, in: valuesB) }
            }
        }
        return nil
    }
}
