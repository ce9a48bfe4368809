#!/usr/bin/env bash
# GateLM's own trainer against the gatelm-torch package on this machine, one run after another
# (a quiet machine, please): the default integer window family, the same recipe, seed and
# number of steps; training bytes/s and the validation bits/byte of each integer model, measured
# by `gatelm eval` on the whole validation split, side by side as ratios to GateLM's trainer.
# Rows: GateLM with 1 and 2 threads; the package with 1 and 2 threads; the package under torchrun
# with 2 processes of 1 thread (DDP over gloo: the scaling efficiency on these cores); and the
# package with another seed (the spread one would see between unrelated runs).
#
#   bench/scale/engines.sh [OUT_DIR]          # STEPS=3000 CORPUS=… to change
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-bench-out/engines}
steps=${STEPS:-3000}
corpus=${CORPUS:-$PWD/../shared/data/tinyshakespeare.txt}
source scripts/flags.sh
swift build "${RELEASE_FLAGS[@]}" --scratch-path .build-release --product gatelm >&2
gatelm="$(swift build "${RELEASE_FLAGS[@]}" --scratch-path .build-release --show-bin-path)/gatelm"
python=$(scripts/setup-python.sh)
mkdir -p "$out"
rows=()
gatelm_run() {  # name threads
    local name=$1 threads=$2
    "$gatelm" train integer --corpus "$corpus" --steps "$steps" --threads "$threads" --seed 1 --out "$out/$name.gatelm" --force > "$out/$name.log" 2>&1
    "$gatelm" export "$out/$name.gatelm" "$out/$name" > /dev/null
    local rate; rate=$(grep -o '[0-9]* samples/s' "$out/$name.log" | tail -1 | grep -o '[0-9]*')
    rows+=("$name|gatelm train integer --threads $threads|$rate")
}
torch_run() {  # name processes threads seed
    local name=$1 processes=$2 threads=$3 seed=$4 launcher=("$python")
    [[ $processes -gt 1 ]] && launcher=("$python" -m torch.distributed.run --nproc_per_node "$processes" --standalone)
    OMP_NUM_THREADS=$threads "${launcher[@]}" -m gatelm_torch.train --corpus "$corpus" --steps "$steps" --threads "$threads" --seed "$seed" \
        --out "$out/$name" --force > "$out/$name.log" 2>&1
    local rate; rate=$("$python" -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["bytes_per_second"]))' "$out/$name/curve.json")
    local how="gatelm-torch, $threads thread(s)"; [[ $processes -gt 1 ]] && how="torchrun, $processes processes × $threads thread"
    [[ $seed != 1 ]] && how="$how, seed $seed"
    rows+=("$name|$how|$rate")
}
gatelm_run gatelm-1t 1
gatelm_run gatelm-2t 2
torch_run torch-1t 1 1 1
torch_run torch-2t 1 2 1
torch_run torch-ddp2 2 1 1
torch_run torch-seed2 1 2 2
base_rate="" base_bits=""
{
    echo "# Engines: $steps steps of the default integer window family on $(basename "$corpus"), $(nproc) cores, $(date -u +%Y-%m-%d)"
    echo
    echo "| run | trainer | training bytes/s | ratio | validation bits/byte | Δ vs GateLM (2 threads) |"
    echo "| --- | --- | ---: | ---: | ---: | ---: |"
    for row in "${rows[@]}"; do
        IFS='|' read -r name how rate <<< "$row"
        bits=$("$gatelm" eval "$out/$name" --corpus "$corpus" --json | "$python" -c 'import json,sys; print("%.4f" % json.load(sys.stdin)["discrete_bits_per_byte"])')
        if [[ $name == gatelm-2t ]]; then base_rate=$rate base_bits=$bits; fi
        echo "$name $how $rate $bits" >> "$out/raw.txt"
    done
    "$python" - "$out/raw.txt" "$base_rate" "$base_bits" <<'PY'
import sys
rows = [line.rstrip("\n") for line in open(sys.argv[1]) if line.strip()]
base_rate, base_bits = float(sys.argv[2]), float(sys.argv[3])
for line in rows:
    name, rest = line.split(" ", 1)
    how, rate, bits = rest.rsplit(" ", 2)
    print(f"| {name} | {how} | {float(rate):,.0f} | {float(rate) / base_rate:.2f}× | {float(bits):.4f} | {float(bits) - base_bits:+.4f} |")
PY
} | tee "$out/engines.md"
rm -f "$out/raw.txt"
