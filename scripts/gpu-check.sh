#!/usr/bin/env bash
# Trains the default integer window family with the gatelm-torch package on whatever CUDA GPU
# torch sees, for a few minutes, then prints the training bytes/s, the validation bits/byte of
# the integer model and the circuit check (GateLM's discrete forward, AIG and emitted C against
# the package's own integer scores on every validation position).
#
#   scripts/gpu-check.sh [--minutes M] [--corpus PATH] [--out DIR]
#
# Needs a python with torch (CUDA build), numpy and safetensors: $PYTHON, else the package's
# venv (.build-venv/torch, CPU-only: then it says there is no GPU), else python3. The package
# runs from python/ as it is (no install needed). The circuit check needs the gatelm binary
# ($GATELM, else this checkout's release build); without one it prints the command to run
# where GateLM is built. Exit status 2 when there is no GPU or no torch, 1 when a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=3 corpus=../shared/data/tinyshakespeare.txt out=bench-out/gpu-check
while [[ $# -gt 0 ]]; do
    case "$1" in
        --minutes) minutes="$2"; shift 2 ;;
        --corpus) corpus="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "gpu-check.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
python=${PYTHON:-}
if [[ -z $python ]]; then
    if [[ -x .build-venv/torch/bin/python ]]; then python=.build-venv/torch/bin/python; else python=python3; fi
fi
export PYTHONPATH="$PWD/python${PYTHONPATH:+:$PYTHONPATH}"
if ! "$python" -c "import torch, numpy, safetensors" 2>/dev/null; then
    echo "gpu-check: $python lacks torch, numpy or safetensors (pip install ./python into a python with a CUDA build of torch)" >&2
    exit 2
fi
if ! "$python" -c "import sys, torch; sys.exit(0 if torch.cuda.is_available() else 1)"; then
    echo "gpu-check: torch $("$python" -c 'import torch; print(torch.__version__)') sees no CUDA device; nothing to check here" >&2
    exit 2
fi
"$python" -c "import torch; p = torch.cuda.get_device_properties(0); print(f'device: {p.name}, {p.total_memory / 2**30:.0f} GiB, torch {torch.__version__}')"
mkdir -p "$out"
"$python" -m gatelm_torch.train --corpus "$corpus" --out "$out" --minutes "$minutes" --device cuda --force --log-every 200
"$python" -m gatelm_torch.cli scores "$out" --corpus "$corpus" --out "$out/scores.safetensors"
"$python" -m gatelm_torch.cli eval "$out" --corpus "$corpus"
gatelm=${GATELM:-}
if [[ -z $gatelm ]]; then
    source scripts/flags.sh
    gatelm="$(swift build "${RELEASE_FLAGS[@]}" --show-bin-path 2>/dev/null)/gatelm" || gatelm=""
fi
if [[ -n $gatelm && -x $gatelm ]]; then
    "$gatelm" verify "$out" --corpus "$corpus" --reference-scores "$out/scores.safetensors"
else
    echo "circuit check: no gatelm binary here; where GateLM is built, run:"
    echo "  gatelm verify $out --corpus $corpus --reference-scores $out/scores.safetensors"
fi
