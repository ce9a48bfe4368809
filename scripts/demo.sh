#!/usr/bin/env bash
# The main job: installs what is missing, builds gatelm in release mode and runs the demo.
# Extra arguments go to `gatelm demo` (see `gatelm demo --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/flags.sh
scripts/setup.sh
swift build "${RELEASE_FLAGS[@]}" --product gatelm
"$(swift build "${RELEASE_FLAGS[@]}" --show-bin-path)/gatelm" demo "$@"
