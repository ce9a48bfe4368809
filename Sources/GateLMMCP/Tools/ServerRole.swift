/// Which tools a server lists and accepts: a reader's (inspection, simulation) or also the
/// editor's (apply_patch, checkout).
public enum ServerRole: String, Sendable, CaseIterable {
    case reader, editor
}
