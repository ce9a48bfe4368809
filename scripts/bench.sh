#!/usr/bin/env bash
# Side-by-side benchmark: GateLM's simulator vs compiled C vs Verilator, and AIGER I/O.
# Prints a Markdown report and keeps a copy in bench/RESULTS.md. Extra arguments go to
# gatelm-bench (see `gatelm-bench --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(swift build -c release -Xswiftc -target-cpu -Xswiftc native -Xcc -march=native --show-bin-path)
swift build -c release -Xswiftc -target-cpu -Xswiftc native -Xcc -march=native --product gatelm-bench >&2
mkdir -p bench
"$bin/gatelm-bench" --report bench/RESULTS.md "$@"
