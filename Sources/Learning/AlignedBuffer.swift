/// Owned, zero-initialised, 64-byte aligned storage for `count` elements.
///
/// Training buffers (activations, gradients, parameters, optimiser state)
/// are allocated once and reused every step. SIMD loads from a 64-byte
/// aligned base never split a cache line, which matters for the 16-lane
/// kernels. Kernels work on `baseAddress`; everything else can use the
/// subscript or `array`.
public final class AlignedBuffer<Element: BitwiseCopyable> {
    /// The number of elements.
    public let count: Int
    /// The first element; 64-byte aligned, valid for `count` elements.
    public let baseAddress: UnsafeMutablePointer<Element>

    /// A buffer of `count` elements, all bytes zero.
    public init(count: Int) {
        precondition(count >= 0, "AlignedBuffer count must not be negative")
        self.count = count
        let byteCount = max(count, 1) * MemoryLayout<Element>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        baseAddress = raw.bindMemory(to: Element.self, capacity: max(count, 1))
    }

    /// A buffer holding a copy of `values`.
    public convenience init(_ values: some Collection<Element>) {
        self.init(count: values.count)
        _ = UnsafeMutableBufferPointer(start: baseAddress, count: count).initialize(from: values)
    }

    deinit { UnsafeMutableRawPointer(baseAddress).deallocate() }

    /// The elements as a buffer pointer (valid while `self` is alive).
    public var buffer: UnsafeMutableBufferPointer<Element> {
        UnsafeMutableBufferPointer(start: baseAddress, count: count)
    }

    public subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "AlignedBuffer index out of range")
            return baseAddress[index]
        }
        set {
            precondition(index >= 0 && index < count, "AlignedBuffer index out of range")
            baseAddress[index] = newValue
        }
    }

    /// A copy of the elements as an array.
    public var array: [Element] { Array(buffer) }

    /// Sets every byte to zero.
    public func zero() {
        UnsafeMutableRawPointer(baseAddress)
            .initializeMemory(as: UInt8.self, repeating: 0, count: count * MemoryLayout<Element>.stride)
    }

    /// Sets every element to `value`.
    public func fill(with value: Element) {
        buffer.update(repeating: value)
    }

    /// Replaces the contents with `values` (which must have `count` elements).
    public func copy(from values: some Collection<Element>) {
        precondition(values.count == count, "AlignedBuffer.copy: expected \(count) values, got \(values.count)")
        _ = buffer.update(fromContentsOf: values)
    }
}
