#!/usr/bin/env python3
"""Compares an IDI computed by `divide compute` with ITU's published IDI 2024 scores (Table 1: IDI, Universal
and Meaningful connectivity; Data/itu/idi2024-annex2/idi2024_table1_scores.csv), economy by economy.

    divide compute --framework idi2024 --year 2022 --group all --format csv --output idi.csv
    python3 scripts/compare-idi2024.py idi.csv [--nodes idi2024,U,M] [--year 2022] [--published FILE]

Economies are split into those whose Annex 2 inputs are complete (10 values printed) and those with an "n.a."
cell, which ITU scored with imputed values it did not publish. Prints, per node and group: economies compared,
mean and max absolute difference, and how many differ by more than 0.05 (the published scores' rounding).
Written independently of the Swift code: it reads only the two CSV files (and the Annex 2 file for completeness).
"""
import argparse
import csv
import os
import statistics
import sys

here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, "..", "Data", "itu", "idi2024-annex2")
parser = argparse.ArgumentParser()
parser.add_argument("computed")
parser.add_argument("--nodes", default="idi2024,U,M", help="root, Universal and Meaningful node ids")
parser.add_argument("--year", default="2022")
parser.add_argument("--edition", default="2024", choices=["2023", "2024"],
                    help="2023: compare the root only with Table 1's IDI 2023 column (reference year 2021)")
parser.add_argument("--published", default=os.path.join(data, "idi2024_table1_scores.csv"))
parser.add_argument("--annex", default=os.path.join(data, "idi2024_indicator_values.csv"))
parser.add_argument("--list", type=int, default=5, help="show the N largest differences per group")
# (the worst-case bound for imputed economies uses the idi2024 preset's indicator ids and weights)
args = parser.parse_args()

published = {}
for row in csv.DictReader(open(args.published, encoding="utf-8")):
    published[(row["iso3"], row["indicator"])] = float(row["value"])
cells = {}
for row in csv.DictReader(open(args.annex, encoding="utf-8")):
    cells[row["iso3"]] = cells.get(row["iso3"], 0) + 1
computed, imputed = {}, {}
for row in csv.DictReader(open(args.computed, encoding="utf-8")):
    if row["year"] == args.year and row["score"] != "":
        computed[(row["unit"], row["node"])] = float(row["score"])
        if row["origin"] == "imputed":
            imputed.setdefault(row["unit"], []).append((row["node"], float(row["score"])))
# Each indicator's weight in the IDI (Annex 1: U = mean of 3, M = mean of 6 with coverage = 0.4·3G + 0.6·4G,
# IDI = (U + M)/2); indicator node ids as in Data/frameworks/idi2024.yaml.
IDI_WEIGHT = {"internet_use": 1 / 6, "households_internet": 1 / 6, "mobile_broadband_subs": 1 / 6,
              "coverage_3g": 0.4 / 12, "coverage_4g": 0.6 / 12, "mobile_traffic_gb": 1 / 12,
              "fixed_traffic_gb": 1 / 12, "mobile_basket_gni": 1 / 12, "fixed_basket_gni": 1 / 12,
              "mobile_ownership": 1 / 12}

root, u_node, m_node = args.nodes.split(",")
economies = sorted({iso for iso, _ in published})
targets = [("IDI", "ITU.IDI2024.IDI", root), ("Universal", "ITU.IDI2024.U", u_node),
           ("Meaningful", "ITU.IDI2024.M", m_node)]
if args.edition == "2023":
    targets = [("IDI 2023", "ITU.IDI2023.IDI", root)]
    economies = [e for e in economies if (e, "ITU.IDI2023.IDI") in published]
missing = [e for e in economies if (e, root) not in computed]
extra = sorted({u for u, n in computed if n == root and u not in set(economies)})
print(f"ITU scored {len(economies)} economies in its IDI {args.edition}; computed scores for "
      f"{len(economies) - len(missing)} of them"
      + (f" (not scored: {', '.join(missing)})" if missing else "")
      + (f"; also scored, not in ITU's table: {', '.join(extra)}" if extra else ""))
worst = 0.0
for label, code, node in targets:
    groups = [("all", economies)]
    if args.edition == "2024":  # Annex 2 (reference year 2022) says which inputs were complete
        groups += [("complete inputs", [e for e in economies if cells.get(e, 0) == 10]),
                   ("imputed inputs", [e for e in economies if cells.get(e, 0) < 10])]
    for group, members in groups:
        diffs = [(abs(computed[(e, node)] - published[(e, code)]), e, computed[(e, node)], published[(e, code)])
                 for e in members if (e, node) in computed]
        if not diffs:
            continue
        diffs.sort(reverse=True)
        mean = statistics.mean(d[0] for d in diffs)
        print(f"{label:10s} {group:15s} n={len(diffs):3d}  mean |diff| {mean:.3f}  max {diffs[0][0]:.3f} ({diffs[0][1]})"
              f"  > 0.05: {sum(d[0] > 0.05 for d in diffs)}")
        for d, e, c, p in diffs[:args.list]:
            print(f"    {e} computed {c:.2f} published {p:.1f} diff {c - p:+.2f}")
# How far an imputed economy can be from ITU's IDI: each imputed indicator's score could be anywhere in [0, 100],
# so |computed − ITU| ≤ Σ weight·max(score, 100 − score) over its imputed indicators (+ rounding).
rows = []
for e in economies if root == "idi2024" else []:
    if e in imputed and (e, root) in computed and all(n in IDI_WEIGHT for n, _ in imputed[e]):
        bound = sum(IDI_WEIGHT[n] * max(v, 100 - v) for n, v in imputed[e])
        rows.append((abs(computed[(e, root)] - published[(e, "ITU.IDI2024.IDI")]), bound, e))
if rows:
    inside = sum(d <= b + 0.05 for d, b, _ in rows)
    print(f"imputed economies: worst-case bound on |IDI diff| from their imputed indicators: median "
          f"{statistics.median(b for _, b, _ in rows):.1f}, max {max(b for _, b, _ in rows):.1f} points; "
          f"{inside} of {len(rows)} within their bound")

