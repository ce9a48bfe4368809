import Circuits

/// Emits an AIG as a self-contained C99 file: straight-line bitwise code
/// over 64-bit words, each word carrying 64 patterns (bit `p` is pattern `p`).
///
/// A combinational circuit becomes
/// `void NAME_eval(const uint64_t in[I], uint64_t out[O])`; a sequential one
/// becomes `void NAME_reset(uint64_t state[L])` (reset values, uninitialised
/// latches 0) and `void NAME_step(const uint64_t in[I], uint64_t state[L], uint64_t out[O])`,
/// which computes the outputs from the current state and then advances the
/// state. Only the ANDs that can reach an output or a latch are written.
///
/// Circuits with more than `andsPerFunction` live ANDs are split into static
/// part functions (compile time grows faster than linearly with function
/// size) that pass values through a scratch array; `NAME_eval_scratch` /
/// `NAME_step_scratch` take that array from the caller, while `NAME_eval` /
/// `NAME_step` use a static one and so are not reentrant.
public enum CEmitter {
    public struct Options: Sendable, Hashable {
        /// An optional `main` making the file a program.
        public enum Main: Sendable, Hashable {
            /// No `main`: the file is a library.
            case none
            /// Reads patterns on stdin (one line of '0'/'1' input bits per
            /// pattern; for sequential circuits one line per clock step, from
            /// reset) and prints one line of output bits per pattern, exactly
            /// as `gatelm simulate` does.
            case patterns
            /// `PROGRAM [BATCHES [REPETITIONS]]`: evaluates BATCHES
            /// pseudo-random input words REPETITIONS times and prints
            /// `ns=… evaluations=… patterns=… ands=… checksum=…` (the checksum sums
            /// every output word, so the work cannot be optimised away).
            case benchmark
        }

        public var main: Main
        /// 64-bit words per lane word: 1 uses `uint64_t`; 2, 4, 8, … use a GCC/Clang
        /// vector type of that many `uint64_t` (8 gives 512-bit vectors, 512 patterns per call).
        public var vectorWords: Int
        /// Largest number of live ANDs in one C function before the code is split into parts.
        ///
        /// Compile time is dominated by the stores of values that cross parts and by
        /// superlinear costs inside large functions. Measured on a random 36K-live-AND
        /// circuit: parts of 3K–5K compile fastest (clang -O1 14 s, gcc -O2 45 s on a busy
        /// 2-core machine); one function (a value above the AND count) compiled in 17 s with
        /// clang -O1 and ran 1.3× faster, but gcc and larger circuits scale badly.
        public var andsPerFunction: Int

        public init(main: Main = .none, vectorWords: Int = 1, andsPerFunction: Int = 5_000) {
            precondition(vectorWords >= 1 && vectorWords & (vectorWords - 1) == 0, "vectorWords must be a power of two")
            precondition(andsPerFunction >= 1, "andsPerFunction must be positive")
            self.main = main
            self.vectorWords = vectorWords
            self.andsPerFunction = andsPerFunction
        }
    }

    /// The C source of `aig`, with functions named after `name` (sanitised to a C identifier).
    public static func emit(_ aig: AIG, name: String, options: Options = Options()) -> String {
        var generator = CGenerator(aig: aig, prefix: Identifier.sanitized(name), options: options)
        return generator.generate()
    }
}

/// Writes the C file; one instance per emitted file.
struct CGenerator {
    let aig: AIG
    let prefix: String
    let options: CEmitter.Options
    let live: LiveLogic
    let partition: CPartition
    /// The type of one lane word in signatures: `uint64_t` or `NAME_word`.
    let word: String
    var text = ""
    /// Which arrays the function being written reads; see `CGenerator+Logic.swift`.
    var uses = CArrayUses()

    init(aig: AIG, prefix: String, options: CEmitter.Options) {
        self.aig = aig
        self.prefix = prefix
        self.options = options
        self.live = LiveLogic(aig)
        self.partition = CPartition(aig: aig, live: live, andsPerFunction: options.andsPerFunction)
        self.word = options.vectorWords == 1 ? "uint64_t" : "\(prefix)_word"
    }

