#!/usr/bin/env bash
# Rewrites the committed malloc thresholds (Benchmarks/Thresholds/HotPathBenchmarks.*.p90.json) from a fresh release
# run of the hot-path benchmarks, then checks the new thresholds against a second run. Run it deliberately, after a
# change that alters allocation counts for a reason you can state in the commit message; commit the JSON files.
#
# Only mallocCountTotal is written: wall clock is never a threshold.
set -euo pipefail
cd "$(dirname "$0")/.."
target=HotPathBenchmarks
thresholds="$PWD/Benchmarks/Thresholds"
export OPENBLAS_NUM_THREADS=1
mkdir -p "$thresholds"
rm -f "$thresholds/$target".*.p90.json
swift package --package-path Benchmarks --allow-writing-to-package-directory benchmark thresholds update \
  --target "$target" --metric mallocCountTotal --path "$thresholds" --no-progress "$@" | grep -vE '^\s*$' | tail -n 30
echo
echo "thresholds written:"
for f in "$thresholds/$target".*.p90.json; do
  printf '  %-60s %s\n' "$(basename "$f" .p90.json | sed "s/^$target.//")" "$(tr -d ' \n{}"' < "$f")"
done
echo
echo "re-checking against a second run:"
scripts/check-benchmarks.sh "$@"
