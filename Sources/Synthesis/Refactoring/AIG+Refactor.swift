import Circuits

extension AIG {
    /// Refactoring (ABC's `refactor`), not yet implemented: returns the strashed circuit.
    public func refactored(_ options: RefactorOptions = .init()) -> AIG {
        structurallyHashed()
    }
}
