#!/usr/bin/env bash
# Makes the venv of the MCP client check (scripts/mcp-client-check.py): the official MCP
# Python SDK, pinned, in .build-venv/mcp-client. Safe to run again; prints the venv's python.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build-venv/mcp-client
version=2.3.0
# Debian's python3 makes venvs only with python3-venv installed.
python3 -c "import venv, ensurepip" 2>/dev/null || scripts/setup.sh --minimal python3-venv >&2
if ! "$venv/bin/python" -c "import mcp, importlib.metadata as m; assert m.version('mcp') == '$version'" 2>/dev/null; then
    rm -rf "$venv"
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check "mcp==$version" >&2
fi
echo "$PWD/$venv/bin/python"
