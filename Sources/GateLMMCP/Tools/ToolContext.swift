import GateLMSupport
import SymbolicHarness

/// What a tool may use: the served program's workbench and the files an agent may name.
struct ToolContext: Sendable {
    let workbench: Workbench
    /// Model files named by `model` are read through this, and only through this.
    let files: ConfinedFile
}
