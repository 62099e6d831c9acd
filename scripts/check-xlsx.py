#!/usr/bin/env python3
"""Checks workbooks written by `divide ... --format xlsx` with an independent reader, openpyxl.

Usage: python3 scripts/check-xlsx.py FILE.xlsx [...]     (needs `pip install openpyxl`; not part of CI)

For every sheet: the name is valid in Excel (1-31 characters, none of []:*?/\\, no ' at either end, unique
ignoring case), the header row is bold and frozen (panes at A2), no cell holds a formula, and no text cell holds
what is only a number (a number written as text). Prints one line per workbook; exits 1 on any problem.
"""
import re
import sys

try:
    import openpyxl
except ImportError:
    sys.exit("openpyxl is not installed: pip install openpyxl")

NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$")


def check(path):
    problems = []
    book = openpyxl.load_workbook(path)
    names = [sheet.title for sheet in book.worksheets]
    if len({n.lower() for n in names}) != len(names):
        problems.append(f"sheet names not unique: {names}")
    counts = {"number": 0, "text": 0}
    for sheet in book.worksheets:
        name = sheet.title
        if not 1 <= len(name.encode("utf-16-le")) // 2 <= 31 or re.search(r"[\[\]:*?/\\]", name) or name[0] == "'" or name[-1] == "'":
            problems.append(f"invalid sheet name {name!r}")
        if sheet.max_row >= 1 and sheet.cell(1, 1).value is not None:
            if sheet.freeze_panes != "A2":
                problems.append(f"{name}: header not frozen (freeze_panes {sheet.freeze_panes})")
            for cell in sheet[1]:
                if cell.value is not None and not cell.font.b:
                    problems.append(f"{name}!{cell.coordinate}: header not bold")
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if cell.value is None:
                    continue
                if cell.data_type == "f":
                    problems.append(f"{name}!{cell.coordinate}: a formula {cell.value!r}")
                elif cell.data_type == "n":
                    counts["number"] += 1
                elif cell.data_type in ("s", "inlineStr"):
                    counts["text"] += 1
                    if NUMBER.match(str(cell.value).strip()):
                        problems.append(f"{name}!{cell.coordinate}: a number written as text {cell.value!r}")
    status = "ok" if not problems else f"{len(problems)} problems"
    print(f"{path}: {status}; sheets {names}; {counts['number']} numbers, {counts['text']} text cells")
    for p in problems[:20]:
        print("   ", p)
    return not problems


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    results = [check(path) for path in sys.argv[1:]]
    sys.exit(0 if all(results) else 1)
