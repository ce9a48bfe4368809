#!/usr/bin/env bash
# Side-by-side benchmark of AIG optimisation: GateLM's default script vs ABC's dc2, resyn2 and
# &dc2 on the EPFL suite (AND count, levels, time). Prints a Markdown report and keeps a copy in
# bench/SYNTHESIS-RESULTS.md. Extra arguments go to `gatelm-bench synthesis`, for example
#   scripts/bench-synthesis.sh --circuit headline.aig --care-corpus ../shared/data/tinyshakespeare.txt
exec "$(dirname "$0")/run-gatelm-bench.sh" synthesis --report bench/SYNTHESIS-RESULTS.md "$@"
