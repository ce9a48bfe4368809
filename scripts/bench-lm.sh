#!/usr/bin/env bash
# Language-model benchmark, side by side in one run on this machine:
#   1. training throughput (gate·samples/s) of GateLM's gate-layer kernels vs a plain PyTorch
#      difflogic layer (bench/torch/difflogic_layer.py, forms sum16 and affine4), 1 and 2 threads;
#   2. quality and generation side by side: GateLM's own Kneser–Ney n-grams (orders 1, 2, 4, 6),
#      a GRU trained for the same wall-clock time on the same corpus (bench/torch/float_lm.py) and
#      each GateLM variant (VARIANTS): validation bits/byte, ANDs as compiled and after `optimize`,
#      training time, and generation bytes/s of the compiled circuit at 1 and STREAMS streams.
# Prints a Markdown report and keeps it in bench/LM-RESULTS.md; raw outputs go to bench-out/lm/.
#
# Usage: scripts/bench-lm.sh [--corpus FILE] [--minutes M] [--model FILE.gatelm] [--only training|generation]
# Environment (defaults in brackets):
#   MINUTES [2]           training budget of each LM (gate model and GRU), minutes
#   TRAIN_ARGS []         extra arguments to every `gatelm train` (for example "--widths 512,512")
#   VARIANTS [gates:gates]  GateLM models to train, NAME:KIND ARGS separated by ';' (`gatelm train
#                         KIND ARGS …`), e.g. "gates:gates;hybrid:hybrid --count-orders 1,2,3,4";
#                         NAME:@FILE reuses the trained model FILE; --model replaces the first
#                         variant's training with the given model
#   BIN_DIR []            use the gatelm and gatelm-bench binaries in this directory instead of building
#   OPTIMIZE [1]          0 skips `gatelm optimize` (the ANDs-after-optimize column stays empty)
#   OPTIMIZE_SECONDS [600]  give up on `gatelm optimize` of a variant after this long (column empty)
#   FLOATS [gru:]         float models, NAME:ARGS separated by ';' (`float_lm.py ARGS …`, each trained
#                         MINUTES), e.g. "gru:;twin:--arch twin --hidden 512 --embedding 64 --batch 64":
#                         `twin` is the float twin of the recurrent family (same cell and shape, float
#                         weights and activations), `--arch window --hidden 512 --embedding 16 --batch 512
#                         --lr 3e-3` the float twin of the integer window family (bench/torch/window_twin.py);
#                         the one named gru is the generation reference
#   FLOAT_ARGS []         extra arguments to every float_lm.py (for example "--threads 1")
#   STREAMS [64,256]      stream counts of batched generation (1 stream is always measured)
#   GEN_BYTES [2000]      bytes per stream of the GRU; the circuit runs at least this many, more
#                         when that takes under a second
#   LAYERS GATES BATCH [4 16384 512]   the training-throughput shape
#   THREADS [1,2]         thread counts of the training-throughput runs
#   TORCH_SECONDS [10]    minimum timed seconds per PyTorch throughput run (after 2 warm-up steps)
#   SWIFT_SECONDS [3]     minimum timed seconds per Swift throughput run
#   OUT [bench-out/lm]    scratch directory;  REPORT [bench/LM-RESULTS.md]
#   OMP_WAIT_POLICY [PASSIVE]  for PyTorch: with the default spin-waiting, 2 threads on a busy
#                         machine ran up to 60× slower than 1 (bench/torch/README.md, caveats)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/flags.sh

MINUTES=${MINUTES:-2}
CORPUS=${CORPUS:-}
MODEL=${MODEL:-}
ONLY=${ONLY:-}
while (($#)); do
    case "$1" in
        --corpus) CORPUS=${2:?--corpus needs a file}; shift 2 ;;
        --minutes) MINUTES=${2:?--minutes needs a number}; shift 2 ;;
        --model) MODEL=${2:?--model needs a file}; shift 2 ;;
        --only) ONLY=${2:?--only needs training or generation}; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench-lm: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
case "$ONLY" in ""|training|generation) ;; *) echo "bench-lm: --only takes training or generation" >&2; exit 2 ;; esac
if [ -z "$CORPUS" ] && [ -f ../shared/data/tinyshakespeare.txt ]; then CORPUS=../shared/data/tinyshakespeare.txt; fi
if [ -n "$MODEL" ] && [ ! -f "$MODEL" ]; then echo "bench-lm: no model file $MODEL" >&2; exit 1; fi

