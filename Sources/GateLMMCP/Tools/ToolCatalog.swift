import GateLMSupport
import SymbolicHarness

/// One tool: its MCP definition, the arguments it takes, and how it calls the Workbench.
struct ToolSpec: Sendable {
    /// One argument's JSON schema.
    enum Property: Sendable {
        case integer(String, ClosedRange<Int>)
        case string(String)
        case choice(String, [String])
        case strings(String)
        case boolean(String)

        var schema: JSONValue {
            switch self {
            case .integer(let d, let r): return ["type": "integer", "description": .string(d), "minimum": .int(r.lowerBound), "maximum": .int(r.upperBound)]
            case .string(let d): return ["type": "string", "description": .string(d)]
            case .choice(let d, let options): return ["type": "string", "description": .string(d), "enum": .array(options.map(JSONValue.string))]
            case .strings(let d): return ["type": "array", "description": .string(d), "items": ["type": "string"], "minItems": 1]
            case .boolean(let d): return ["type": "boolean", "description": .string(d)]
            }
        }
    }

    let name: String
    let description: String
    let properties: [(String, Property)]
    let required: [String]
    /// Only for the editor role.
    let editor: Bool
    let run: @Sendable (ToolContext, ToolArguments) async throws -> any Encodable & Sendable

    /// The `tools/list` entry.
    var definition: JSONValue {
        [
            "name": .string(name),
            "description": .string(description),
            "inputSchema": ["type": "object", "properties": .object(Dictionary(uniqueKeysWithValues: properties.map { ($0.0, $0.1.schema) })),
                            "required": .array(required.map(JSONValue.string)), "additionalProperties": false],
            "annotations": ["readOnlyHint": .bool(!editor), "destructiveHint": false, "idempotentHint": .bool(!editor), "openWorldHint": false],
        ]
    }
}

/// The harness's tools over MCP, reader tools first.
enum ToolCatalog {
    static let versions = 1...Int(Int32.max)
    static let limits = 1...1000

    static let version = ("version", ToolSpec.Property.integer("a version number (default: the head)", versions))
    static let split = ("split", ToolSpec.Property.choice("dev_small (a fixed 20,000-position sample of dev) or dev", Split.allCases.map(\.rawValue)))

