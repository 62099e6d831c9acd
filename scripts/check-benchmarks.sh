#!/usr/bin/env bash
# Checks the allocation counts of the library's hot paths (Benchmarks/HotPaths: load, normalise, aggregate, rank,
# index, Monte Carlo, brief) against the committed thresholds in Benchmarks/Thresholds/, in a release build.
#
# Fails (exit 1) when a benchmark's mallocCountTotal (p90 of its iterations) exceeds its threshold by more than the
# tolerance set in Benchmarks/HotPaths/HotPaths.swift, when a benchmark has no threshold file, or when the build or a
# benchmark fails. Fewer allocations than the threshold pass, with a note to lock the gain in with
# scripts/update-benchmark-thresholds.sh. Wall clock is printed, never checked.
#
# Usage: scripts/check-benchmarks.sh [--filter REGEX]   (extra arguments go to each `swift package benchmark` call)
# The tool's full output is kept in $BENCHMARK_LOG (default /tmp/divide-benchmark-check.log).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
log=${BENCHMARK_LOG:-/tmp/divide-benchmark-check.log}
target=HotPathBenchmarks
thresholds="$root/Benchmarks/Thresholds"
measured=$(mktemp -d)
trap 'rm -rf "$measured"' EXIT
# One BLAS thread: the counts must not depend on how many cores are free.
export OPENBLAS_NUM_THREADS=1
bench() { swift package --package-path Benchmarks --allow-writing-to-package-directory benchmark "$@" \
            --target "$target" --no-progress; }
fail() { echo "benchmark check FAILED after $(( $(date +%s) - start ))s: $1 (full output in $log)"; exit 1; }

start=$(date +%s)
# 1. One release build and one run, kept as the baseline 'ci' (Benchmarks/.benchmarkBaselines, not committed).
bench baseline update ci "$@" > "$log" 2>&1 || { tail -n 30 "$log"; fail "the build or a benchmark failed"; }
# 2. The run's p90 of every metric, one JSON file per benchmark, for the summary.
bench thresholds update ci --path "$measured" "$@" >> "$log" 2>&1 || { tail -n 30 "$log"; fail "reading the run"; }
# 3. The tool's own check of the run against the committed thresholds, with the tolerance from the code.
bench thresholds check ci --path "$thresholds" "$@" > "$log.check" 2>&1
cat "$log.check" >> "$log"

value() { sed -n "s/^ *\"$2\" : \([0-9]*\).*/\1/p" "$1" 2>/dev/null; }
echo "malloc counts (p90 of the iterations) against Benchmarks/Thresholds; wall clock p90, reported only"
printf '%-52s %9s %9s %7s %12s\n' benchmark mallocs threshold change "wall ms p90"
missing=0
for file in "$measured/$target".*.p90.json; do
  [ -e "$file" ] || fail "no benchmark ran"
  name=$(basename "$file" .p90.json); name=${name#"$target".}
  mallocs=$(value "$file" mallocCountTotal)
  wall=$(value "$file" wallClock)
  limit=$(value "$thresholds/$target.$name.p90.json" mallocCountTotal)
  if [ -z "$limit" ]; then
    change="none"; missing=1
  else
    change=$(awk -v m="$mallocs" -v t="$limit" 'BEGIN { x = (t > 0) ? 100 * (m - t) / t : 0; printf "%+.1f%%", x }')
  fi
  printf '%-52s %9s %9s %7s %12.1f\n' "$name" "$mallocs" "${limit:--}" "$change" "$(awk -v w="$wall" 'BEGIN { print w / 1e6 }')"
done
echo
if grep -q "is WORSE than the defined thresholds" "$log.check"; then
  grep -a 'Deviations worse than threshold for' "$log.check"
  fail "more allocations than Benchmarks/Thresholds allows. Fix the regression, or justify it and run
scripts/update-benchmark-thresholds.sh"
fi
[ "$missing" -eq 0 ] || fail "a benchmark has no threshold ('none' above): run scripts/update-benchmark-thresholds.sh"
if grep -q "is BETTER than the defined thresholds" "$log.check"; then
  echo "benchmark check passed after $(( $(date +%s) - start ))s, with fewer allocations than the thresholds:" \
       "lock the gain in with scripts/update-benchmark-thresholds.sh"
elif grep -q "is EQUAL to the defined thresholds" "$log.check"; then
  echo "benchmark check passed after $(( $(date +%s) - start ))s: allocation counts within the thresholds"
else
  tail -n 30 "$log.check"
  fail "the threshold check did not finish"
fi