STREAMS=${STREAMS:-256}
VARIANTS=${VARIANTS:-gates:gates}
OPTIMIZE_SECONDS=${OPTIMIZE_SECONDS:-600}
OPTIMIZE=${OPTIMIZE:-1}
GEN_BYTES=${GEN_BYTES:-2000}
LAYERS=${LAYERS:-4} GATES=${GATES:-16384} BATCH=${BATCH:-512} THREADS=${THREADS:-1,2}
TORCH_SECONDS=${TORCH_SECONDS:-10} SWIFT_SECONDS=${SWIFT_SECONDS:-3}
OUT=${OUT:-bench-out/lm} REPORT=${REPORT:-bench/LM-RESULTS.md}
TEMPERATURE=0.8
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
read -r -a train_args <<<"${TRAIN_ARGS:-}"
read -r -a float_args <<<"${FLOAT_ARGS:-}"

say() { echo "bench-lm: $*" >&2; }
# Runs a command after appending it, shell-quoted, to the commands the report lists.
logged() {
    printf '%q ' "$@" | sed 's/ $//; s/\\,/,/g' >>"$OUT/commands.txt"
    echo >>"$OUT/commands.txt"
    "$@"
}
load() { echo "$1 $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/load.txt"; }

rm -rf "$OUT"
mkdir -p "$OUT" "$(dirname "$REPORT")"
echo "export OMP_WAIT_POLICY=$OMP_WAIT_POLICY" >"$OUT/commands.txt"
{
    echo "corpus=$CORPUS"; echo "minutes=$MINUTES"; echo "model=$MODEL"; echo "streams=$STREAMS"
    echo "omp_wait_policy=${OMP_WAIT_POLICY:-}"; echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"; echo "cores=$(nproc)"
} >"$OUT/meta.txt"

if [ -n "${BIN_DIR:-}" ]; then
    BIN=$BIN_DIR
    echo "# gatelm and gatelm-bench from $BIN_DIR (a release build of commit $(git rev-parse --short HEAD 2>/dev/null))" >>"$OUT/commands.txt"
