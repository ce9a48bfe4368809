#!/usr/bin/env bash
# Installs the Debian packages GateLM needs, when missing. Safe to run again.
#
#   berkeley-abc    ABC, the reference logic synthesis tool (cross-checks, benchmarks)
#   libcadical-dev  the CaDiCaL SAT solver (C API + static library)
#   libopenblas-dev OpenBLAS (CBLAS), dense float products for training the ternary recurrent LM
#   verilator       Verilog linting and simulation (emitter tests, benchmarks)
#   graphviz        `dot`, to check and render DOT output
#   fortunes        the default text corpus (/usr/share/games/fortunes)
#   gcc             the C compiler for emitted C (cc)
#
# Extra packages may be named as arguments: the tests and the interpretability benchmark add
#   chromium        headless rendering of `gatelm view` pages
# (a large download the main job does not need).
#
# --minimal installs only what building GateLM and the main job (scripts/demo.sh) need:
# libcadical-dev, libopenblas-dev, fortunes and gcc (the large verification and benchmark tools are left out).
set -euo pipefail

if [ "${1:-}" = --minimal ]; then
    shift
    packages=(libcadical-dev libopenblas-dev fortunes gcc "$@")
else
    packages=(berkeley-abc libcadical-dev libopenblas-dev verilator graphviz fortunes gcc "$@")
fi
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! command -v swift >/dev/null; then
    echo "setup: the Swift toolchain (6.0 or newer) must be on PATH: https://www.swift.org/install/linux/" >&2
    exit 1
fi
