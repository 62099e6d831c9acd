#!/usr/bin/env python3
"""Extracts ITU's published IDI 2024 scores (Table 1: IDI, Universal and Meaningful connectivity, reference year
2022, and the IDI 2023 edition's score, reference year 2021, where Table 1 prints one) for the 170 economies from the `pdftotext -layout` text of the report, into a tidy long CSV the loader reads.

Input: the report text `data/raw/itu_idi_2024_report.txt` of github.com/khailapvuong/middle-powers-mpapi at
commit b66aa4d05423d28eaf737b8bb06afe5e4c6e78a8 (ISO-8859-1, sha256 06db6fe8…a6f; `pdftotext -layout` of ITU's
PDF https://www.itu.int/dms_pub/itu-d/opb/ind/d-ind-ict_mdd-2024-3-pdf-e.pdf, the same PDF as Annex 2's), and the
Annex 2 file for the names and ISO3 codes.

Table 1 prints, per economy, `Economy Region Income IDI2023 IDI2024 Change`; the two pillar scores are printed
in a column on the right that pdftotext shifts by one row, so the k-th (U, M) pair on the table's lines belongs
to the k-th economy. The script checks every assignment: |(U + M)/2 − IDI| ≤ 0.051 for all 170, else it stops.

Run: python3 scripts/extract-idi2024-table1.py REPORT.txt Data/itu/idi2024-annex2/idi2024_indicator_values.csv \
         > Data/itu/idi2024-annex2/idi2024_table1_scores.csv
"""
import csv
import re
import sys

report, annex = sys.argv[1], sys.argv[2]
lines = [l.rstrip("\n") for l in open(report, encoding="latin-1")]
iso = {}
for row in csv.DictReader(open(annex, encoding="utf-8")):
    iso[row["economy"]] = row["iso3"]
# pdftotext wrote the text in Latin-1 with some names in UTF-8 bytes; compare both spellings.
def latin(name):
    return name.encode("utf-8").decode("latin-1")
by_printed = {latin(k): k for k in iso} | {k: k for k in iso}

economy_row = re.compile(r"^(?P<e>.+?)\s+(?P<r>AFR|AMS|ARB|ASP|CIS|EUR)\s+(?P<i>HI|UMI|LMI|LI|n\.a\.)\s+"
                         r"(?P<a>n\.a\.|\d+\.\d)\s+(?P<b>\d+\.\d)(\s|$)")
pair = re.compile(r"\s(\d{1,3}\.\d)\s+(\d{1,3}\.\d)\s*$")
rows, first, last = [], None, None
for n, line in enumerate(lines[:1300]):
    m = economy_row.match(line)
    if m and m["e"].strip() in by_printed:
        rows.append((by_printed[m["e"].strip()], float(m["b"]), None if m["a"] == "n.a." else float(m["a"])))
        first = n if first is None else first
        last = n
if len(rows) != 170:
    sys.exit(f"expected 170 economies in Table 1, found {len(rows)}")
pairs = []
ends_with_scores = re.compile(r"(AFR|AMS|ARB|ASP|CIS|EUR)\s+(HI|UMI|LMI|LI|n\.a\.)\s+(n\.a\.|\d+\.\d)\s+\d+\.\d\s*$")
for n in range(first - 3, last + 3):
    m = pair.search(lines[n])
    # a line ending in an economy's own IDI 2023/2024 scores (no change column) carries no pillar pair
    if m and not ends_with_scores.search(lines[n]):
        pairs.append((float(m[1]), float(m[2])))
if len(pairs) != 170:
    sys.exit(f"expected 170 (U, M) pairs, found {len(pairs)}")
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["economy", "iso3", "indicator", "year", "value"])
for (name, idi, idi2023), (u, m) in zip(rows, pairs):
    if abs((u + m) / 2 - idi) > 0.051:
        sys.exit(f"{name}: (U + M)/2 = {(u + m) / 2:.2f} but IDI {idi}: the pillar column is misaligned")
    for code, value in (("ITU.IDI2024.IDI", idi), ("ITU.IDI2024.U", u), ("ITU.IDI2024.M", m)):
        out.writerow([name, iso[name], code, 2022, f"{value:.1f}"])
    # Table 1 also prints the IDI 2023 edition's score (reference year 2021); "n.a." where it had none.
    if idi2023 is not None:
        out.writerow([name, iso[name], "ITU.IDI2023.IDI", 2021, f"{idi2023:.1f}"])
