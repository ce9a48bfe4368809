#!/usr/bin/env bash
# Measures the rewriting and refactoring passes on the EPFL circuits against
# ABC's `strash; dc2` and resyn2, with times (release build, host CPU).
#
#   scripts/measure-rewrite.sh [SCRIPT] [FILE...]
#
# SCRIPT is the measuring tool's comma-separated step list (rw, rwz, rf,
# rfz; rw:N keeps N cuts per node), default below. Prints one row per
# circuit and the geometric mean of our AND count over dc2's and of our
# time over dc2's.
set -euo pipefail
cd "$(dirname "$0")/.."
script=${1:-rw,rf,rwz,rfz,rwz}
shift || true
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(../shared/data/epfl/*.aig)
swift build -c release -Xswiftc -target-cpu -Xswiftc native \
    --package-path scripts/measure-rewrite --scratch-path .build-release-measure >/dev/null
tool=.build-release-measure/release/measure-rewrite
resyn2="balance; rewrite; refactor; balance; rewrite; rewrite -z; balance; refactor -z; rewrite -z; balance"

abc_run() { # file, commands -> "ands seconds"
    local out
    out=$(berkeley-abc -c "read $1; strash; time; $2; time; print_stats" 2>&1)
    local ands seconds
    ands=$(grep -o "and = *[0-9]*" <<<"$out" | tail -1 | grep -o "[0-9]*$")
    seconds=$(grep -o "elapse: [0-9.]*" <<<"$out" | tail -1 | grep -o "[0-9.]*$")
    echo "$ands $seconds"
}

printf "%-11s %8s | %8s %7s | %8s %7s | %8s %7s | %6s\n" circuit strash ours sec dc2 sec resyn2 sec ours/dc2
for f in "${files[@]}"; do
    read -r name start ours ours_sec _ < <("$tool" "$script" "$f")
    read -r dc2 dc2_sec < <(abc_run "$f" "dc2")
    read -r rs rs_sec < <(abc_run "$f" "$resyn2")
    ratio=$(awk -v a="$ours" -v b="$dc2" 'BEGIN { printf "%.4f", a / b }')
    printf "%-11s %8d | %8d %7.2f | %8d %7.2f | %8d %7.2f | %6s\n" "$name" "$start" "$ours" "$ours_sec" "$dc2" "$dc2_sec" "$rs" "$rs_sec" "$ratio"
    echo "$ours $dc2 $ours_sec $dc2_sec $rs $rs_sec" >>"${TMPDIR:-/tmp}/measure-rewrite.$$"
done
awk '{ a += log($1 / $2); r += log($5 / $2); t += log(($3 + 0.005) / ($4 + 0.005)); ts += $3; td += $4; tr += $6; n++ }
     END { printf "geomean ours/dc2 = %.4f   resyn2/dc2 = %.4f   time ours/dc2 (geomean) = %.3f   total seconds ours %.2f dc2 %.2f resyn2 %.2f\n",
           exp(a / n), exp(r / n), exp(t / n), ts, td, tr }' "${TMPDIR:-/tmp}/measure-rewrite.$$"
rm -f "${TMPDIR:-/tmp}/measure-rewrite.$$"
echo "script: $script"
