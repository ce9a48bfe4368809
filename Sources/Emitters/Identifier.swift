/// Legal identifiers for the emitted languages.
///
/// One rule serves C, C++ (Verilator's generated classes) and Verilog: only
/// ASCII letters, digits and single underscores, starting with a letter, and
/// never a keyword of any of them. Double underscores are avoided because
/// Verilator mangles them in the C++ it generates.
public enum Identifier {
    /// `name` made into a legal identifier: runs of other characters become
    /// one `_`, leading and trailing `_` are dropped, a leading digit gets an
    /// `x` prefix, keywords get a `_v` suffix; an empty result becomes `fallback`.
    public static func sanitized(_ name: String, fallback: String = "circuit") -> String {
        var result = ""
        var pendingUnderscore = false
        for scalar in name.unicodeScalars {
            if isWordCharacter(scalar) {
                if pendingUnderscore && !result.isEmpty { result.append("_") }
                pendingUnderscore = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingUnderscore = true
            }
        }
        if result.isEmpty { return fallback }
        if let first = result.unicodeScalars.first, ("0"..."9").contains(first) { result = "x" + result }
        if reservedWords.contains(result) { result += "_v" }
        return result
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// Keywords of C, C++, Verilog-2001 and SystemVerilog, and the member
    /// names of Verilator's generated model classes.
    static let reservedWords: Set<String> = [
        // C and C++
        "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case",
        "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const",
        "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await", "co_return",
        "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast", "else", "enum",
        "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline", "int",
        "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or",
        "or_eq", "private", "protected", "public", "register", "reinterpret_cast", "requires", "restrict",
        "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct",
        "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid",
        "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while",
        "xor", "xor_eq", "main", "errno", "stdin", "stdout", "stderr", "NULL", "EOF",
        // Verilog-2001 and SystemVerilog
        "accept_on", "alias", "always", "always_comb", "always_ff", "always_latch", "assert", "assign",
        "assume", "automatic", "before", "begin", "bind", "bins", "binsof", "bit", "buf", "bufif0",
        "bufif1", "byte", "casex", "casez", "cell", "chandle", "checker", "clocking", "cmos", "config",
        "constraint", "context", "cover", "covergroup", "coverpoint", "cross", "deassign", "defparam",
        "design", "disable", "dist", "edge", "end", "endcase", "endchecker", "endclass", "endclocking",
        "endconfig", "endfunction", "endgenerate", "endgroup", "endinterface", "endmodule", "endpackage",
        "endprimitive", "endprogram", "endproperty", "endspecify", "endsequence", "endtable", "endtask",
        "event", "eventually", "expect", "extends", "final", "first_match", "force", "foreach", "forever",
        "fork", "forkjoin", "function", "generate", "genvar", "global", "highz0", "highz1", "iff",
        "ifnone", "ignore_bins", "illegal_bins", "implements", "implies", "import", "incdir", "include",
        "initial", "inout", "input", "inside", "instance", "integer", "interconnect", "interface",
        "intersect", "join", "join_any", "join_none", "large", "let", "liblist", "library", "local",
        "localparam", "logic", "longint", "macromodule", "matches", "medium", "modport", "module", "nand",
        "negedge", "nettype", "nexttime", "nmos", "nor", "noshowcancelled", "notif0", "notif1", "null",
        "output", "package", "packed", "parameter", "pmos", "posedge", "primitive", "priority", "program",
        "property", "pull0", "pull1", "pulldown", "pullup", "pulsestyle_ondetect", "pulsestyle_onevent",
        "pure", "rand", "randc", "randcase", "randsequence", "rcmos", "real", "realtime", "ref", "reg",
        "reject_on", "release", "repeat", "rnmos", "rpmos", "rtran", "rtranif0", "rtranif1",
        "s_always", "s_eventually", "s_nexttime", "s_until", "s_until_with", "scalared", "sequence",
        "shortint", "shortreal", "showcancelled", "small", "soft", "solve", "specify", "specparam",
        "strong", "strong0", "strong1", "string", "super", "supply0", "supply1", "sync_accept_on",
        "sync_reject_on", "table", "tagged", "task", "time", "timeprecision", "timeunit", "tran",
        "tranif0", "tranif1", "tri", "tri0", "tri1", "triand", "trior", "trireg", "type", "unique",
        "unique0", "until", "until_with", "untyped", "use", "uwire", "var", "vectored", "wait",
        "wait_order", "wand", "weak", "weak0", "weak1", "wildcard", "wire", "with", "within", "wor", "xnor",
        // Members of Verilator's model classes
        "eval", "eval_step", "eval_end_step", "trace", "name", "hierName", "modelName", "threads",
        "contextp", "rootp", "vlSymsp", "prepareClone", "atClone", "traceBaseModel",
    ]
}

/// Hands out identifiers that are legal and distinct from every identifier handed out before.
struct IdentifierRegistry {
    private var used: Set<String> = []

    /// Marks names as taken without handing them out (names the emitter writes itself).
    mutating func reserve(_ names: some Sequence<String>) { used.formUnion(names) }

    /// A fresh identifier derived from `preferred` (sanitised), with a `_2`, `_3`, … suffix when taken.
    mutating func claim(_ preferred: String, fallback: String) -> String {
        let base = Identifier.sanitized(preferred, fallback: fallback)
        var candidate = base
        var suffix = 2
        while used.contains(candidate) {
            candidate = "\(base)_\(suffix)"
            suffix += 1
        }
        used.insert(candidate)
        return candidate
    }
}

/// Text made safe inside `/* … */` and `// …` comments.
enum CommentText {
    /// Replaces control characters with `?` and separates `*/`, `/*` and `??` (C trigraphs).
    static func safe(_ text: String) -> String {
        var result = ""
        var previous: Unicode.Scalar = " "
        for original in text.unicodeScalars {
            let scalar: Unicode.Scalar = original.value < 0x20 || original.value == 0x7F ? "?" : original
            if (previous == "*" && scalar == "/") || (previous == "/" && scalar == "*")
                || (previous == "?" && scalar == "?") {
                result.append(" ")
            }
            result.unicodeScalars.append(scalar)
            previous = scalar
        }
        return result
    }
}
