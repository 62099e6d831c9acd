#!/usr/bin/env python3
"""Run the walkthroughs in Notebooks-md/ and check that what they show is what the tools print.

Conventions (Notebooks-md/README.md explains them for authors):
  ```sh            run with bash (-e -o pipefail) in the repository root, `divide` on PATH (the built binary),
                   NO_COLOR=1, TERM=dumb, COLUMNS=100, stdin empty; stdout and stderr are captured together.
                   `exit=N` in the info string expects exit status N (default 0); `timeout=S` (default 900 s).
  ```output        the next fenced block after a ```sh block, if it is an output block: the expected output.
                   Compared line by line after stripping trailing whitespace (and trailing blank lines).
                   A line `...` stands for any number of lines (elision); `{{...}}` inside a line stands for any
                   text on that line (a volatile field). A ```sh block without an output block must print nothing.
  ```LANG file=P   (any language) the block must be identical to the file P (path from the repository root).
Other blocks are prose. Exit status: 0 when every notebook matches, 1 otherwise, 2 for usage errors.
--self-test checks the matching rules on crafted cases (CI runs it before the notebooks).
--update rewrites the shown outputs from the run (and file blocks from the files) for deliberate changes, keeping
each `...` where it still stands for printed lines and each `{{...}}` line that still matches.
"""
import argparse
import difflib
import os
import re
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
NOTEBOOKS = os.path.join(ROOT, "Notebooks-md")
FENCE = re.compile(r"^(`{3,}|~{3,})(.*)$")
ELISION = "..."
VOLATILE = "{{...}}"


class Block:
    """One fenced block: its language, attributes (key=value words), body lines and line span in the file."""

    def __init__(self, fence, info, start, end, body):
        words = info.split()
        self.fence, self.start, self.end, self.body = fence, start, end, body
        self.lang = words[0] if words else ""
        self.attrs = dict(w.split("=", 1) for w in words[1:] if "=" in w)


def parse(lines):
    """The fenced blocks of a Markdown file (lines without newlines); start/end are 0-based fence lines."""
    blocks, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, j = m.group(1), i + 1
        while j < len(lines) and not (set(lines[j].strip()) == {fence[0]} and len(lines[j].strip()) >= len(fence)):
            j += 1
        if j == len(lines):
            raise SystemExit(f"unclosed code fence opened at line {i + 1}")
        blocks.append(Block(fence, m.group(2).strip(), i, j, lines[i + 1:j]))
        i = j + 1
    return blocks


def normalise(lines):
    out = [line.rstrip() for line in lines]
    while out and out[-1] == "":
        out.pop()
    return out


def line_matches(pattern, line):
    if VOLATILE not in pattern:
        return pattern == line
    regex = ".*".join(re.escape(part) for part in pattern.split(VOLATILE))
    return re.fullmatch(regex, line) is not None


def align(expected, actual):
    """Aligns the shown lines with the printed ones by edit distance, where a `...` line absorbs any run of
    printed lines for free. Returns the number of differences; the shown lines with each `...` and each matching
    volatile line replaced by the printed lines they stand for (so a diff shows only real differences); and the
    block --update writes: the printed lines, keeping the `...` and the volatile lines that still match."""
    n, m = len(expected), len(actual)
    cost = [[0] * (m + 1) for _ in range(n + 1)]  # cost[i][j]: differences aligning expected[i:] with actual[j:]
    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            if i == n:
                cost[i][j] = m - j
            elif expected[i] == ELISION:
                cost[i][j] = min(cost[i + 1][j], cost[i][j + 1] if j < m else m + n)
            else:  # match (free), or change, drop or add a line (1 each)
                never = m + n  # more than any alignment costs
                best = 1 + min(cost[i + 1][j], cost[i][j + 1] if j < m else never,
                               cost[i + 1][j + 1] if j < m else never)
                if j < m and line_matches(expected[i], actual[j]):
                    best = min(best, cost[i + 1][j + 1])
                cost[i][j] = best
    shown, updated, i, j = [], [], 0, 0
    while i < n:
        if expected[i] == ELISION:
            if not updated or updated[-1] != ELISION:
                updated.append(ELISION)
            if cost[i][j] == cost[i + 1][j]:  # an elision absorbs as few lines as it can
                i += 1
            else:
                shown.append(actual[j]); j += 1
        elif j < m and line_matches(expected[i], actual[j]) and cost[i][j] == cost[i + 1][j + 1]:
            shown.append(actual[j]); updated.append(expected[i]); i += 1; j += 1
        elif j < m and cost[i][j] == 1 + cost[i + 1][j + 1]:  # a changed line stays in its place
            shown.append(expected[i]); updated.append(actual[j]); i += 1; j += 1
        elif cost[i][j] == 1 + cost[i + 1][j]:
            shown.append(expected[i]); i += 1
        else:
            updated.append(actual[j]); j += 1
    updated += actual[j:]
    return cost[0][0], shown, updated


def fence_for(body):
    longest = max([len(m) for line in body for m in re.findall(r"`{3,}", line)] + [2])
    return "`" * (longest + 1)


def run_sh(block, env):
    """(exit status, output lines) of a sh block; status None when it ran out of time."""
    script = "\n".join(block.body) + "\n"
    timeout = int(block.attrs.get("timeout", "900"))
    try:
        proc = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=ROOT, env=env,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=timeout)
    except subprocess.TimeoutExpired as stopped:
        return None, (stopped.output or b"").decode("utf-8", errors="replace").split("\n")
    return proc.returncode, proc.stdout.decode("utf-8", errors="replace").split("\n")


