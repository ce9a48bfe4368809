#!/bin/sh
# Creates (once) a venv with CPU-only PyTorch and numpy: bench/torch/.venv, or $VENV
# (scripts/setup-python.sh makes the gatelm-torch package's venv with it).
# Idempotent: re-running only checks that torch imports. Prints the venv's python at the end.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
VENV=${VENV:-"$HERE/.venv"}
PYTHON=${PYTHON:-python3}
CPU_TORCH_VERSION="2.13.0+cpu"

if [ ! -x "$VENV/bin/python" ]; then
    echo "creating venv at $VENV"
    # Debian's python3 makes venvs only with python3-venv installed.
    "$PYTHON" -c "import venv, ensurepip" 2>/dev/null || "$HERE/../../scripts/setup.sh" --minimal python3-venv >&2
    "$PYTHON" -m venv "$VENV"
fi
PY="$VENV/bin/python"

if "$PY" -c 'import torch, numpy' 2>/dev/null; then
    echo "torch already installed"
else
    # The +cpu build avoids the multi-GB CUDA dependencies of the default Linux wheel.
    if "$PY" -m pip index versions torch 2>/dev/null | grep -q "$CPU_TORCH_VERSION"; then
        "$PY" -m pip install "torch==$CPU_TORCH_VERSION" numpy
    else
        echo "torch==$CPU_TORCH_VERSION not available; falling back to the CPU index, then plain torch" >&2
        "$PY" -m pip install torch numpy --index-url https://download.pytorch.org/whl/cpu \
            || "$PY" -m pip install torch numpy
    fi
fi

"$PY" -c 'import torch, numpy; print("torch", torch.__version__, "numpy", numpy.__version__, "threads", torch.get_num_threads())'
echo "venv: $VENV"
echo "python: $PY"
