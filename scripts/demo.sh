#!/usr/bin/env bash
# The main job: installs what is missing, builds gatelm in release mode, then trains a small
# language model of the default family (`gatelm train integer`: ternary weights and 4-bit integer
# activations) on the default corpus (Debian's fortunes), compiles it to an AIG of adder trees and
# comparators, verifies the circuit bit for bit against the model, and generates text by simulating it.
#
# The whole job takes about 7 minutes on a fresh 2-core machine: about 4 to build, MINUTES to
# train, under a minute to evaluate, compile, verify and generate.
#
# Environment: MINUTES (training budget, default 1.5), OUT (output directory, default demo-out),
# CORPUS (a text file instead of fortunes), SEED (default 1), TEMPERATURE (sampling, default 0.25: lower temperatures keep more corpus words).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/flags.sh
scripts/setup.sh --minimal
swift build "${RELEASE_FLAGS[@]}" --product gatelm
gatelm="$(swift build "${RELEASE_FLAGS[@]}" --show-bin-path)/gatelm"

MINUTES=${MINUTES:-1.5}
TEMPERATURE=${TEMPERATURE:-0.25}
OUT=${OUT:-demo-out}
SEED=${SEED:-1}
corpus=()
if [ -n "${CORPUS:-}" ]; then corpus=(--corpus "$CORPUS"); fi
mkdir -p "$OUT"
model="$OUT/model.gatelm"
circuit="$OUT/model.aig"

step() { printf '\n== %s\n$ %s\n' "$1" "${*:2}"; "${@:2}"; }

step "train for $MINUTES minutes (loss curve: $model.curve.svg)" \
    "$gatelm" train integer "${corpus[@]}" --minutes "$MINUTES" --seed "$SEED" --out "$model"
step "validation bits per byte: discrete model and compiled circuit" \
    "$gatelm" eval "$model" "${corpus[@]}"
step "compile to an And-Inverter Graph" \
    "$gatelm" compile "$model" -o "$circuit"
step "verify: discrete forward = AIG simulation = emitted C, on every validation context" \
    "$gatelm" verify "$model" "${corpus[@]}"
step "the circuit" \
    "$gatelm" stats "$circuit"
step "generate by simulating the circuit (and count the generated words that are words of the corpus)" \
    "$gatelm" generate "$circuit" --prompt "The " --bytes 600 --temperature "$TEMPERATURE" --seed "$SEED" \
    --word-coverage "${corpus[@]}"
printf '\nmodel: %s  circuit: %s  (also: gatelm emit c|verilog %s)\n' "$model" "$circuit" "$circuit"
