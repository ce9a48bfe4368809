import GateLMSupport
import Learning
import Testing

/// The back-propagation through time of `TernaryRNN`, checked against central finite
/// differences on the smooth relaxation (sigmoid steps, float weights), where the gradient is
/// exact; the straight-through mode differs only in the step's and the ternarisation's derivative.
@Suite struct TernaryRNNGradientTests {
    static func model(seed: UInt64, signed: Bool = false, dropout: Float = 0,
                      activationBits: Int = 1) -> (TernaryRNN, TernaryRNN.Workspace, bytes: [UInt8], targets: [Int32], start: [Float]) {
        var configuration = TernaryRNNConfiguration()
        configuration.activationBits = activationBits
        configuration.stateBits = 5
        configuration.codeBits = 3
        configuration.seed = seed
        configuration.signedInputs = signed
        configuration.dropout = dropout
        let classes = 4, streams = 2, steps = 4
        let network = TernaryRNN(configuration: configuration, classCount: classes, initialReadoutBias: [0.3, -0.2, 0.1, 0])
        network.relaxation = .smooth
        var rng = SplitMix64(seed: seed)
        // Weights large enough that the sigmoids are far from linear, and a non-zero scale.
        for parameter in network.parameters.prefix(2) {
            for i in 0..<parameter.value.count { parameter.value[i] = rng.nextNormal(deviation: 0.6) }
        }
        for i in 0..<network.bias.count {
            network.bias[i] = rng.nextNormal(deviation: 0.5)
            network.gain[i] = rng.nextNormal(deviation: 1)
        }
        network.readoutScale[0] = 0.7
        network.prepare()
        let workspace = TernaryRNN.Workspace(model: network, streams: streams, steps: steps)
        let bytes = (0..<streams * steps).map { _ in UInt8(rng.nextIndex(below: 6)) }
        let targets = (0..<streams * steps).map { _ in Int32(rng.nextIndex(below: classes)) }
        let range = configuration.stateRange
        let start = (0..<streams * configuration.stateBits).map { _ in
            Float(range.lowerBound) + Float(range.upperBound - range.lowerBound) * Float(rng.nextUnitInterval())
        }
        return (network, workspace, bytes, targets, start)
    }

    static func meanLoss(_ network: TernaryRNN, _ workspace: TernaryRNN.Workspace, _ bytes: [UInt8], _ targets: [Int32],
                         _ start: [Float], backward: Bool = false) -> Double {
        network.prepare()
        workspace.state.copy(from: start)
        // The same dropout masks for every evaluation, so that the loss is a function of the parameters.
        workspace.noiseSeed = 42
        return network.chunk(bytes: bytes, targets: targets, workspace: workspace, backward: backward, noise: true) / Double(bytes.count)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var seed: UInt64, signed: Bool, dropout: Float, activationBits = 1
        var testDescription: String { "seed \(seed), \(signed ? "±1" : "0/1") inputs, dropout \(dropout), k = \(activationBits)" }
    }

