#!/usr/bin/env python3
"""Side by side: the composite-index workload (../shared/bench/WORKLOAD.md), DigitalDivide vs the numpy reference.

Writes the interchange inputs once per size with reference_numpy.py (data.f64/weights.f64), then runs
``reference_numpy.py --input DIR`` and ``divide bench workload --input DIR`` as separate processes on the same files
with the same thread count (1 and 2 by default), interleaved round by round (machines here are noisy; the order
alternates every round). Each process does its own warm-up and best-of-3; the script prints, per size and thread
count, the median over rounds of each step's best time, the ratio numpy/swift per step, over steps 1-4 and in total,
and checks that the outputs agree: index.csv, ranks.csv, pillars.csv (and mc.csv when both write it) with
|a - b| <= 1e-9 * max(1, |b|) for floats and ranks exactly, and the CHECKSUM lines entry by entry. Exits 1 when they
do not agree. Beside each median it prints the spread over the rounds (min-max of the per-process bests).

Usage (from the repository root):
    python3 Benchmarks/workload_side_by_side.py --sizes S,M --threads 1,2 --rounds 5
    python3 Benchmarks/workload_side_by_side.py --sizes S,M,L --rounds 3      # L: ~1 GB of inputs, minutes
    python3 Benchmarks/workload_side_by_side.py --sizes M --kernel-path baseline   # divide's vector kernels forced
                                                                                     # onto a narrower path
"""
import argparse
import csv
import json
import math
import os
import statistics
import subprocess
import sys


KERNEL_PATH = None


def run(cmd, threads=None):
    env = dict(os.environ)
    if KERNEL_PATH:
        env["DIVIDE_KERNEL_PATH"] = KERNEL_PATH  # read by divide only (the numpy reference ignores it)
    if threads is not None:
        # numpy's OpenBLAS reads this at import (threadpoolctl, which --threads needs, may be absent).
        env["OPENBLAS_NUM_THREADS"] = str(threads)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout}")
    return proc.stdout


def bench_lines(text):
    """step -> best_s from BENCH lines; plus the ENV and CHECKSUM lines."""
    steps, env, checksum = {}, "", None
    for line in text.splitlines():
        if line.startswith("BENCH "):
            fields = dict(p.split("=", 1) for p in line.split()[1:] if "=" in p)
            steps[fields["step"]] = float(fields["best_s"])
        elif line.startswith("ENV "):
            env = line
        elif line.startswith("CHECKSUM "):
            checksum = json.loads(line[len("CHECKSUM "):])
    return steps, env, checksum


def close(a, b, tol=1e-9):
    return abs(a - b) <= tol * max(1.0, abs(b))


def compare_csv(ours, theirs, name, integer_columns):
    """Number of disagreeing fields (printing the first few) between two output files."""
    with open(os.path.join(ours, name)) as f:
        a = list(csv.reader(f))
    with open(os.path.join(theirs, name)) as f:
        b = list(csv.reader(f))
    if a[0] != b[0] or len(a) != len(b):
        print(f"    {name}: header or row count differs ({a[0]} {len(a)} vs {b[0]} {len(b)})")
        return 1
    bad, worst = 0, 0.0
    for ra, rb in zip(a[1:], b[1:]):
        for k, (x, y) in enumerate(zip(ra, rb)):
            if x == y:
                continue
            ok = False
            if x and y and k not in integer_columns and a[0][k] not in ("unit", "year", "pillar"):
                ok = close(float(x), float(y))
                worst = max(worst, abs(float(x) - float(y)) / max(1.0, abs(float(y))))
            if not ok:
                bad += 1
                if bad <= 5:
                    print(f"    {name}: {ra} vs numpy {rb}")
            else:
                worst = max(worst, 0.0)
    print(f"    {name}: {len(a) - 1} rows, {bad} disagreements, max relative difference {worst:.2g}")
    return bad


