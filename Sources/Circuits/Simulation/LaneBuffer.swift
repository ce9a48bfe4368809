/// Runs `body` with a 64-byte aligned, uninitialised buffer of `wordCount`
/// words (plus a spare cache line), freed afterwards. One per worker.
func withAlignedWords<R>(_ wordCount: Int, _ body: (UnsafeMutablePointer<UInt64>) throws -> R) rethrows -> R {
    let raw = UnsafeMutableRawPointer.allocate(byteCount: max(wordCount, 1) * 8 + 64, alignment: 64)
    defer { raw.deallocate() }
    return try body(raw.bindMemory(to: UInt64.self, capacity: max(wordCount, 1)))
}
