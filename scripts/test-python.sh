#!/usr/bin/env bash
# The gatelm-torch package's tests (python/tests): its integer forward, folding, interchange
# reader, two-process DDP on CPU (gloo) against one process, and the cross-engine checks against
# the gatelm binary built by scripts/test.sh (GATELM). Called by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
python=$(scripts/setup-python.sh)
source scripts/flags.sh
export GATELM=${GATELM:-"$(swift build "${RELEASE_FLAGS[@]}" -Xswiftc -enable-testing --show-bin-path)/gatelm"}
export GATELM_CORPUS=${GATELM_CORPUS:-"$PWD/../shared/data/tinyshakespeare.txt"}
# One thread per process: the DDP test runs two processes on two cores.
OMP_NUM_THREADS=1 "$python" -m unittest discover -s python/tests -t python -v
