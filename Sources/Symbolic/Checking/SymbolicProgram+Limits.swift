/// The size limits of a program (the design's guards), and the window's check, shared by the
/// checker and by the patch language's `set window`.
extension SymbolicProgram {
    /// The size limits (the design's guards).
    public enum Limits {
        public static let layers = 1...4
        public static let span = 1...64
        public static let groups = 4096
        public static let rules = 4096
        public static let headsPerLayer = 16
        public static let top: Set<Int> = [1, 2, 4]
        /// D: grouping distances saturate here.
        public static let distanceCap = 7
        public static let weight = 1...64
        /// Head scores saturate here (so `best` compares at most this many levels).
        public static let scoreCap = 15
        /// Group cycles reported one by one; the rest are counted in one more error.
        public static let reportedGroupCycles = 16

        /// The fields of `window layers=L span=S` outside their ranges, layers first: the field's
        /// name and the message ("span must be in 1...64; got 0"). Empty when both are in range.
        public static func windowProblems(layers: Int, span: Int) -> [(field: String, message: String)] {
            var found = [(field: String, message: String)]()
            if !Self.layers.contains(layers) { found.append(("layers", "layers must be in \(Self.layers.lowerBound)...\(Self.layers.upperBound); got \(layers)")) }
            if !Self.span.contains(span) { found.append(("span", "span must be in \(Self.span.lowerBound)...\(Self.span.upperBound); got \(span)")) }
            return found
        }
    }
}
