import GateLMSupport

/// Every layer's label planes of the most recent programs run over one input, so that the next
/// program resumes after the layers it shares with one of them: an edit at layer ℓ (a rule added,
/// changed or deleted there) recomputes layers ℓ…L only.
///
/// Layers are shared when their `CompiledLayer` signatures (the computation in label names) are
/// equal, so renumbered labels, new declarations and later layers do not matter. The planes of
/// consecutive layers share storage where a layer leaves a label unchanged, so a snapshot costs
/// about the planes its layers write. Pass the same cache with the same runs of the same text;
/// a different input replaces what it holds.
public struct LayerCache: Sendable {
    /// One run of the interpreter: the input, the program's labels and layers, and x₀…x_L per piece.
    struct Snapshot: Sendable {
        var input: Input
        var universe: LabelUniverse
        var signatures: [String]
        /// pieces[k][ℓ][label]: the planes of piece k after ℓ layers.
        var pieces: [[[PositionBits.Plane?]]]
        var used: Int
    }

    /// What the planes were computed over: the pieces (runs of targets), the window length (each
    /// run's buffer starts W bytes before its first target, so planes of programs with different
    /// windows do not line up) and the text's fingerprint.
    struct Input: Hashable, Sendable {
        var pieces: [[Range<Int>]]
        var windowLength: Int
        var textCount: Int
        var textHash: UInt64

        init(pieces: [[Range<Int>]], windowLength: Int, text: [UInt8]) {
            self.pieces = pieces
            self.windowLength = windowLength
            textCount = text.count
            textHash = text.withUnsafeBytes { FNV1a.hash($0) }
        }
    }

    /// How many programs' snapshots are kept (the least recently used is dropped).
    public let capacity: Int
    var snapshots: [Snapshot] = []
    private var clock = 0
    /// Layers taken from the cache and layers computed, over the cache's life.
    public private(set) var reusedLayers = 0, computedLayers = 0

    public init(capacity: Int = 2) { self.capacity = max(1, capacity) }

    /// The snapshot sharing the most leading layers with `signatures` on `input`, and that count.
    mutating func bestMatch(for signatures: [String], on input: Input) -> (snapshot: Snapshot, layers: Int)? {
        var best: (index: Int, layers: Int)?
        for (i, s) in snapshots.enumerated() where s.input == input {
            let shared = zip(s.signatures, signatures).prefix { $0 == $1 }.count
            if shared > (best?.layers ?? -1) { best = (i, shared) }
        }
        guard let best else { return nil }
        clock += 1
        snapshots[best.index].used = clock
        return (snapshots[best.index], best.layers)
    }

    mutating func store(_ snapshot: Snapshot, reused: Int, computed: Int) {
        reusedLayers += reused
        computedLayers += computed
        clock += 1
        var snapshot = snapshot
        snapshot.used = clock
        // A program run again replaces its older snapshot; a new input empties the cache.
        snapshots.removeAll { $0.input != snapshot.input || $0.signatures == snapshot.signatures }
        if snapshots.count >= capacity, let oldest = snapshots.indices.min(by: { snapshots[$0].used < snapshots[$1].used }) {
            snapshots.remove(at: oldest)
        }
        snapshots.append(snapshot)
    }
}

extension LabelUniverse {
    /// Where each label of this universe is stored in `other` (nil: `other` never stores it).
    func renumbering(from other: LabelUniverse) -> [Int?] { labels.map(other.number(of:)) }
}

extension LayerCache {
    /// A snapshot's planes renumbered by `numbers` (from `LabelUniverse.renumbering(from:)`): each label
    /// takes the plane of the same label in the snapshot, and is false where it was never stored.
    static func renumbered(_ planes: [PositionBits.Plane?], by numbers: [Int?]) -> [PositionBits.Plane?] {
        numbers.map { $0.flatMap { planes[$0] } }
    }
}