    static let all: [ToolSpec] = [
        ToolSpec(name: "program_get", description: "A version's program text with line numbers (or one section of it), its version and parent.",
                 properties: [version, ("section", .string("header, labels, layer N or unembed (default: the whole program)"))], required: [], editor: false) { c, a in
            try await c.workbench.get(version: a.int("version", in: versions), section: a.string("section"))
        },
        ToolSpec(name: "program_check",
                 description: "Parse and checker errors (line:column) of a program text, or of a patch applied to base (default: the head); counts of groups, shifts, heads, rules and labels; the estimated ANDs of the compiled circuit (ROM from rows fitted on the fit sample). No split is scored.",
                 properties: [("text", .string("a whole program (.symtx)")), ("patch", .string("a patch (see the patch language)")),
                              ("base", .integer("the version the patch applies to (default: the head)", versions))], required: [], editor: false) { c, a in
            try await c.workbench.check(text: a.string("text"), patch: a.string("patch"), base: a.int("base", in: versions))
        },
        ToolSpec(name: "evaluate", description: "Bits/byte of a version on a split, Δ against its parent and the best version, each winner's share of the predictions and of the bits, the n-gram baselines, seconds.",
                 properties: [version, split], required: ["split"], editor: false) { c, a in
            try await c.workbench.evaluate(version: a.int("version", in: versions), split: a.requiredChoice("split", Split.self))
        },
        ToolSpec(name: "trace",
                 description: "How a version predicts one byte: of text at offset (default: the byte after the text), or of split at offset from its start. Per layer: labels at the last context position, added, removed, rules fired, head picks; the winner, p(target), the top 5 bytes.",
                 properties: [version, ("text", .string("a prompt to trace instead of the corpus")),
                              ("split", .choice("fit, dev or dev_small (dev_small offsets are dev offsets)", Workbench.TraceSplit.allCases.map(\.rawValue))),
                              ("offset", .integer("the index of the predicted byte (in text, or from the split's start)", 0...Int(Int32.max)))],
                 required: [], editor: false) { c, a in
            try await c.workbench.trace(version: a.int("version", in: versions), text: a.string("text"), split: a.choice("split", Workbench.TraceSplit.self),
                              offset: a.int("offset", in: 0...Int(Int32.max)))
        },
        ToolSpec(name: "find_positions",
                 description: "The positions of a split that satisfy a condition, e.g. has(det) && winner==ind.b:* && target==b:'s' (terms: has(L), !has(L), winner==P, winner!=P, target==P, target!=P): how many, their part of the bits/byte, the highest-loss ones with ±40 bytes of context.",
                 properties: [("where", .string("the condition: terms joined by &&")), version, split, ("limit", .integer("positions listed (default 20)", limits))],
                 required: ["where", "split"], editor: false) { c, a in
            try await c.workbench.findPositions(where: a.requiredString("where"), version: a.int("version", in: versions), split: a.requiredChoice("split", Split.self),
                                      limit: a.int("limit", in: limits) ?? 20)
        },
        ToolSpec(name: "worst_positions", description: "The highest-loss positions of a split with ±40 bytes of context (group_by none), or the bits grouped by winner, target byte or rule (a position counts in every rule that fired where it is predicted).",
                 properties: [version, split, ("limit", .integer("how many (default 20)", limits)),
                              ("group_by", .choice("none (default), winner, target or rule", Workbench.Grouping.allCases.map(\.rawValue)))],
                 required: ["split"], editor: false) { c, a in
            try await c.workbench.worstPositions(version: a.int("version", in: versions), split: a.requiredChoice("split", Split.self),
                                       limit: a.int("limit", in: limits) ?? 20, groupBy: a.choice("group_by", Workbench.Grouping.self) ?? .none)
        },
        ToolSpec(name: "compare", description: "Version b against version a on a split: Δbits/byte, each winner's part in both, the largest wins and regressions with contexts.",
                 properties: [("a", .integer("the first version", versions)), ("b", .integer("the second version", versions)), split,
                              ("limit", .integer("positions listed each way (default 10)", limits))], required: ["a", "b", "split"], editor: false) { c, a in
            try await c.workbench.compare(a.requiredInt("a", in: versions), a.requiredInt("b", in: versions), split: a.requiredChoice("split", Split.self),
                                limit: a.int("limit", in: limits) ?? 10)
        },
        ToolSpec(name: "try_patch", description: "Applies a patch to base (default: the head) and evaluates it as evaluate does, without storing anything.",
                 properties: [("patch", .string("the patch")), ("base", .integer("the version to patch (default: the head)", versions)),
                              ("split", .choice("dev_small (default) or dev", Split.allCases.map(\.rawValue)))], required: ["patch"], editor: false) { c, a in
            try await c.workbench.tryPatch(a.requiredString("patch"), base: a.int("base", in: versions), split: a.choice("split", Split.self) ?? .devSmall)
        },
        ToolSpec(name: "ablate", description: "Δbits/byte for each named rule (silenced), head (made to find nothing) or shift (deleted) of a version.",
                 properties: [("names", .strings("rule, head or shift names")), version, ("split", .choice("dev_small (default) or dev", Split.allCases.map(\.rawValue)))],
                 required: ["names"], editor: false) { c, a in
            try await c.workbench.ablate(names: a.requiredStrings("names"), version: a.int("version", in: versions), split: a.choice("split", Split.self) ?? .devSmall)
        },
        ToolSpec(name: "label_stats", description: "For each label or group: how often it holds after the last layer at the positions predicting the split, its mutual information with the next byte, the labels most often with it.",
                 properties: [("names", .strings("label or group names")), version, ("split", .choice("dev_small (default) or dev", Split.allCases.map(\.rawValue)))],
                 required: ["names"], editor: false) { c, a in
            try await c.workbench.labelStats(names: a.requiredStrings("names"), version: a.int("version", in: versions), split: a.choice("split", Split.self) ?? .devSmall)
        },
        ToolSpec(name: "history", description: "The version log, newest first: version, parent, time, dev_small and dev bits/byte, status (kept, reverted, checkout), role, note; and the head.",
                 properties: [("limit", .integer("how many log lines (default 20)", limits))], required: [], editor: false) { c, a in
            try await c.workbench.history(limit: a.int("limit", in: limits) ?? 20)
        },
        ToolSpec(name: "apply_patch",
                 description: "Applies a patch to base, which must be the head (else refused: re-read and rebase), evaluates dev_small and dev, and stores a new version: kept (head moves) unless dev got worse, then reverted (stored, head stays).",
                 properties: [("patch", .string("the patch")), ("base", .integer("the head the patch was written against", versions)),
                              ("note", .string("why: one line for the log"))], required: ["patch", "base", "note"], editor: true) { c, a in
            try await c.workbench.applyPatch(a.requiredString("patch"), base: a.requiredInt("base", in: versions), note: a.requiredString("note"))
        },
        ToolSpec(name: "checkout", description: "Moves the head to a version (undo and redo); nothing is deleted.",
                 properties: [("version", .integer("the version to make the head", versions))], required: ["version"], editor: true) { c, a in
            try await c.workbench.checkout(a.requiredInt("version", in: versions))
        },
    ]

    /// The tools a role lists: the program's, then the circuit tools on any model.
    static func tools(for role: ServerRole) -> [ToolSpec] { (all + CircuitTools.all).filter { role == .editor || !$0.editor } }
}