    /// Both input encodings (bits as 0/1, the default, and as ±1), with and without dropout.
    @Test(arguments: [Case(seed: 1, signed: false, dropout: 0), Case(seed: 2, signed: false, dropout: 0),
                      Case(seed: 1, signed: true, dropout: 0), Case(seed: 2, signed: true, dropout: 0.3),
                      Case(seed: 3, signed: false, dropout: 0.3),
                      Case(seed: 5, signed: false, dropout: 0, activationBits: 2), Case(seed: 6, signed: false, dropout: 0.3, activationBits: 3)])
    func everyParameterGradientMatchesFiniteDifferences(_ c: Case) {
        let (network, workspace, bytes, targets, start) = Self.model(seed: c.seed, signed: c.signed, dropout: c.dropout,
                                                                     activationBits: c.activationBits)
        _ = Self.meanLoss(network, workspace, bytes, targets, start, backward: true)
        let analytic = network.parameters.indices.map { network.gradient($0) }
        var checked = 0, nonzero = 0
        for (p, parameter) in network.parameters.enumerated() {
            // Code rows of bytes that were read, every weight of the small matrices.
            let indices = p == 0 ? (0..<6 * network.codeBits).map { $0 } : Array(0..<parameter.value.count)
            for i in indices {
                let original = parameter.value[i], h: Float = 1e-2
                parameter.value[i] = original + h
                let up = Self.meanLoss(network, workspace, bytes, targets, start)
                parameter.value[i] = original - h
                let down = Self.meanLoss(network, workspace, bytes, targets, start)
                parameter.value[i] = original
                let numeric = (up - down) / Double(2 * h)
                let tolerance = 2e-4 + 2e-2 * abs(numeric)
                #expect(abs(Double(analytic[p][i]) - numeric) <= tolerance,
                        "\(TernaryRNN.parameterNames[p])[\(i)]: back-propagated \(analytic[p][i]), finite differences \(numeric)")
                checked += 1
                if abs(numeric) > 1e-4 { nonzero += 1 }
            }
        }
        // The check is not vacuous: most gradients are far from zero.
        #expect(checked > 140 && nonzero > checked / 2, "\(nonzero) of \(checked) gradients are non-zero")
    }

    /// Dropout draws new masks every chunk, changes the loss, and is off when measuring (`backward: false`).
    @Test func dropoutIsRandomPerChunkAndOffForMeasurement() {
        let (network, workspace, bytes, targets, start) = Self.model(seed: 5, dropout: 0.5)
        network.prepare()
        func loss(noise: Bool) -> Double {
            workspace.state.copy(from: start)
            return network.chunk(bytes: bytes, targets: targets, workspace: workspace, backward: false, noise: noise)
        }
        let clean = loss(noise: false), first = loss(noise: true), second = loss(noise: true)
        #expect(clean == loss(noise: false))
        #expect(first != clean && second != first)
        workspace.state.copy(from: start)
        #expect(network.chunk(bytes: bytes, targets: targets, workspace: workspace, backward: false) == clean)
    }

    @Test func clippingBoundsTheJointNorm() {
        let (network, workspace, bytes, targets, start) = Self.model(seed: 3)
        _ = Self.meanLoss(network, workspace, bytes, targets, start, backward: true)
        let norm = network.clipGradients(to: 1e-3)
        #expect(norm > 1e-3)
        let clipped = network.parameters.indices.map { network.gradient($0) }.joined().reduce(0.0) { $0 + Double($1 * $1) }.squareRoot()
        #expect(abs(clipped - 1e-3) < 1e-6)
    }

    /// In straight-through mode the forward pass is boolean: every state value is 0 or 1 and the
    /// gate weights are ternary, with TWN's zeros.
    @Test func straightThroughForwardIsBoolean() {
        let (network, workspace, bytes, targets, _) = Self.model(seed: 4)
        network.relaxation = .straightThrough
        network.prepare()
        workspace.resetState()
        network.chunk(bytes: bytes, targets: targets, workspace: workspace)
        #expect(workspace.state.array.allSatisfy { $0 == 0 || $0 == 1 })
        #expect(network.ternaryGateWeights.allSatisfy { (-1...1).contains($0) })
        #expect(network.zeroFraction > 0.2 && network.zeroFraction < 0.8)
    }

    /// With a k-bit state the straight-through forward leaves integers in −2ᵏ⁻¹ … 2ᵏ⁻¹ − 1, and uses more than two of them.
    @Test(arguments: [2, 3, 4])
    func straightThroughForwardOfAKBitStateIsInteger(activationBits k: Int) {
        let (network, workspace, bytes, targets, _) = Self.model(seed: 7, activationBits: k)
        // Gains that spread the candidates over the range (the inputs are scaled down by 2ᵏ⁻¹).
        for i in 0..<network.gain.count { network.gain[i] *= Float(1 << (k - 1)) }
        network.relaxation = .straightThrough
        network.prepare()
        workspace.resetState()
        var seen = Set<Float>()
        for _ in 0..<4 {
            network.chunk(bytes: bytes, targets: targets, workspace: workspace)
            seen.formUnion(workspace.state.array)
        }
        let range = network.configuration.stateRange
        #expect(seen.allSatisfy { $0 == $0.rounded() && range.contains(Int($0)) }, "\(seen)")
        #expect(seen.count > 2, "\(seen)")
    }

    @Test func aKBitStateRefusesSignedInputs() {
        var configuration = TernaryRNNConfiguration()
        configuration.activationBits = 2
        configuration.signedInputs = true
        #expect(throws: TernaryRNNConfiguration.Invalid.self) { try configuration.validate() }
        configuration.activationBits = 5
        configuration.signedInputs = false
        #expect { try configuration.validate() } throws: { "\($0)".contains("activationBits") }
    }
}
