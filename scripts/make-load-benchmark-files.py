#!/usr/bin/env python3
"""Writes the two synthetic files issue 13 measures `divide validate` on (not committed: generate them).

  python3 scripts/make-load-benchmark-files.py OUT_DIR [--owid-mb 50]

- OUT_DIR/API_KOR_DS2_en_csv_v2_synthetic.csv: a World Bank *country* download (one economy, 1,500 indicators,
  1960-2023, the real layout: preamble, BOM, CRLF, trailing empty column), about 60% of cells filled; indicator
  names carry World Bank units ("(% of population)", "(% gross)", "(% of GDP)", "(current US$)", ...), values in
  their real ranges (gross ratios above 100, balances below 0), so that the file validates clean.
- OUT_DIR/owid-synthetic.csv: an OWID grapher file of about --owid-mb MB: Entity,Code,Year, as many value columns as
  make that size, and a region text column, 1750-2023, every economy of the registry plus OWID aggregates and code-less entities.
"""
import os, random, sys

out = sys.argv[1]
mb = float(sys.argv[sys.argv.index("--owid-mb") + 1]) if "--owid-mb" in sys.argv else 50
os.makedirs(out, exist_ok=True)
rng = random.Random(13)
units = [("(% of population)", 0, 100), ("(% gross)", 60, 130), ("(% of GDP)", -20, 180), ("(current US$)", 1e6, 1e12),
         ("(annual %)", -15, 25), ("(kilograms per hectare of arable land)", 0, 900), ("(per 100 people)", 0, 180),
         ("(% of total labor force) (modeled ILO estimate)", 0, 40), ("", 0, 1e8)]
years = list(range(1960, 2024))
with open(os.path.join(out, "API_KOR_DS2_en_csv_v2_synthetic.csv"), "w", encoding="utf-8-sig", newline="") as f:
    f.write('"Data Source","World Development Indicators",\r\n\r\n"Last Updated Date","2024-03-28",\r\n\r\n')
    f.write(",".join('"%s"' % h for h in ["Country Name", "Country Code", "Indicator Name", "Indicator Code"] + [str(y) for y in years]) + ",\r\n")
    for k in range(1500):
        unit, lo, hi = units[k % len(units)]
        name = ("Synthetic indicator %d %s" % (k, unit)).strip()
        cells = ['"%.6g"' % rng.uniform(lo, hi) if rng.random() < 0.6 else '""' for _ in years]
        f.write('"Korea, Rep.","KOR","%s","SYN.%04d.ZS",' % (name, k) + ",".join(cells) + ",\r\n")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import csv
codes = [r["alpha-3"] for r in csv.DictReader(open(os.path.join(os.path.dirname(__file__), "..", "Data", "reference", "all.csv"), encoding="utf-8-sig"))]
entities = [(c, c) for c in codes] + [("World", "OWID_WRL"), ("Asia", ""), ("East Asia and Pacific (WB)", ""), ("USSR", "")]
target = int(mb * 1e6)
year_block = list(range(1750, 2024))
columns = max(1, round(target / (len(entities) * len(year_block) * 7.5)))
with open(os.path.join(out, "owid-synthetic.csv"), "w", newline="") as f:
    f.write("Entity,Code,Year," + ",".join("Series %d (%%)" % k if k % 2 else "Series %d (per 100 people)" % k
                                           for k in range(columns)) + ",World regions according to OWID\n")
    for name, code in entities:
        for y in year_block:
            f.write("%s,%s,%d,%s,%s\n" % (name, code, y, ",".join("%.3f" % rng.uniform(0, 100) for _ in range(columns)),
                                          "Asia" if y == 2023 else ""))
print("wrote", out)
