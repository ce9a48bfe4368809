// swift-tools-version: 6.0
//
// GateLM: byte-level language models made of logic gates.
//
// Module layering (see DESIGN.md): lower layers never import higher ones.
//
//   Circuits   AIG core, arithmetic, AIGER, structural queries, simulation
//   Solver     CaDiCaL binding (_CCaDiCaL), Tseitin CNF of AIG cones
//   Synthesis  optimisation passes, equivalence checking, ABC bridge
//   Emitters   C, Verilog, DOT
//   Symbolic   the symbolic transformer: program format, interpreter, compiler to a window AIG
//   CommandLineOptions  numeric options and their ranges, shared by the CLI and the families' option groups
//   LanguageModels  the model families behind one circuit interface (Symbolic's programs included)
//   Interpret  trace, attribution, SAT explanations and queries, modules
//   SymbolicHarness  the agent harness: patches, version store, scoring protocol, Workbench tools
//   GateLMMCP  the harness's tools over MCP (gatelm-mcp: the stdio server)
//   gatelm     the command-line program (thin: parses, calls libraries)
//
// Release builds should target the host CPU; the Makefile passes
//   -Xswiftc -target-cpu -Xswiftc native
import PackageDescription

let package = Package(
    name: "GateLM",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Circuits", targets: ["Circuits"]),
        .library(name: "Solver", targets: ["Solver"]),
        .library(name: "Synthesis", targets: ["Synthesis"]),
        .library(name: "Emitters", targets: ["Emitters"]),
        .library(name: "Text", targets: ["Text"]),
        .library(name: "Learning", targets: ["Learning"]),
        .library(name: "LanguageModels", targets: ["LanguageModels"]),
        .library(name: "Interpret", targets: ["Interpret"]),
        .library(name: "Symbolic", targets: ["Symbolic"]),
        .library(name: "SymbolicHarness", targets: ["SymbolicHarness"]),
        .executable(name: "gatelm", targets: ["gatelm"]),
        .executable(name: "gatelm-bench", targets: ["GateLMBench"]),
        .executable(name: "gatelm-mcp", targets: ["gatelm-mcp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "GateLMSupport"),
        .target(name: "Circuits", dependencies: ["GateLMSupport"]),
        // Debian's libcadical-dev: ccadical.h and the static libcadical.a (see scripts/setup.sh).
        .systemLibrary(name: "_CCaDiCaL", path: "Sources/_CCaDiCaL"),
        .target(name: "Solver", dependencies: ["_CCaDiCaL", "Circuits"]),
        .target(name: "Synthesis", dependencies: ["Circuits", "Solver", "GateLMSupport"]),
        .target(name: "Emitters", dependencies: ["Circuits", "GateLMSupport"]),
        .target(name: "Text", dependencies: ["GateLMSupport"]),
        // Debian's libopenblas-dev: cblas.h and libopenblas (see scripts/setup.sh), for dense training products.
        .systemLibrary(name: "_COpenBLAS", path: "Sources/_COpenBLAS"),
        .target(name: "Learning", dependencies: ["GateLMSupport", "_COpenBLAS"]),
        // What every command and every family's option group share: numeric options checked against their ranges, lists.
        .target(name: "CommandLineOptions", dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Each family's training options are an argument-parser option group (CommandLineOptions), so
        // `gatelm train <family>` shows and checks exactly that family's options.
        .target(
            name: "LanguageModels",
            dependencies: [
                "Text", "Learning", "Circuits", "GateLMSupport", "Symbolic", "CommandLineOptions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Exact questions about compiled language models: trace, attribute, explain, query, contrast, modules, view.
        .target(name: "Interpret", dependencies: ["Circuits", "Solver", "Synthesis", "LanguageModels", "Text", "GateLMSupport"]),
        // The symbolic transformer (model family III): programs of labels, shifts, heads and rules.
        .target(name: "Symbolic", dependencies: ["Circuits", "GateLMSupport"]),
        // The agent harness: patches, the version store, the scoring protocol and the Workbench tools (no MCP here).
        .target(name: "SymbolicHarness", dependencies: ["Symbolic", "Text", "GateLMSupport"]),
        // The MCP server over the Workbench: GateLM's own JSON-RPC/MCP layer (strict JSON, framing,
        // sessions), the tool definitions, argument validation and dispatch.
        .target(
            name: "GateLMMCP",
            dependencies: ["SymbolicHarness", "Symbolic", "LanguageModels", "Interpret", "Text", "GateLMSupport"]
        ),
        // `gatelm-mcp`: the MCP server on stdio (thin: options, then GateLMMCP).
        .executableTarget(
            name: "gatelm-mcp",
            dependencies: [
                "GateLMMCP", "SymbolicHarness",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "gatelm",
            dependencies: [
                "Circuits", "Solver", "Synthesis", "Emitters", "GateLMSupport", "Text", "Learning", "LanguageModels", "Interpret",
                "Symbolic", "SymbolicHarness", "CommandLineOptions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`, `make bench-lm`: side-by-side throughput against compiled C, Verilator and PyTorch.
        .executableTarget(
            name: "GateLMBench",
            dependencies: [
                "Circuits", "Solver", "Synthesis", "Emitters", "GateLMSupport", "Learning", "Text", "LanguageModels", "Interpret",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Shared by the test targets only: locating ../shared/data, temporary directories.
        .target(name: "_TestSupport", dependencies: ["GateLMSupport", "Symbolic"]),
        .testTarget(
            name: "CircuitsTests",
            dependencies: ["Circuits", "GateLMSupport", "_TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "GateLMSupportTests", dependencies: ["GateLMSupport"]),
        .testTarget(name: "SolverTests", dependencies: ["Solver", "Circuits", "GateLMSupport", "_TestSupport"]),
        .testTarget(name: "SynthesisTests", dependencies: ["Synthesis", "Solver", "Circuits", "GateLMSupport", "_TestSupport"]),
        .testTarget(name: "EmittersTests", dependencies: ["Circuits", "Emitters", "GateLMSupport", "_TestSupport"]),
        .testTarget(name: "TextTests", dependencies: ["Text", "GateLMSupport", "_TestSupport"]),
        .testTarget(name: "LearningTests", dependencies: ["Learning", "GateLMSupport", "_TestSupport"]),
        .testTarget(
            name: "LanguageModelsTests",
            dependencies: [
                "LanguageModels", "Text", "Learning", "Circuits", "Emitters", "Synthesis", "GateLMSupport", "_TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "InterpretTests",
            dependencies: ["Interpret", "Solver", "LanguageModels", "Circuits", "Synthesis", "GateLMSupport", "Text", "_TestSupport"]
        ),
        .testTarget(name: "SymbolicTests", dependencies: ["Symbolic", "Circuits", "GateLMSupport", "_TestSupport"]),
        .testTarget(name: "SymbolicHarnessTests", dependencies: ["SymbolicHarness", "Symbolic", "GateLMSupport"]),
        .testTarget(
            name: "GateLMMCPTests",
            // gatelm-mcp: built for the one end-to-end test over stdio.
            dependencies: ["GateLMMCP", "gatelm-mcp", "SymbolicHarness", "GateLMSupport"]
        ),
        .testTarget(name: "GateLMCLITests", dependencies: ["gatelm", "Circuits", "GateLMSupport", "CommandLineOptions", "LanguageModels", "Text", "_TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer target (scripts/fuzz.sh): only when GATELM_FUZZ is set, because it has no
// main of its own and links only with -sanitize=fuzzer.
if Context.environment["GATELM_FUZZ"] != nil {
    package.targets.append(.executableTarget(
        name: "GateLMFuzz",
        dependencies: ["Circuits", "Solver", "Learning", "LanguageModels", "Interpret", "Symbolic", "SymbolicHarness", "GateLMMCP", "GateLMSupport"],
        path: "Fuzz/GateLMFuzz",
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    ))
    package.products.append(.executable(name: "gatelm-fuzz", targets: ["GateLMFuzz"]))
}
