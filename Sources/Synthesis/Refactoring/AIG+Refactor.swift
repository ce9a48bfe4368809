import Circuits

extension AIG {
    /// Refactoring (ABC's `refactor`): every AND, in topological order,
    /// collapses the cone of a reconvergence-driven cut of up to
    /// `maxLeaves` inputs into a truth table, takes the irredundant SOP
    /// (Minato–Morreale) of the function and of its complement, factors
    /// them algebraically, and replaces the cone when the factored form
    /// adds fewer nodes (found by structural hashing) than the node's
    /// fanout-free cone frees. The result computes the same function;
    /// latches are treated as inputs and kept, with names and properties.
    /// Without `zeroCost` the AND count never grows.
    public func refactored(_ options: RefactorOptions = .init()) -> AIG {
        applying(Refactorer(structurallyHashed(), options: options), allowGrowth: options.zeroCost)
    }
}
