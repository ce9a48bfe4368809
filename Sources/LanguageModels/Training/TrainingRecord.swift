import GateLMSupport

// What every family's training records, shared by their checkpoints: the training record, the
// corpus identity and the curve points (not the gate network's alone).

/// What training has done so far.
public struct TrainingRecord: Codable, Sendable, Hashable {
    public var step = 0
    public var seconds = 0.0
    public var learningRate: Float = 0.05
    public var batch = 256
    /// (step, training bits/byte) samples for the curve.
    public var trainingCurve: [CurvePoint] = []
    /// (step, validation bits/byte of the soft model) samples.
    public var validationCurve: [CurvePoint] = []
    /// The Adam moments exist in the file (a model saved after training starts).
    public var hasOptimizerState = false
    /// The training corpus: its name, length and FNV-1a hash (hex), so that `--resume` can
    /// tell a different corpus (nil in models saved before they were recorded).
    public var corpus: CorpusIdentity?
    /// The last calibration of the circuit's readout (nil before one ran).
    public var calibration: ReadoutCalibration?
    public init() {}

    /// The most steps a record may count (as `--steps`), so that counting on never overflows.
    public static let stepLimit = 1 << 40
    /// The most seconds a record may count.
    public static let secondsLimit = 1e12
    /// The largest minibatch.
    public static let batchLimit = 1 << 20

    /// Throws the first field outside its range; `batchMultiple` is what the batch must be a
    /// multiple of (`GateNetworkWorkspace.batchMultiple` for a gate network; a ternary
    /// record's batch is its stream count, any number).
    public func validate(batchMultiple: Int = 1) throws(GateNetworkConfiguration.Invalid) {
        typealias Invalid = GateNetworkConfiguration.Invalid
        guard (0...Self.stepLimit).contains(step) else { throw Invalid(field: "step", reason: "must be in 0...\(Self.stepLimit); got \(step)") }
        guard seconds.isFinite && seconds >= 0 && seconds <= Self.secondsLimit else {
            throw Invalid(field: "seconds", reason: "must be a finite number in 0...1e12; got \(seconds)")
        }
        guard learningRate.isFinite && learningRate > 0 && learningRate <= 100 else {
            throw Invalid(field: "learningRate", reason: "must be a finite number in (0, 100]; got \(learningRate)")
        }
        if batchMultiple > 1 {
            guard (batchMultiple...Self.batchLimit).contains(batch) && batch % batchMultiple == 0 else {
                throw Invalid(field: "batch", reason: "must be a multiple of \(batchMultiple) in \(batchMultiple)...\(Self.batchLimit); got \(batch)")
            }
        }
        guard (1...Self.batchLimit).contains(batch) else { throw Invalid(field: "batch", reason: "must be in 1...\(Self.batchLimit); got \(batch)") }
        for (name, curve) in [("trainingCurve", trainingCurve), ("validationCurve", validationCurve)] {
            if let bad = curve.firstIndex(where: { $0.step < 0 || !$0.bitsPerByte.isFinite }) {
                throw Invalid(field: "\(name)[\(bad)]", reason: "needs a step ≥ 0 and finite bits/byte; got step \(curve[bad].step), \(curve[bad].bitsPerByte)")
            }
        }
    }
}

/// Which corpus a model was trained on.
public struct CorpusIdentity: Codable, Sendable, Hashable {
    public var name: String
    public var bytes: Int
    /// FNV-1a of the bytes, 16 hex digits.
    public var hash: String
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes.count
        hash = String(bytes.withUnsafeBytes { FNV1a.hash($0) }, radix: 16)
    }
    /// An identity recorded elsewhere (an interchange model's `config.json`).
    public init(name: String, bytes: Int, hash: String) {
        self.name = name
        self.bytes = bytes
        self.hash = hash
    }
}

public struct CurvePoint: Codable, Sendable, Hashable {
    public var step: Int
    public var bitsPerByte: Double
    public init(step: Int, bitsPerByte: Double) { self.step = step; self.bitsPerByte = bitsPerByte }
}
