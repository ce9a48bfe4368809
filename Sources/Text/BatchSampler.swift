import GateLMSupport
/// Draws training minibatches: uniformly random positions of a range
/// (normally the training split), each with its context and target byte.
/// Deterministic for a seed.
public struct BatchSampler: Sendable {
    public let window: ContextWindow
    /// The positions targets are drawn from.
    public let positions: Range<Int>
    private var generator: SplitMix64

    public init(window: ContextWindow, positions: Range<Int>, seed: UInt64) {
        precondition(!positions.isEmpty && positions.lowerBound >= 0, "no positions to sample")
        self.window = window
        self.positions = positions
        generator = SplitMix64(seed: seed)
    }

    /// The next random position.
    public mutating func nextPosition() -> Int {
        positions.lowerBound + generator.nextIndex(below: positions.count)
    }

    /// Fills one minibatch of `targets.count` samples: row `i` of `contexts`
    /// (W bytes at `i · W`) is the context of a random position and
    /// `targets[i]` the byte there. `text` must hold every sampled position.
    public mutating func fill(
        contexts: UnsafeMutableBufferPointer<UInt8>,
        targets: UnsafeMutableBufferPointer<UInt8>,
        from text: UnsafeBufferPointer<UInt8>
    ) {
        let width = window.width
        precondition(contexts.count >= targets.count * width, "context buffer too small")
        precondition(positions.upperBound <= text.count, "positions outside the text")
        guard let destination = contexts.baseAddress else { return }
        for i in 0..<targets.count {
            let position = nextPosition()
            window.copyContext(of: position, in: text, to: destination + i * width)
            targets[i] = text[position]
        }
    }

    /// Refills `batch` with the next minibatch from `text`.
    public mutating func fill(_ batch: inout Minibatch, from text: [UInt8]) {
        precondition(batch.width == window.width, "minibatch width differs from the context window")
        text.withUnsafeBufferPointer { text in
            batch.contexts.withUnsafeMutableBufferPointer { contexts in
                batch.targets.withUnsafeMutableBufferPointer { targets in
                    fill(contexts: contexts, targets: targets, from: text)
                }
            }
        }
    }
}

/// A minibatch of contexts and the bytes that follow them, reused from
/// batch to batch (see `BatchSampler.fill(_:from:)`).
public struct Minibatch: Sendable, Equatable {
    /// The number of samples, B.
    public let size: Int
    /// The context width, W.
    public let width: Int
    /// B rows of W bytes: row `i` is the context of sample `i`, oldest byte first.
    public var contexts: [UInt8]
    /// The B bytes to predict.
    public var targets: [UInt8]

    public init(size: Int, width: Int) {
        self.size = size
        self.width = width
        contexts = [UInt8](repeating: ContextWindow.padByte, count: size * width)
        targets = [UInt8](repeating: 0, count: size)
    }

    /// The context of sample `i`.
    public func context(_ i: Int) -> ArraySlice<UInt8> { contexts[(i * width)..<((i + 1) * width)] }
}
