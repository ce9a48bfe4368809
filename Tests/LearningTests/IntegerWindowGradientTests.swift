import GateLMSupport
import Learning
import Testing

/// The back-propagation of `IntegerWindowNetwork`, checked against central finite differences on
/// the smooth relaxation (tanh inputs, sigmoid units, float weights), where the gradient is exact;
/// the straight-through mode differs only in the quantisers' and the ternarisation's derivatives.
@Suite struct IntegerWindowGradientTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var seed: UInt64, widths: [Int], dropout: Float, tableDropout: Float
        var testDescription: String { "seed \(seed), layers \(widths), dropout \(dropout), table dropout \(tableDropout)" }
    }

    struct Setup {
        var network: IntegerWindowNetwork, workspace: IntegerWindowNetwork.Workspace
        var contexts: [UInt8], rows: [Int32], targets: [Int32]
    }

    static func setup(_ c: Case) -> Setup {
        var configuration = IntegerWindowConfiguration()
        configuration.contextLength = 3
        configuration.codeWidth = 3
        configuration.hashedOrders = [1, 2]
        configuration.hashedRowBits = 2
        configuration.hiddenWidths = c.widths
        configuration.dropout = c.dropout
        configuration.tableDropout = c.tableDropout
        configuration.seed = c.seed
        let classes = 4, batch = 6
        let network = IntegerWindowNetwork(configuration: configuration, classCount: classes, initialReadoutBias: [0.3, -0.2, 0.1, 0])
        network.relaxation = .smooth
        var rng = SplitMix64(seed: c.seed)
        // Values large enough that the tanh and sigmoids are far from linear.
        for parameter in network.parameters { for i in 0..<parameter.value.count { parameter.value[i] = rng.nextNormal(deviation: 0.7) } }
        network.readoutScale[0] = 0.8
        network.prepare()
        let contexts = (0..<batch * 3).map { _ in UInt8(rng.nextIndex(below: 5)) }
        let rows = (0..<batch * 2).map { _ in Int32(rng.nextIndex(below: 4)) }
        let targets = (0..<batch).map { _ in Int32(rng.nextIndex(below: classes)) }
        return Setup(network: network, workspace: .init(model: network, batch: batch), contexts: contexts, rows: rows, targets: targets)
    }

    static func meanLoss(_ s: Setup, backward: Bool = false) -> Double {
        s.network.prepare()
        // The same dropout masks for every evaluation, so that the loss is a function of the parameters.
        s.workspace.noiseSeed = 42
        return s.network.batch(contexts: s.contexts, rows: s.rows, targets: s.targets, count: s.targets.count, workspace: s.workspace,
                               backward: backward, noise: true) / Double(s.targets.count)
    }

    /// One and two hidden layers, with and without dropout of units and of table rows.
    @Test(arguments: [Case(seed: 1, widths: [5], dropout: 0, tableDropout: 0), Case(seed: 2, widths: [4, 3], dropout: 0, tableDropout: 0),
                      Case(seed: 3, widths: [5], dropout: 0.3, tableDropout: 0.3), Case(seed: 4, widths: [4, 3], dropout: 0.2, tableDropout: 0.4)])
    func everyParameterGradientMatchesFiniteDifferences(_ c: Case) {
        let s = Self.setup(c)
        _ = Self.meanLoss(s, backward: true)
        let network = s.network
        let names = IntegerWindowNetwork.parameterNames(configuration: network.configuration)
        let analytic = network.parameters.indices.map { network.gradient($0) }
        var checked = 0, nonzero = 0
        for (p, parameter) in network.parameters.enumerated() {
            // The code rows of the bytes read (0…4), every value of the small tables and matrices.
            let count = p == 0 ? 5 * network.configuration.codeWidth : parameter.value.count
            for i in 0..<count {
                let original = parameter.value[i], h: Float = 1e-2
                parameter.value[i] = original + h
                let up = Self.meanLoss(s)
                parameter.value[i] = original - h
                let down = Self.meanLoss(s)
                parameter.value[i] = original
                let numeric = (up - down) / Double(2 * h)
                #expect(abs(Double(analytic[p][i]) - numeric) <= 2e-4 + 2e-2 * abs(numeric),
                        "\(names[p])[\(i)]: back-propagated \(analytic[p][i]), finite differences \(numeric)")
                checked += 1
                if abs(numeric) > 1e-4 { nonzero += 1 }
            }
        }
        // Not vacuous: most gradients are far from zero.
        #expect(checked > 100 && nonzero > checked / 2, "\(nonzero) of \(checked) gradients are non-zero")
    }

    /// Dropout draws new masks every batch, changes the loss, and is off when measuring (`noise: false`).
    @Test func dropoutIsRandomPerBatchAndOffForMeasurement() {
        let s = Self.setup(Case(seed: 5, widths: [6], dropout: 0.5, tableDropout: 0.5))
        s.network.relaxation = .straightThrough
        s.network.prepare()
        func loss(noise: Bool) -> Double {
            s.network.batch(contexts: s.contexts, rows: s.rows, targets: s.targets, count: s.targets.count, workspace: s.workspace,
                            backward: false, noise: noise)
        }
        let clean = loss(noise: false), first = loss(noise: true), second = loss(noise: true)
        #expect(clean == loss(noise: false))
        #expect(first != clean && second != first)
    }

    /// The k-bit input quantiser: levels 0…L spread evenly over −1…1, j = [f ≥ 0] at k = 1.
    @Test func inputLevelsCoverTheRangeEvenly() {
        #expect([-2, -0.01, 0, 3].map { IntegerWindowNetwork.inputLevel($0, largestLevel: 1) } == [0, 0, 1, 1])
        #expect([-1, -0.5, -0.34, 0, 0.34, 1, 5].map { IntegerWindowNetwork.inputLevel($0, largestLevel: 3) } == [0, 1, 1, 2, 2, 3, 3])
        #expect(Set((0...200).map { IntegerWindowNetwork.inputLevel(Float($0) / 100 - 1, largestLevel: 15) }) == Set(0...15))
    }
}