else
    say "building gatelm and gatelm-bench (release)"
    BUILD=(swift build "${RELEASE_FLAGS[@]}" --scratch-path .build-release)
    "${BUILD[@]}" --product gatelm >&2
    "${BUILD[@]}" --product gatelm-bench >&2
    BIN=$("${BUILD[@]}" --show-bin-path)
    BIN=${BIN#"$PWD/"}
    echo "${BUILD[*]} --product gatelm; ${BUILD[*]} --product gatelm-bench" >>"$OUT/commands.txt"
fi

PY=""
if bench/torch/setup.sh >"$OUT/torch-setup.log" 2>&1; then
    PY=bench/torch/.venv/bin/python
    echo "bench/torch/setup.sh" >>"$OUT/commands.txt"
else
    say "PyTorch could not be installed (see $OUT/torch-setup.log): the PyTorch columns stay empty."
    say "It needs python3-venv and network access to PyPI or download.pytorch.org."
fi

if [ "$ONLY" != generation ]; then
    say "training throughput: GateLM, $LAYERS × $GATES gates, batch $BATCH, threads $THREADS"
    load "training-start"
    logged "$BIN/gatelm-bench" lm-training --layers "$LAYERS" --gates "$GATES" --batch "$BATCH" \
        --threads "$THREADS" --seconds "$SWIFT_SECONDS" --json >"$OUT/swift-training.jsonl"
    if [ -n "$PY" ]; then
        for form in sum16 affine4; do
            for threads in ${THREADS//,/ }; do
                say "training throughput: PyTorch $form, $threads thread(s)"
                logged "$PY" bench/torch/difflogic_layer.py --throughput --form "$form" --layers "$LAYERS" \
                    --width "$GATES" --batch "$BATCH" --threads "$threads" --seconds "$TORCH_SECONDS" \
                    >>"$OUT/torch-training.jsonl" 2>"$OUT/torch-training-$form-$threads.log" \
                    || { say "PyTorch $form with $threads thread(s) failed (see $OUT/torch-training-$form-$threads.log)"
                         echo "{\"error\": \"failed\", \"config\": {\"form\": \"$form\", \"threads\": $threads}}" >>"$OUT/torch-training.jsonl"; }
            done
        done
    fi
    load "training-end"
fi

# Bytes/s of `gatelm generate` of variant $1 for $2 streams: one run of GEN_BYTES per stream, then,
# when that took under a second, one run sized to take about two seconds (the one kept).
gate_generate() {
    local name=$1 streams=$2 bytes=$GEN_BYTES seconds
    for attempt in 1 2; do
        "$BIN/gatelm" generate "$OUT/gate-$name.aig" --prompt "ROMEO:" --bytes "$bytes" --streams "$streams" \
            --temperature "$TEMPERATURE" >"$OUT/gate-$name-sample-$streams.txt" 2>"$OUT/gate-$name-generate-$streams.log"
        seconds=$(sed -n 's/.* in \([0-9.]*\) s:.*/\1/p' "$OUT/gate-$name-generate-$streams.log")
        if [ "$attempt" = 2 ] || awk "BEGIN { exit !($seconds >= 1) }"; then break; fi
        bytes=$(awk "BEGIN { b = int($bytes * 2 / ($seconds + 1e-3)); print (b > 2000000 / $streams ? int(2000000 / $streams) : b) }")
        ((bytes > GEN_BYTES)) || break
    done
    echo "$BIN/gatelm generate $OUT/gate-$name.aig --prompt ROMEO: --bytes $bytes --streams $streams --temperature $TEMPERATURE" \
        >>"$OUT/commands.txt"
}

if [ "$ONLY" != training ]; then
    if [ -z "$CORPUS" ]; then
        say "no corpus (../shared/data/tinyshakespeare.txt is absent and no --corpus given): generation part skipped"
    else
        load "generation-start"
        say "n-gram baselines (orders 1, 2, 4, 6)"
        logged "$BIN/gatelm-bench" ngram --corpus "$CORPUS" --orders 1,2,4,6 >"$OUT/ngram.jsonl"
        IFS=';' read -r -a variants <<<"$VARIANTS"
        first=1
        for variant in "${variants[@]}"; do
            name=${variant%%:*}
            read -r -a variant_args <<<"${variant#*:}"
            model=$OUT/gate-$name.gatelm
            if ((first)) && [ -n "$MODEL" ]; then
                model=$MODEL
                echo "$name" >"$OUT/gate-$name.given"
            elif [[ ${variant_args[0]:-} == @* ]]; then
                model=${variant_args[0]#@}   # NAME:@FILE reuses a trained model
                [ -f "$model" ] || { say "variant $name: no model file $model"; exit 1; }
                echo "$name" >"$OUT/gate-$name.given"
            else
                say "training variant $name on $CORPUS for $MINUTES minute(s)"
                logged "$BIN/gatelm" train "${variant_args[@]}" --corpus "$CORPUS" --minutes "$MINUTES" --out "$model" \
                    --force "${train_args[@]}" >"$OUT/gate-$name-train.log"
            fi
            first=0
            say "evaluating and compiling $name"
            logged "$BIN/gatelm" eval "$model" --corpus "$CORPUS" --json >"$OUT/gate-$name-eval.json"
            logged "$BIN/gatelm" compile "$model" -o "$OUT/gate-$name.aig" >"$OUT/gate-$name-compile.log"
            if [ "$OPTIMIZE" != 0 ]; then
                say "optimizing $name"
                logged timeout "$OPTIMIZE_SECONDS" "$BIN/gatelm" optimize "$OUT/gate-$name.aig" -o "$OUT/gate-$name-optimized.aig" \
                    >"$OUT/gate-$name-optimize.log" 2>&1 \
                    || say "optimize of $name failed or took over $OPTIMIZE_SECONDS s (see $OUT/gate-$name-optimize.log)"
                [ -f "$OUT/gate-$name-optimized.aig" ] && "$BIN/gatelm" stats "$OUT/gate-$name-optimized.aig" >"$OUT/gate-$name-optimized.stats"
            fi
            for streams in 1 ${STREAMS//,/ }; do
                say "generating with the $name circuit, $streams stream(s)"
                gate_generate "$name" "$streams"
            done
        done
        if [ -n "$PY" ]; then
            IFS=';' read -r -a floats <<<"${FLOATS:-gru:}"
            for float in "${floats[@]}"; do
                name=${float%%:*}
                read -r -a args <<<"${float#*:}"
                say "training the float model $name on $CORPUS for $MINUTES minute(s), then generating"
                logged "$PY" bench/torch/float_lm.py --data "$CORPUS" --minutes "$MINUTES" --streams "$STREAMS" \
                    --gen-bytes "$GEN_BYTES" --temperature "$TEMPERATURE" "${args[@]}" "${float_args[@]}" >"$OUT/float-$name.jsonl" \
                    || say "float_lm.py failed for $name (see $OUT/float-$name.jsonl)"
            done
        fi
        load "generation-end"
    fi
fi

python3 bench/lm_report.py "$OUT" --report "$REPORT"
