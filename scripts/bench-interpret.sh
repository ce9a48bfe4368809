#!/usr/bin/env bash
# The interpretability benchmark: trace, attribute, explain, query, modules and view on compiled
# language models, with one-at-a-time patching and uncertified greedy explanations side by side.
#
#   scripts/bench-interpret.sh --circuit headline.aig --circuit headline-care.aig \
#       --corpus ../shared/data/tinyshakespeare.txt
#
# `gatelm compile MODEL -o headline.aig` and `gatelm optimize headline.aig -o headline-care.aig
# --care CORPUS` make the two circuits. The report goes to bench/INTERPRET-RESULTS.md.
set -euo pipefail
"$(dirname "$0")/setup.sh" chromium
exec "$(dirname "$0")/run-gatelm-bench.sh" interpret "$@"
