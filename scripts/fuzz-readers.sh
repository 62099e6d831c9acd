#!/usr/bin/env bash
# Runs the libFuzzer harness over DigitalDivide's data readers, framework YAML and brief JSON (Fuzz/), seeded with the
# shipped data, the presets, the sample brief and the kept
# corpus, for SECONDS (default 600). New interesting inputs go to Fuzz/corpus-new (not committed); crashes to
# Fuzz/crashes. Minimised crashers belong in Tests/DigitalDivideTests/Fixtures/fuzz-regressions/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
swift build --package-path Fuzz -c release --scratch-path Fuzz/.build \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | tail -n 2
bin=Fuzz/.build/release/FuzzReaders
seeds=$(mktemp -d)
# Seeds: the first 4 KiB of every shipped CSV with selector byte 0 (auto-detect), plus the regression corpus.
i=0
while IFS= read -r -d '' f; do
  { printf '\x00'; head -c 4096 "$f"; } > "$seeds/seed-$i"; i=$((i + 1))
done < <(find Data -name '*.csv' -print0)
# Framework YAML (selector 248) and brief JSON as render-brief reads it (selector 252): the presets and the fixture.
for f in Data/frameworks/*.yaml; do { printf '\xf8'; cat "$f"; } > "$seeds/seed-$i"; i=$((i + 1)); done
{ printf '\xfc'; cat Tests/Fixtures/briefs/sample-brief.json; } > "$seeds/seed-$i"; i=$((i + 1))
# Excel workbooks (selector 244: .xlsx, 245: .xls): the real-shaped fixtures.
for f in Tests/Fixtures/publisher-shapes/*.xlsx; do { printf '\xf4'; cat "$f"; } > "$seeds/seed-$i"; i=$((i + 1)); done
for f in Tests/Fixtures/publisher-shapes/*.xls; do { printf '\xf5'; cat "$f"; } > "$seeds/seed-$i"; i=$((i + 1)); done
mkdir -p Fuzz/corpus-new Fuzz/crashes
# Leaks inside the toolchain's own libraries are suppressed (Fuzz/lsan-suppressions.txt says which and why).
LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan-suppressions.txt" "$bin" -max_total_time="$seconds" -max_len=32768 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
  -artifact_prefix=Fuzz/crashes/ Fuzz/corpus-new "$seeds" Tests/DigitalDivideTests/Fixtures/fuzz-regressions 2>&1 \
  | grep -E '^#[0-9]+ +(DONE|INITED)|stat::|ERROR|SUMMARY|Test unit written|==[0-9]+==' | tail -n 30
