#!/usr/bin/env bash
# Used by bench.sh and bench-synthesis.sh: installs what is missing, builds gatelm-bench
# (release, host CPU) and runs it with the given arguments from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/flags.sh
scripts/setup.sh
swift build "${RELEASE_FLAGS[@]}" --product gatelm-bench >&2
mkdir -p bench
exec "$(swift build "${RELEASE_FLAGS[@]}" --show-bin-path)/gatelm-bench" "$@"
