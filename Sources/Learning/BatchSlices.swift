import GateLMSupport
/// A minibatch cut into fixed slices of samples: the unit of work handed to
/// threads, and the unit of partial gradient sums.
///
/// Slices depend on the batch size only, never on the thread count, and
/// partial sums are reduced in slice order, so results are bit-identical for
/// any number of threads.
public struct BatchSlices: Sendable, Equatable {
    /// Samples per slice (the last slice may be shorter); a multiple of 16.
    public static let sliceSize = 128
    /// The SIMD width of the kernels: batches are a multiple of it.
    public static let laneCount = 16

    public let batch: Int

    /// Slices of a batch of `batch` samples (a positive multiple of 16).
    public init(batch: Int) {
        precondition(batch > 0 && batch % Self.laneCount == 0,
                     "batch must be a positive multiple of \(Self.laneCount), got \(batch)")
        self.batch = batch
    }

    public var count: Int { (batch + Self.sliceSize - 1) / Self.sliceSize }

    /// The samples of slice `index`.
    public func samples(of index: Int) -> Range<Int> {
        index * Self.sliceSize ..< min(batch, (index + 1) * Self.sliceSize)
    }

    /// The samples of the contiguous slices `slices`.
    public func samples(of slices: Range<Int>) -> Range<Int> {
        slices.isEmpty ? 0..<0 : samples(of: slices.lowerBound).lowerBound ..< samples(of: slices.upperBound - 1).upperBound
    }

    /// Runs `body(slices, samples)` for contiguous groups of slices on up to `workers` threads.
    public func forEachWorker(
        workers: Int, _ body: @Sendable (_ slices: Range<Int>, _ samples: Range<Int>) -> Void
    ) {
        ParallelFor.chunks(of: count, workers: workers) { _, slices in
            body(slices, samples(of: slices))
        }
    }
}
