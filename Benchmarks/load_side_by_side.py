#!/usr/bin/env python3
"""Side by side: loading the workload's long CSV into the dense array, DigitalDivide vs pandas.

The peer is what an analyst writes in Python: ``pandas.read_csv`` followed by the pivot (a scatter) into the dense
array ``X[c, i, y]`` (C order, NaN for missing) that WORKLOAD.md defines. The Swift side is ``divide bench load``,
which runs the library's real loader (format detection skipped: the tidy reader is forced) into a ``Panel``.

Both run as separate processes, interleaved round by round (machines here are noisy), and the script prints the
median time and peak RSS of each, their ratio, and whether the two loaded arrays are bit-identical (same present
cells, same values at the same positions, compared through a position-weighted hash of the bit patterns).

Usage (from the repository root):
    python3 Benchmarks/load_side_by_side.py --size M --rounds 5
Inputs are written once with ../shared/bench/reference_numpy.py into --work (default /tmp/divide-bench).
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

PANDAS_PEER = r'''
import sys, time, json
import numpy as np, pandas as pd
d = sys.argv[1]
meta = json.load(open(d + "/meta.json"))
C, I, Y = meta["C"], meta["I"], meta["Y"]
t0 = time.perf_counter()
df = pd.read_csv(d + "/data.csv")
X = np.full((C, I, Y), np.nan)
X[df["unit"].to_numpy(), df["indicator"].to_numpy(), df["year"].to_numpy()] = df["value"].to_numpy()
t = time.perf_counter() - t0
present = ~np.isnan(X)
k = np.flatnonzero(present.ravel()).astype(np.uint64)
bits = X.ravel()[present.ravel()].view(np.uint64)
with np.errstate(over="ignore"):
    h = int(np.sum(bits * (np.uint64(2) * k + np.uint64(1)), dtype=np.uint64))
print(f"BENCH impl=pandas size={meta.get('size','custom')} threads=1 step=load_csv best_s={t:.6f} runs_s={t:.6f}")
print(f"CHECK present={int(present.sum())} hash={h:x}")
'''


def measured(cmd):
    """Runs cmd under /usr/bin/time-free accounting: fork + wait4 for this child's own peak RSS."""
    pid = os.fork()
    if pid == 0:
        fd = os.open(measured.outfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(fd, 1)
        os.execvp(cmd[0], cmd)
    _, status, usage = os.wait4(pid, 0)
    out = open(measured.outfile).read()
    if status != 0:
        sys.exit(f"failed ({status}): {' '.join(cmd)}\n{out}")
    return out, usage.ru_maxrss / 1024.0


measured.outfile = "/tmp/divide-bench-child.out"


def field(text, key, line_prefix):
    for line in text.splitlines():
        if line.startswith(line_prefix):
            for part in line.split():
                if part.startswith(key + "="):
                    return part.split("=", 1)[1]
    sys.exit(f"no {key} in:\n{text}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", default="M", choices=["S", "M", "L"])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--work", default="/tmp/divide-bench")
    ap.add_argument("--reference", default=os.path.join(root, "..", "shared", "bench", "reference_numpy.py"))
    ap.add_argument("--divide", default=None, help="the divide binary (default: build it in release mode)")
    a = ap.parse_args()

    data = os.path.join(a.work, a.size)
    if not os.path.exists(os.path.join(data, "data.csv")):
        print(f"writing the {a.size} inputs to {data} ...", flush=True)
        subprocess.run([sys.executable, a.reference, "--size", a.size, "--write-input", "csv,bin", "--no-output",
                        "--out", data], check=True, stdout=subprocess.DEVNULL)
    divide = a.divide
    if divide is None:
        subprocess.run(["swift", "build", "-c", "release", "--product", "divide"], cwd=root, check=True,
                       stdout=subprocess.DEVNULL)
        divide = os.path.join(root, ".build", "release", "divide")

    commands = [("swift", [divide, "bench", "load", "--input", data]),
                ("swift-provenance", [divide, "bench", "load", "--input", data, "--provenance"]),
                ("pandas", [sys.executable, "-c", PANDAS_PEER, data])]
    load_before = os.getloadavg()
    times = {name: [] for name, _ in commands}
    rss = {name: [] for name, _ in commands}
    checks = {}
    for r in range(a.rounds):
        for name, cmd in (commands if r % 2 == 0 else list(reversed(commands))):
            out, peak = measured(cmd)
            times[name].append(float(field(out, "best_s", "BENCH")))
            rss[name].append(peak)
            checks.setdefault(name, (field(out, "present", "CHECK"), field(out, "hash", "CHECK")))
            print(out.strip().splitlines()[0], f"peak_rss_mb={peak:.1f}", flush=True)

    dense_mb = None
    import json
    meta = json.load(open(os.path.join(data, "meta.json")))
    dense_mb = meta["C"] * meta["I"] * meta["Y"] * 8 / 2**20
    tp, mp = statistics.median(times["pandas"]), statistics.median(rss["pandas"])
    print()
    print(f"size {a.size}: {meta['C']}x{meta['I']}x{meta['Y']}, dense values {dense_mb:.1f} MiB, rounds {a.rounds}, "
          f"load average {load_before[0]:.1f} before / {os.getloadavg()[0]:.1f} after on {os.cpu_count()} cores")
    print(f"  pandas read_csv+pivot: load_csv median {tp:.3f} s, peak RSS median {mp:.1f} MiB ({mp / dense_mb:.2f}x dense)")
    same = True
    for name in ("swift", "swift-provenance"):
        ts, ms = statistics.median(times[name]), statistics.median(rss[name])
        ok = checks[name] == checks["pandas"]
        same = same and ok
        print(f"  {name:17s}: load_csv median {ts:.3f} s (pandas/swift {tp / ts:.2f}x), peak RSS median {ms:.1f} MiB "
              f"({ms / dense_mb:.2f}x dense), array identical to pandas: {'yes' if ok else 'NO ' + str(checks[name])}")
    if not same:
        print(f"  pandas {checks['pandas']}")
        sys.exit(1)


if __name__ == "__main__":
    main()