def check(path, env, update):
    """Runs one notebook; returns (failures, number of blocks rewritten)."""
    rel = os.path.relpath(path, ROOT)
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    blocks = parse(lines)
    failures, edits = [], []
    for k, block in enumerate(blocks):
        where = f"{rel}:{block.start + 1}"
        if "file" in block.attrs:
            target = os.path.join(ROOT, block.attrs["file"])
            if not os.path.isfile(target):
                failures.append(f"{where}: block shows {block.attrs['file']}, which does not exist")
                continue
            with open(target, encoding="utf-8") as f:
                wanted = normalise(f.read().split("\n"))
            if normalise(block.body) != wanted:
                if update:
                    edits.append((block.start, block.end + 1, [lines[block.start]] + wanted + [block.fence]))
                else:
                    diff = difflib.unified_diff(wanted, normalise(block.body), block.attrs["file"], where,
                                                lineterm="")
                    failures.append(f"{where}: block differs from {block.attrs['file']}\n" + "\n".join(diff))
            continue
        if block.lang == "output" and (k == 0 or blocks[k - 1].lang != "sh"):
            failures.append(f"{where}: an output block must follow a sh block")
        if block.lang != "sh":
            continue
        output = blocks[k + 1] if k + 1 < len(blocks) and blocks[k + 1].lang == "output" else None
        expected = normalise(output.body) if output else []
        status, actual = run_sh(block, env)
        actual = normalise(actual)
        want_status = int(block.attrs.get("exit", "0"))
        if status != want_status:
            got = "no exit (timed out)" if status is None else f"exit status {status}"
            failures.append(f"{where}: {got}, expected {want_status}; output:\n" + "\n".join(actual))
            continue
        differences, shown, new = align(expected, actual)
        if differences == 0:
            continue
        if update:
            fence = fence_for(new)
            if output:
                edits.append((output.start, output.end + 1, [fence + "output"] + new + [fence]))
            else:
                edits.append((block.end + 1, block.end + 1, ["", fence + "output"] + new + [fence]))
            continue
        diff = difflib.unified_diff(shown, actual, "shown", "printed", lineterm="")
        failures.append(f"{where}: output differs from the block shown\n" + "\n".join(diff))
    if edits:
        for start, end, new in sorted(edits, reverse=True):  # from the end, so earlier line numbers stay valid
            lines[start:end] = new
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    return failures, len(edits)


def self_test():
    """Checks the matching rules on crafted cases (run in CI before the notebooks): returns the failures."""
    cases = [  # (shown, printed, whether they match, the block --update writes)
        (["a", "b"], ["a", "b"], True, ["a", "b"]),
        (["a", "b"], ["a", "c"], False, ["a", "c"]),
        (["a", "b"], ["a", "b", "c"], False, ["a", "b", "c"]),
        (["a", "...", "z"], ["a", "x", "y", "z"], True, ["a", "...", "z"]),
        (["a", "...", "z"], ["a", "z"], True, ["a", "...", "z"]),
        (["a", "...", "z"], ["a", "x", "y"], False, ["a", "...", "y"]),
        (["a", "...", "z"], ["b", "x", "z"], False, ["b", "...", "z"]),
        (["a", "...", "m", "...", "z"], ["a", "1", "n", "2", "z"], False, ["a", "...", "1", "...", "z"]),
        (["took {{...}} s", "end"], ["took 1.25 s", "end"], True, ["took {{...}} s", "end"]),
        (["took {{...}} s"], ["took 1.25 ms"], False, ["took 1.25 ms"]),
        (["..."], [], True, ["..."]),
    ]
    failures = []
    for shown, printed, want_match, want_update in cases:
        differences, _, updated = align(shown, printed)
        if (differences == 0) != want_match or (not want_match and updated != want_update):
            failures.append(f"align({shown}, {printed}): {differences} differences, update {updated}; expected "
                            + ("a match" if want_match else f"a difference, update {want_update}"))
    blocks = parse(["x", "````sh exit=2", "```", "````", "```output", "y", "```"])
    if [(b.lang, b.attrs, b.body) for b in blocks] != [("sh", {"exit": "2"}, ["```"]), ("output", {}, ["y"])]:
        failures.append("parse: nested fences or attributes misread: "
                        + str([(b.lang, b.attrs, b.body) for b in blocks]))
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: Notebooks-md/*.md but README.md)")
    parser.add_argument("--update", action="store_true", help="rewrite the shown outputs from this run")
    parser.add_argument("--bin", help="folder holding the built divide (default: swift build --show-bin-path)")
    parser.add_argument("--self-test", action="store_true", help="check the matching rules on crafted cases")
    args = parser.parse_args()
    if args.self_test:
        failures = self_test()
        print("\n".join(failures) or "ok   self-test of the matching rules")
        return 1 if failures else 0
    paths = [os.path.abspath(p) for p in args.notebooks] or sorted(
        os.path.join(NOTEBOOKS, n) for n in os.listdir(NOTEBOOKS) if n.endswith(".md") and n != "README.md")
    bin_dir = args.bin or subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                                         stdout=subprocess.PIPE, text=True).stdout.strip()
    if not os.access(os.path.join(bin_dir, "divide"), os.X_OK):
        print(f"no divide executable in {bin_dir}: run swift build first", file=sys.stderr)
        return 2
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""), NO_COLOR="1", TERM="dumb",
               COLUMNS="100", LC_ALL="C.UTF-8", TZ="UTC")
    failed = 0
    for path in paths:
        started = time.monotonic()
        failures, edits = check(path, env, args.update)
        took = time.monotonic() - started
        name = os.path.relpath(path, ROOT)
        if failures:
            failed += 1
            print(f"FAIL {name} ({took:.1f} s)")
            for failure in failures:
                print("  " + failure.replace("\n", "\n  "))
        else:
            print(f"ok   {name} ({took:.1f} s)" + (f", {edits} block(s) updated" if edits else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
