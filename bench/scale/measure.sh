#!/usr/bin/env bash
# What integer window circuits of growing size cost on this machine (docs/scale.md): for each
# shape, a model trained 20 steps (the cost of a circuit depends on its shape and sparsity, not
# on how well it predicts), then its parameters (every integer of its interchange export), ANDs,
# compile time and peak memory, AIGER size, simulation bytes/s (256 streams), and the time and
# peak memory of trace, explain and modules. Run on a quiet machine; one shape after another.
#
#   bench/scale/measure.sh [OUT_DIR] [SHAPE ...]       # shapes as --widths lists, e.g. 512 4096 4096,1024
#
# Writes OUT_DIR/scale.tsv (one row per shape) and each command's log beside it.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-bench-out/scale}; shift || true
shapes=("$@"); [[ ${#shapes[@]} -gt 0 ]] || shapes=(512 2048 4096 2048,512 4096,1024)
corpus=${CORPUS:-../shared/data/tinyshakespeare.txt}
modules_limit=${MODULES_LIMIT_ANDS:-15000000}   # modules needs ~0.72 GB per million ANDs (docs/scale.md)
source scripts/flags.sh
swift build "${RELEASE_FLAGS[@]}" --scratch-path .build-release --product gatelm >&2
gatelm="$(swift build "${RELEASE_FLAGS[@]}" --scratch-path .build-release --show-bin-path)/gatelm"
mkdir -p "$out"
# "seconds peak_MB" of a command, its output in LOG.
# A command that fails (killed for memory, say) gives "failed@SECONDS" and the peak it reached.
measure() {
    local log=$1; shift
    if /usr/bin/time -f "%e %M" -o "$log.time" "$@" > "$log" 2>&1; then awk '{printf "%s\t%.0f", $1, $2/1024}' "$log.time"
    else echo "failed: $*" >> "$log"; tail -1 "$log.time" | awk '{printf "failed@%s\t%.0f", $1, $2/1024}'; fi
}
printf 'widths\tparameters\tands\tcompile_s\tcompile_MB\taiger_MB\tgenerate_bytes_per_s\ttrace_s\ttrace_MB\texplain_s\texplain_MB\tmodules_s\tmodules_MB\n' > "$out/scale.tsv"
for widths in "${shapes[@]}"; do
    name=w${widths//,/-}
    "$gatelm" train integer --corpus "$corpus" --steps 20 --widths "$widths" --out "$out/$name.gatelm" --force > "$out/$name.train.log" 2>&1
    "$gatelm" export "$out/$name.gatelm" "$out/$name" > /dev/null
    parameters=$(python3 -c 'import json,struct,sys,math
f=open(sys.argv[1],"rb"); n=struct.unpack("<Q",f.read(8))[0]; h=json.loads(f.read(n))
print(sum(math.prod(t["shape"]) for k,t in h.items() if k!="__metadata__"))' "$out/$name/model.safetensors")
    compile=$(measure "$out/$name.compile.log" "$gatelm" compile "$out/$name.gatelm" -o "$out/$name.aig")
    ands=$(grep -o '[0-9]* ANDs' "$out/$name.compile.log" | tail -1 | grep -o '[0-9]*')
    aiger=$(awk -v b="$(stat -c %s "$out/$name.aig")" 'BEGIN { printf "%.1f", b / 1048576 }')
    "$gatelm" generate "$out/$name.aig" --prompt "ROMEO:" --bytes 200 --streams 256 > /dev/null 2> "$out/$name.generate.log"
    rate=$(grep -o '[0-9]* bytes/s' "$out/$name.generate.log" | grep -o '[0-9]*')
    trace=$(measure "$out/$name.trace.log" "$gatelm" trace "$out/$name.aig" --prompt "ROMEO:")
    explain=$(measure "$out/$name.explain.log" "$gatelm" explain "$out/$name.aig" --prompt "ROMEO: What say")
    if (( ands <= modules_limit )); then modules=$(measure "$out/$name.modules.log" timeout 900 "$gatelm" modules "$out/$name.aig"); else modules=$'skipped\t-'; fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$widths" "$parameters" "$ands" "$compile" "$aiger" "$rate" "$trace" "$explain" "$modules" | tee -a "$out/scale.tsv"
    rm -f "$out/$name.aig"
done
column -t -s $'\t' "$out/scale.tsv"
