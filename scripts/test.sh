#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds in release mode, runs every test
# (Swift's, then the gatelm-torch package's: scripts/test-python.sh).
# Extra arguments go to `swift test` (for example `--filter AIGER`) and skip the Python tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/flags.sh
scripts/setup.sh chromium
# The official MCP Python SDK, for the client check of gatelm-mcp (PythonClientTests).
scripts/setup-mcp-client.sh >/dev/null
# -enable-testing: a few tests look at internals through @testable import.
swift build "${RELEASE_FLAGS[@]}" -Xswiftc -enable-testing --build-tests
swift test "${RELEASE_FLAGS[@]}" -Xswiftc -enable-testing --skip-build "$@"
# The gatelm-torch package (python/): its own tests, two-process DDP, and the cross-engine
# checks against the gatelm just built. Skipped only when a filter was given.
[[ $# -gt 0 ]] || scripts/test-python.sh