    mutating func generate() -> String {
        text.reserveCapacity(64 * live.liveAnds.count + 4096)
        writeHeaderComment()
        if options.main == .benchmark { text += "#define _POSIX_C_SOURCE 200112L /* clock_gettime, posix_memalign */\n" }
        text += "#ifndef GATELM_\(prefix)_H\n#define GATELM_\(prefix)_H\n\n#include <stdint.h>\n\n"
        writeTypes()
        writePrototypes()
        if aig.isSequential { writeReset() }
        writeParts()
        writeEntryPoints()
        text += "\n#endif /* GATELM_\(prefix)_H */\n"
        switch options.main {
        case .none: break
        case .patterns: writePatternMain()
        case .benchmark: writeBenchmarkMain()
        }
        return text
    }

    // MARK: Header

    private mutating func writeHeaderComment() {
        let omitted = aig.andCount - live.liveAnds.count
        text += "/*\n * \(prefix): generated by GateLM's C emitter from an AIG with \(aig.inputCount) inputs,\n"
        text += " * \(aig.latchCount) latches, \(aig.outputCount) outputs and \(aig.andCount) ANDs"
        text += omitted > 0 ? " (\(omitted) that reach no output or latch are omitted).\n" : ".\n"
        text += " * Each \(word) word carries \(64 * options.vectorWords) patterns: bit p of a word is pattern p.\n"
        if aig.isSequential {
            text += " *\n * \(prefix)_reset() loads the reset values (uninitialised latches start at 0);\n"
            text += " * \(prefix)_step() computes the outputs from the current state, then advances it.\n"
        }
        if partition.isSplit {
            text += " *\n * The logic is split into \(partition.parts.count) part functions passing values through\n"
            text += " * a scratch array of \(prefix)_SCRATCH_WORDS words; the functions without _scratch\n"
            text += " * use a static array and are not reentrant.\n"
        }
        text += " *\n * Signal order:\n"
        for i in 0..<aig.inputCount { text += signalLine("in[\(i)]", aig.names.input(i)) }
        for j in 0..<aig.latchCount {
            let reset: String
            switch aig.latches[j].reset {
            case .zero: reset = "reset 0"
            case .one: reset = "reset 1"
            case .uninitialized: reset = "uninitialised, reset 0"
            }
            text += signalLine("state[\(j)]", aig.names.latch(j), note: reset)
        }
        for o in 0..<aig.outputCount { text += signalLine("out[\(o)]", aig.names.output(o)) }
        text += " */\n"
    }

    private func signalLine(_ slot: String, _ name: String?, note: String? = nil) -> String {
        var line = " *   \(slot)"
        if let name { line += " " + CommentText.safe(name) }
        if let note { line += " (\(note))" }
        return line + "\n"
    }

    private mutating func writeTypes() {
        if options.vectorWords == 1 {
            text += "typedef uint64_t \(prefix)_word;\n"
        } else {
            text += "typedef uint64_t \(prefix)_word __attribute__((vector_size(\(8 * options.vectorWords))));\n"
        }
        text += "#define \(prefix)_ZERO ((\(prefix)_word){0})\n"
        if partition.isSplit {
            // Compilers inline static functions called once, which would undo the split.
            text += "#if defined(__GNUC__)\n#define \(prefix)_NOINLINE __attribute__((noinline))\n"
            text += "#else\n#define \(prefix)_NOINLINE\n#endif\n"
            text += "#define \(prefix)_SCRATCH_WORDS \(max(partition.slotCount, 1))\n" }
        text += "\n"
    }

    private mutating func writePrototypes() {
        if aig.isSequential {
            text += "void \(prefix)_reset(\(stateParameter));\n"
            text += "void \(prefix)_step(\(inputParameter), \(stateParameter), \(outputParameter));\n"
            if partition.isSplit {
                text += "void \(prefix)_step_scratch(\(inputParameter), \(stateParameter), \(outputParameter), \(scratchParameter));\n"
            }
        } else {
            text += "void \(prefix)_eval(\(inputParameter), \(outputParameter));\n"
            if partition.isSplit {
                text += "void \(prefix)_eval_scratch(\(inputParameter), \(outputParameter), \(scratchParameter));\n"
            }
        }
        text += "\n"
    }

    /// `const W in[I]`, or a pointer when there are no inputs (C has no empty arrays).
    var inputParameter: String { arrayParameter("const \(word)", "in", aig.inputCount) }
    var outputParameter: String { arrayParameter(word, "out", aig.outputCount) }
    var stateParameter: String { arrayParameter(word, "state", aig.latchCount) }
    var scratchParameter: String { "\(word) v[\(prefix)_SCRATCH_WORDS]" }

    private func arrayParameter(_ type: String, _ name: String, _ count: Int) -> String {
        count > 0 ? "\(type) \(name)[\(count)]" : "\(type) *\(name)"
    }
}
