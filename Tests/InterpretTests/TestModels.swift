import Circuits
import LanguageModels

/// Small random gate networks compiled with node names: every test model is
/// small enough to check against brute force.
enum TestModels {
    static func network(seed: UInt64, contextLength: Int = 2, embeddingBits: Int = 4, widths: [Int] = [24, 20],
                        classes: [UInt8] = Array("abcde".utf8)) -> DiscreteGateNetwork {
        DiscreteGateNetwork.random(seed: seed, contextLength: contextLength, embeddingBits: embeddingBits, widths: widths, classes: classes)
    }

    /// The network's circuit, through AIGER and back, as a command reads it.
    static func model(seed: UInt64, contextLength: Int = 2, widths: [Int] = [24, 20]) throws -> CircuitLanguageModel {
        let aig = network(seed: seed, contextLength: contextLength, widths: widths)
            .circuit(readout: ReadoutParameters(temperature: 2, epsilon: 1e-3), nodeNames: true)
        return try CircuitLanguageModel(try AIGERReader.read(bytes: AIGERWriter.write(aig, format: .binary)))
    }

    /// Every context of a W = 2 model, oldest byte first (65,536 of them).
    static func allContexts(contextLength: Int) -> [UInt8] {
        precondition(contextLength <= 2, "enumeration is for tiny windows")
        let count = 1 << (8 * contextLength)
        var contexts = [UInt8](repeating: 0, count: count * contextLength)
        for i in 0..<count {
            for j in 0..<contextLength { contexts[i * contextLength + j] = UInt8(truncatingIfNeeded: i >> (8 * (contextLength - 1 - j))) }
        }
        return contexts
    }

    /// The prediction with variable `v` of the model's AIG flipped on `context`: a plain re-evaluation.
    static func predictionFlipping(_ v: Int, model: CircuitLanguageModel, context: [UInt8]) -> Prediction {
        let aig = model.aig, w = model.contextLength
        var values = [Bool](repeating: false, count: aig.variableCount)
        for i in 0..<aig.inputCount { values[1 + i] = context[w - 1 - i / 8] >> UInt8(i % 8) & 1 == 1 }
        if v <= aig.inputCount { values[v].toggle() }
        for k in 0..<aig.andCount {
            let a = aig.fanin0[k], b = aig.fanin1[k]
            values[aig.firstAndVariable + k] = (values[a.variable] != a.isComplemented) && (values[b.variable] != b.isComplemented)
            if aig.firstAndVariable + k == v { values[v].toggle() }
        }
        let scores = model.scoreOutputs.map { bits in
            bits.enumerated().reduce(Int32(0)) { sum, bit in
                let o = aig.outputs[bit.element]
                return sum | ((values[o.variable] != o.isComplemented) ? 1 << Int32(bit.offset) : 0)
            }
        }
        return model.prediction(scores: scores)
    }

    /// The prediction with the variables of `held` at their values on `context`: a plain re-evaluation.
    static func prediction(holding held: [Int: Bool], model: CircuitLanguageModel, context: [UInt8]) -> Prediction {
        let aig = model.aig, w = model.contextLength
        var values = [Bool](repeating: false, count: aig.variableCount)
        for i in 0..<aig.inputCount { values[1 + i] = held[1 + i] ?? (context[w - 1 - i / 8] >> UInt8(i % 8) & 1 == 1) }
        for k in 0..<aig.andCount {
            let a = aig.fanin0[k], b = aig.fanin1[k], v = aig.firstAndVariable + k
            values[v] = held[v] ?? ((values[a.variable] != a.isComplemented) && (values[b.variable] != b.isComplemented))
        }
        let scores = model.scoreOutputs.map { bits in
            bits.enumerated().reduce(Int32(0)) { sum, bit in
                let o = aig.outputs[bit.element]
                return sum | ((values[o.variable] != o.isComplemented) ? 1 << Int32(bit.offset) : 0)
            }
        }
        return model.prediction(scores: scores)
    }
}
