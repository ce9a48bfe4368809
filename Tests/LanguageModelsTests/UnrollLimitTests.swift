import Circuits
import LanguageModels
import Testing

/// Unrolling a recurrent circuit is bounded before anything is built: a horizon whose unrolled
/// circuit would pass the limit is refused with the largest horizon that fits.
@Suite struct UnrollLimitTests {
    static let classes = Array("\n abcde".utf8)

    static func model(stateBits: Int) throws -> CircuitLanguageModel {
        let machine = DiscreteTernaryRNN.random(seed: 4, stateBits: stateBits, codeBits: 5, classes: classes)
        return try CircuitLanguageModel(machine.circuit(readout: ReadoutParameters(temperature: 1, epsilon: 0.01)))
    }

    /// With the default limit, the advertised largest horizon on a 16-state machine is refused at once.
    @Test func theDefaultLimitRefusesAHugeHorizon() throws {
        let model = try Self.model(stateBits: 16)
        let perStep = model.aig.andCount
        try #require(perStep * 4096 > 2_000_000, "\(perStep) ANDs per step")
        let largest = 2_000_000 / perStep
        for state in CircuitLanguageModel.InitialState.allCases {
            #expect { _ = try model.unrolled(horizon: 4096, initialState: state) } throws: {
                "\($0)".contains("horizon 4096 would unroll about \(perStep * 4096) ANDs") && "\($0)".contains("use a horizon ≤ \(largest)")
            }
        }
    }

    /// A low limit: the error names the largest horizon that fits, and that horizon works.
    @Test func aLowLimitNamesTheLargestHorizonThatFits() throws {
        let model = try Self.model(stateBits: 12)
        let perStep = model.aig.andCount
        let limit = perStep * 5 + perStep / 2
        for state in CircuitLanguageModel.InitialState.allCases {
            #expect { _ = try model.unrolled(horizon: 6, initialState: state, maxAnds: limit) } throws: {
                let text = "\($0)"
                return text.contains("horizon 6 would unroll about \(perStep * 6) ANDs") && text.contains("over the limit of \(limit) ANDs")
                    && text.contains("use a horizon ≤ 5")
            }
            let view = try model.unrolled(horizon: 5, initialState: state, maxAnds: limit)
            #expect(view.aig.andCount <= limit)
        }
        // A limit below one step's ANDs leaves no horizon.
        #expect { _ = try model.unrolled(horizon: 1, maxAnds: perStep - 1) } throws: { "\($0)".contains("no horizon fits") }
    }
}
