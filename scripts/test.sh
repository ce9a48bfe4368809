#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds in release mode, runs every test.
# Extra arguments go to `swift test` (for example `--filter AIGER`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/flags.sh
scripts/setup.sh chromium
# The official MCP Python SDK, for the client check of gatelm-mcp (PythonClientTests).
scripts/setup-mcp-client.sh >/dev/null
# -enable-testing: a few tests look at internals through @testable import.
swift build "${RELEASE_FLAGS[@]}" -Xswiftc -enable-testing --build-tests
swift test "${RELEASE_FLAGS[@]}" -Xswiftc -enable-testing --skip-build "$@"
