extension String {
    /// The string padded on the left with `pad` to `width` characters (unchanged when longer):
    /// right-aligned table columns with spaces, fixed-width numbers in names with "0".
    public func leftPadded(_ width: Int, with pad: Character = " ") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }

    /// The string padded on the right with spaces to `width` characters (unchanged when longer).
    public func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
