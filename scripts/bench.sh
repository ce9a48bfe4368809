#!/usr/bin/env bash
# Side-by-side benchmark: GateLM's simulator vs compiled C vs Verilator, and AIGER I/O.
# Prints a Markdown report and keeps a copy in bench/RESULTS.md. Extra arguments go to
# gatelm-bench (see `gatelm-bench --help`).
exec "$(dirname "$0")/run-gatelm-bench.sh" --report bench/RESULTS.md "$@"
