import Circuits

extension AIG {
    /// Data-aware refactoring: every AND whose structural support has at
    /// most `maxSupport` inputs is refactored over exactly those inputs, as
    /// `refactored()` does, except that the input combinations that never
    /// occur on the care patterns are don't-cares of the new form (for a
    /// language model: the byte values never seen at a context position).
    /// A node is replaced when its new form needs fewer ANDs than it frees.
    ///
    /// On every care pattern each cone's inputs take a combination that
    /// occurs, where the new form equals the old function: the result agrees
    /// with this circuit on every care pattern, and elsewhere it may differ.
    /// Combinational circuits only.
    public func refactored(onCareSet care: PatternSet, maxSupport: Int = 10) -> AIG {
        precondition(!isSequential, "data-aware refactoring takes combinational circuits")
        precondition((2...12).contains(maxSupport), "supports of 2 to 12 inputs")
        let hashed = structurallyHashed()
        var refactorer = Refactorer(hashed, options: RefactorOptions(maxLeaves: maxSupport))
        refactorer.care = InputCareSets(hashed, care: care, maxSupport: maxSupport)
        return hashed.applying(refactorer, allowGrowth: false)
    }
}