def compare_checksums(ours, theirs):
    bad, missing = 0, []
    for key, value in theirs.items():
        if key not in ours:
            missing.append(key)
            continue
        mine = ours[key]
        same = mine == value if isinstance(value, int) and isinstance(mine, int) else close(float(mine), float(value))
        if not same:
            bad += 1
            print(f"    CHECKSUM {key}: swift {mine} vs numpy {value}")
    note = f" (not printed by swift: {', '.join(missing)})" if missing else ""
    print(f"    CHECKSUM: {len(theirs) - len(missing)} entries compared, {bad} disagreements{note}")
    return bad


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="S,M", help="comma list of S, M, L (L writes ~1 GB of inputs)")
    ap.add_argument("--threads", default="1,2", help="comma list of thread counts, the same for both")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--work", default="/tmp/divide-bench-workload")
    ap.add_argument("--reference", default=os.path.join(root, "..", "shared", "bench", "reference_numpy.py"))
    ap.add_argument("--divide", default=None, help="the divide binary (default: build it in release mode)")
    ap.add_argument("--kernel-path", default=None, choices=["baseline", "avx2", "avx512"],
                    help="run divide's vector kernels on this path (DIVIDE_KERNEL_PATH; default: the CPU's widest)")
    a = ap.parse_args()
    global KERNEL_PATH
    KERNEL_PATH = a.kernel_path
    sizes = a.sizes.split(",")
    threads = [int(t) for t in a.threads.split(",")]
    reference = os.path.abspath(a.reference)

    for size in sizes:
        folder = os.path.join(a.work, size, "input")
        if not os.path.exists(os.path.join(folder, "data.f64")):
            print(f"writing the {size} inputs to {folder} ...", flush=True)
            run([sys.executable, reference, "--size", size, "--write-input", "bin", "--no-output", "--repeats", "1",
                 "--out", folder])
    divide = a.divide
    if divide is None:
        subprocess.run(["swift", "build", "-c", "release", "--product", "divide"], cwd=root, check=True,
                       stdout=subprocess.DEVNULL)
        divide = os.path.join(root, ".build", "release", "divide")

    def command(impl, size, t, first):
        folder = os.path.join(a.work, size, "input")
        out = os.path.join(a.work, size, f"out-{impl}-t{t}")
        if impl == "numpy":
            cmd = [sys.executable, reference, "--size", size, "--input", folder, "--input-format", "bin"]
            return cmd + (["--out", out] if first else ["--no-output"])
        return [divide, "bench", "workload", "--input", folder, "--threads", str(t)] + (["--output", out] if first else [])

    times, envs, checksums = {}, {}, {}
    configs = [(size, t) for size in sizes for t in threads]
    for r in range(a.rounds):
        order = ["numpy", "swift"] if r % 2 == 0 else ["swift", "numpy"]
        for size, t in configs:
            for impl in order:
                steps, env, checksum = bench_lines(run(command(impl, size, t, r == 0), threads=t))
                for step, best in steps.items():
                    times.setdefault((impl, size, t, step), []).append(best)
                envs.setdefault(impl, env)
                checksums.setdefault((impl, size, t), checksum)
                print(f"round {r + 1} {impl:5s} {size} threads={t}: total {steps.get('total', float('nan')):.6f} s",
                      flush=True)

    print()
    for impl in ("numpy", "swift"):
        print(envs.get(impl, ""))
    disagreements = 0
    for size, t in configs:
        print(f"\nsize {size}, threads {t}: median over {a.rounds} rounds of each process's best-of-3 (seconds)")
        steps = [k[3] for k in times if k[0] == "numpy" and k[1] == size and k[2] == t and not k[3].startswith("load")]
        print(f"  {'step':18s} {'numpy':>10s} {'swift':>10s} {'numpy/swift':>12s}   spread over rounds (min-max): numpy | swift")
        medians = {}
        for step in steps:
            n = statistics.median(times[("numpy", size, t, step)])
            s = times.get(("swift", size, t, step))
            s = statistics.median(s) if s else None
            medians[step] = (n, s)
            ratio = f"{n / s:11.1f}x" if s else "  (no swift)"
            nr = times[("numpy", size, t, step)]
            sr = times.get(("swift", size, t, step)) or [float("nan")]
            spread = f"{min(nr):.6f}-{max(nr):.6f} | {min(sr):.6f}-{max(sr):.6f}"
            print(f"  {step:18s} {n:10.6f} {s if s is not None else float('nan'):10.6f} {ratio}   {spread}")
        first4 = [f"step{k}_" for k in "1234"]
        n4 = sum(v[0] for k, v in medians.items() if any(k.startswith(p) for p in first4))
        s4 = sum(v[1] or 0 for k, v in medians.items() if any(k.startswith(p) for p in first4))
        print(f"  {'steps 1-4 (sum)':18s} {n4:10.6f} {s4:10.6f} {n4 / s4:11.1f}x")
        if not any(k[0] == "swift" and k[1] == size and k[2] == t and k[3].startswith("step5") for k in times):
            print("  note: swift prints no step-5 lines yet, so its total covers steps 1-4 only")
        print("  outputs (first round):")
        ours = os.path.join(a.work, size, f"out-swift-t{t}")
        theirs = os.path.join(a.work, size, f"out-numpy-t{t}")
        for name, ints in (("index.csv", {0, 1}), ("ranks.csv", {0, 1, 2, 3}), ("pillars.csv", {0, 1, 2}),
                           ("mc.csv", {0})):
            if os.path.exists(os.path.join(ours, name)):
                disagreements += compare_csv(ours, theirs, name, ints)
            else:
                print(f"    {name}: not written by swift")
        disagreements += compare_checksums(checksums[("swift", size, t)], checksums[("numpy", size, t)])
    if len(threads) > 1:
        for size in sizes:
            base = os.path.join(a.work, size, f"out-swift-t{threads[0]}")
            for t in threads[1:]:
                other = os.path.join(a.work, size, f"out-swift-t{t}")
                same = all(open(os.path.join(base, n), "rb").read() == open(os.path.join(other, n), "rb").read()
                           for n in os.listdir(base))
                print(f"swift outputs at {size}, threads {threads[0]} and {t}: {'byte-identical' if same else 'DIFFER'}")
                disagreements += 0 if same else 1
    sys.exit(1 if disagreements else 0)


if __name__ == "__main__":
    main()
