#!/usr/bin/env bash
# Makes the venv of the gatelm-torch package (python/): CPU-only PyTorch, numpy and safetensors
# in .build-venv/torch, with the package installed from ./python as a user would (`pip install
# ./python`). Safe to run again (reinstalls the package, nothing else); prints the venv's python.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build-venv/torch
VENV="$PWD/$venv" bench/torch/setup.sh >&2
"$venv/bin/python" -c "import safetensors" 2>/dev/null || "$venv/bin/pip" install --quiet --disable-pip-version-check safetensors >&2
# Without build isolation where the venv has setuptools (nothing downloaded to build it).
isolation=(); "$venv/bin/python" -c "import setuptools" 2>/dev/null && isolation=(--no-build-isolation)
"$venv/bin/pip" install --quiet --disable-pip-version-check "${isolation[@]}" ./python >&2
echo "$PWD/$venv/bin/python"
