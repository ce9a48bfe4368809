#!/usr/bin/env bash
# Side-by-side benchmark: GateLM's simulator vs compiled C vs Verilator, and AIGER I/O.
# Prints a Markdown report and keeps a copy in bench/RESULTS.md. Extra arguments go to
# gatelm-bench (see `gatelm-bench --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/flags.sh
scripts/setup.sh
swift build "${RELEASE_FLAGS[@]}" --product gatelm-bench >&2
mkdir -p bench
"$(swift build "${RELEASE_FLAGS[@]}" --show-bin-path)/gatelm-bench" --report bench/RESULTS.md "$@"
