#!/usr/bin/env bash
# Fuzzes GateLM's readers of untrusted input with libFuzzer: the AIGER reader, the
# checkpoint decoder with the gate-network, ternary recurrent and integer window loaders, the
# interchange directory reader (safetensors + config.json), check-proof's DIMACS and DRAT readers
# with the DRAT checker, the
# interpretability constraint parser, the symbolic program format, the patch language and
# the MCP server's request handling end to end; and, with a seeded mutation fuzzer in Python
# (Fuzz/python), the gatelm-torch package's interchange and scores readers (python-interchange).
# Not part of the test command; CI runs a short round (`--seconds 30`).
#
#   scripts/fuzz.sh                      # every target, 30 minutes or 10^6 runs each
#   scripts/fuzz.sh --seconds 60 aiger   # one target, one minute
#
# Seeds are in Fuzz/corpus/TARGET (kept in git); what libFuzzer learns goes to
# BUILD/corpus/TARGET, and crashing inputs to BUILD/crashes/TARGET (copy each into
# Tests/… as a regression test), where BUILD is $GATELM_FUZZ_BUILD_PATH (default .build-fuzz;
# set it to fuzz beside another checkout's build). Exit status 1 if any target crashed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=1800
runs=1000000
targets=()
all_targets=(aiger checkpoint constraint symtx patch ternary integer interchange proof mcp python-interchange)
build="${GATELM_FUZZ_BUILD_PATH:-.build-fuzz}"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
        *)
            [[ " ${all_targets[*]} " == *" $1 "* ]] || { echo "fuzz.sh: unknown argument $1 (targets: ${all_targets[*]})" >&2; exit 2; }
            targets+=("$1"); shift ;;
    esac
done
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")
[[ "$seconds" =~ ^[0-9]+$ && "$seconds" -ge 1 ]] || { echo "fuzz.sh: --seconds must be a positive integer; got $seconds" >&2; exit 2; }
[[ "$runs" =~ ^[0-9]+$ && "$runs" -ge 1 ]] || { echo "fuzz.sh: --runs must be a positive integer; got $runs" >&2; exit 2; }
scripts/setup.sh
# Instrumented for coverage (-sanitize=fuzzer) and checked for memory errors (address).
GATELM_FUZZ=1 swift build -c release --build-path "$build" --product gatelm-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >&2
binary=$build/release/gatelm-fuzz
# Leaks are not what this looks for (and LeakSanitizer needs ptrace, which some containers forbid).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
status=0
printf '%-11s %10s %8s %8s %8s %s\n' target runs seconds coverage crashes result
for target in "${targets[@]}"; do
    work=$build/corpus/$target crashes=$build/crashes/$target
    rm -rf "$crashes"; mkdir -p "$work" "$crashes"
    log=$build/$target.log
    start=$(date +%s)
    if [[ $target == python-interchange ]]; then
        # The package's readers: Fuzz/python/fuzz_interchange.py, from the interchange target's seeds.
        python=$(scripts/setup-python.sh 2>"$log.setup") || { cat "$log.setup" >&2; exit 1; }
        set +e
        "$python" Fuzz/python/fuzz_interchange.py --seconds "$seconds" --crashes "$crashes" >"$log" 2>&1
        code=$?
        set -e
        executed=$(grep -o 'runs [0-9]*' "$log" | grep -o '[0-9]*' || echo "?")
        found=$(find "$crashes" -name '*.bin' | wc -l)
        result=ok
        if [[ $code -ne 0 || $found -gt 0 ]]; then result="FAILED (see $log)"; status=1; fi
        printf '%-11s %10s %8s %8s %8s %s\n' "$target" "$executed" "$(( $(date +%s) - start ))" "-" "$found" "$result"
        continue
    fi
    set +e
    GATELM_FUZZ_TARGET=$target "$binary" -max_total_time="$seconds" -runs="$runs" -timeout=10 -rss_limit_mb=4096 \
        -artifact_prefix="$crashes/" -print_final_stats=1 "$work" "Fuzz/corpus/$target" >"$log" 2>&1
    code=$?
    set -e
    elapsed=$(( $(date +%s) - start ))
    executed=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
    found=$(find "$crashes" -type f | wc -l)
    result=ok
    if [[ $code -ne 0 || $found -gt 0 ]]; then result="FAILED (see $log)"; status=1; fi
    printf '%-11s %10s %8s %8s %8s %s\n' "$target" "$executed" "$elapsed" "$coverage" "$found" "$result"
done
exit $status
