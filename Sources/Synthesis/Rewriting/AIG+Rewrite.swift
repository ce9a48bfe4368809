import Circuits

extension AIG {
    /// DAG-aware rewriting with 4-input cuts (Mishchenko, Chatterjee and
    /// Brayton, DAC 2006; ABC's `rewrite`). Every AND, in topological
    /// order, tries each of its cuts: the cut's function is looked up in
    /// the library of small structures by its NPN class, and the node is
    /// replaced when building the structure adds fewer nodes (found by
    /// structural hashing) than the node's fanout-free cone above the cut
    /// frees; among equally good structures the shallowest is taken. The
    /// result computes the same function; latches are treated
    /// as inputs and kept, with names and properties. Without
    /// `zeroCost` the AND count never grows.
    public func rewritten(_ options: RewriteOptions = .init()) -> AIG {
        applying(Rewriter(structurallyHashed(), options: options), allowGrowth: options.zeroCost)
    }
}
