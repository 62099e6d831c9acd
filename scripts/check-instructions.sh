#!/usr/bin/env bash
# Instruction-count guard of the hot kernels, which a noisy machine cannot fool: runs Benchmarks/InstructionCount
# (a small fixed workload: the composite index with the arithmetic and the shifted geometric mean, and a
# 400-replication Monte Carlo alternating them, one thread) under `valgrind --tool=callgrind` and compares the
# instructions executed, in all and inside the vector kernels (CDivideKernels), with the committed counts in
# Benchmarks/Thresholds/instructions.txt, within its tolerance. Instruction counts do not depend on the load of the
# machine (the same binary, input and environment give the same count, whatever else runs), so a kernel that stops
# vectorising, or a hot loop that grows, fails here even when wall-clock timings are too noisy to tell.
#
# valgrind emulates at most AVX2 (no AVX-512), so the count is the AVX2 path's on any AVX2 machine; the file names
# the path it was taken on, and a machine that takes another path (no AVX2) is reported and not compared.
# The release build shares Benchmarks/.build with scripts/check-benchmarks.sh (run that first in CI: then only
# this small target compiles). About a minute under valgrind.
#
# Usage: scripts/check-instructions.sh            compare with the committed counts (exit 1 beyond the tolerance)
#        scripts/check-instructions.sh --update   measure and write Benchmarks/Thresholds/instructions.txt
set -euo pipefail
cd "$(dirname "$0")/.."
committed=Benchmarks/Thresholds/instructions.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v valgrind >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null; }

swift build -c release --package-path Benchmarks --product InstructionCount > "$work/build.log" 2>&1 \
  || { tail -n 30 "$work/build.log"; echo "instruction check FAILED: build"; exit 1; }
# valgrind 3.19 cannot read the DWARF that Swift 6.3 writes: run a copy without debug information (the symbol
# table stays, so callgrind still names the functions).
cp "$(swift build -c release --package-path Benchmarks --show-bin-path)/InstructionCount" "$work/InstructionCount"
strip --strip-debug "$work/InstructionCount"
bin="$work/InstructionCount"
# One BLAS thread, and no inherited kernel-path override: the count must describe the default path.
env -u DIVIDE_KERNEL_PATH OPENBLAS_NUM_THREADS=1 \
  valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" "$bin" > "$work/run.log" 2> "$work/valgrind.log" \
  || { cat "$work/run.log"; tail -n 20 "$work/valgrind.log"; echo "instruction check FAILED: the run"; exit 1; }
grep -q '^PASS vector log/exp' "$work/run.log" || { cat "$work/run.log"; echo "instruction check FAILED: kernel self-check"; exit 1; }
path=$(sed -n 's/^PASS vector log\/exp, \(.*\) path.*/\1/p' "$work/run.log")
total=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$work/callgrind.out")
# Instructions inside the kernels' own functions (self cost of the dd_* entry points and of each path's variants,
# log_shifted_avx2 and so on; the baseline variants are inlined into the entry points).
kernels=$(callgrind_annotate --threshold=100 "$work/callgrind.out" 2>/dev/null \
  | awk '/:(dd_[a-z_]+|(log_shifted|exp_shifted|finish|combine)_(avx512|avx2|baseline)) / { gsub(",", "", $1); s += $1 }
         END { printf "%d", s }')
echo "instructions: total $total, in the vector kernels $kernels (path $path under valgrind)"

if [ "${1:-}" = "--update" ]; then
  cat > "$committed" <<TXT
# Instruction counts of Benchmarks/InstructionCount under valgrind --tool=callgrind (scripts/check-instructions.sh
# --update writes this file; commit it with the change that moved the counts, and say why in the message).
path $path
total $total
kernels $kernels
# Allowed relative increase (a decrease passes, with a note to update).
tolerance 0.03
TXT
  echo "wrote $committed"; exit 0
fi

value() { awk -v k="$1" '$1 == k { print $2 }' "$committed"; }
[ -f "$committed" ] || { echo "instruction check FAILED: no $committed (run with --update)"; exit 1; }
if [ "$(value path)" != "$path" ]; then
  echo "instruction check SKIPPED: counts were taken on the $(value path) path, this machine takes $path under valgrind"
  exit 0
fi
tolerance=$(value tolerance)
status=0
for what in total kernels; do
  measured=${!what}; expected=$(value "$what")
  verdict=$(awk -v m="$measured" -v e="$expected" -v t="$tolerance" 'BEGIN {
    c = (m - e) / e; printf "%+.2f%% ", 100 * c; if (c > t) print "WORSE"; else if (c < -t) print "BETTER"; else print "ok" }')
  printf '%-8s %14s instructions, committed %14s: %s\n' "$what" "$measured" "$expected" "$verdict"
  case "$verdict" in *WORSE) status=1 ;; *BETTER) echo "  fewer instructions: lock the gain in with scripts/check-instructions.sh --update" ;; esac
done
[ "$status" -eq 0 ] && echo "instruction check passed (tolerance ${tolerance})" \
  || echo "instruction check FAILED: more instructions than $committed allows (+${tolerance}); fix the regression, or justify it and run scripts/check-instructions.sh --update"
exit "$status"
