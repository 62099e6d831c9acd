#!/usr/bin/env bash
# Renders HTML pages (briefs, the regional overview, a comparison) and looks at them as a person would: headless
# Chromium takes an A4-sized screenshot of each (1240x1754 px, A4 at 150 dpi), the page must log no console messages
# (errors, blocked loads, CSP violations), the screenshot must not be blank, and printed to PDF the page must be A4
# and no longer than its page limit (a brief: two pages).
#
# Usage: scripts/check-briefs-html.sh [OUT_DIR] [PAGE[:MAX_PAGES] or folders of *.html ...]
#   A page's limit is MAX_PAGES when given, else 2 (index.html: none). With no pages it renders the fixture brief
#   Tests/Fixtures/briefs/sample-brief.json and a hostile copy of it (markup in names and notes) through
#   `divide render-brief`. OUT_DIR defaults to /tmp/divide-briefs-check; screenshots and PDFs are written there,
#   never into the repository.
# Needs Debian's `chromium` (installed with apt-get when missing) and uses poppler-utils' pdfinfo when present (.ci/run
# installs both).
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-/tmp/divide-briefs-check}"
shift || true
mkdir -p "$out"

if ! command -v chromium >/dev/null 2>&1; then
    echo "chromium not found: installing Debian's chromium package" >&2
    if [ "$(id -u)" = 0 ]; then apt-get install -y chromium >/dev/null; else sudo apt-get install -y chromium >/dev/null; fi
fi

pages=()
if [ $# -eq 0 ]; then
    swift build --product divide >/dev/null
    divide="$(swift build --show-bin-path)/divide"
    fixture=Tests/Fixtures/briefs/sample-brief.json
    "$divide" render-brief "$fixture" --format html --output "$out/sample-brief.html"
    # The same brief with markup where data text goes: it must show as text and run nothing.
    python3 - "$fixture" "$out/hostile-brief.json" <<'PY'
import json, sys
brief = json.load(open(sys.argv[1]))
attack = '<script>alert(1)</script>"\'><img src=x onerror=alert(2)>'
brief["header"]["economy"]["name"] = attack
brief["indicators"][0]["unit"] = attack
brief["indicators"][1]["name"] = attack
brief["pillars"][0]["name"] = attack
brief["notes"].append(attack)
json.dump(brief, open(sys.argv[2], "w"))
PY
    "$divide" render-brief "$out/hostile-brief.json" --format html --output "$out/hostile-brief.html"
    pages=("$out/sample-brief.html" "$out/hostile-brief.html")
else
    for arg in "$@"; do
        if [ -d "$arg" ]; then
            while IFS= read -r f; do pages+=("$f"); done < <(find "$arg" -maxdepth 1 -name '*.html' | sort)
        else
            pages+=("$arg")
        fi
    done
fi

status=0
for spec in "${pages[@]}"; do
    page="${spec%:*}"; limit="${spec##*:}"
    if [ "$page" = "$spec" ]; then limit=2; fi
    name="$(basename "$page" .html)"
    if [ "$name" = index ] && [ "$page" = "$spec" ]; then limit=""; fi
    shot="$out/$name.png"
    log="$out/$name.chromium.log"
    rm -f "$shot"
    # --virtual-time-budget lets layout settle; the profile dir keeps runs independent.
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$out/.profile" \
        --enable-logging=stderr --v=0 --virtual-time-budget=2000 \
        --window-size=1240,1754 --screenshot="$shot" "file://$(realpath "$page")" >"$log" 2>&1 || true
    problems=""
    if [ ! -s "$shot" ]; then problems="no screenshot"; fi
    # Console output of the page (console.*, uncaught errors, CSP violations, failed loads) is logged as CONSOLE.
    if grep -E 'CONSOLE|Uncaught|Refused to|Failed to load' "$log" >/dev/null; then
        problems="$problems console: $(grep -E 'CONSOLE|Uncaught|Refused to|Failed to load' "$log" | head -3 | tr '\n' ' ')"
    fi
    if [ -s "$shot" ]; then
        share="$(python3 - "$shot" <<'PY'
import struct, sys, zlib
# Share of non-white pixels in an 8-bit RGB/RGBA PNG, read with the standard library only.
data = open(sys.argv[1], "rb").read()
pos, idat, width, height, ctype = 8, b"", 0, 0, 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
bpp = {2: 3, 6: 4}[ctype]
raw = zlib.decompress(idat)
stride = width * bpp
prev = bytearray(stride)
ink = 0
for y in range(height):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        if line[x] < 235 or line[x + 1] < 235 or line[x + 2] < 235:
            ink += 1
    prev = line
print(f"{ink / (width * height):.4f}")
PY
)"
        if python3 -c "import sys; sys.exit(0 if float('$share') >= 0.02 else 1)"; then :; else
            problems="$problems blank screenshot (non-white share $share)"
        fi
    fi
    # Markup from data must appear as text: no live <script> or onerror attribute in the file.
    if grep -Eiq '<script|<img|<iframe' "$page"; then problems="$problems unescaped markup in the HTML"; fi
    # Print layout: A4, at most two pages.
    pdf="$out/$name.pdf"
    rm -f "$pdf"
    chromium --headless --no-sandbox --disable-gpu --user-data-dir="$out/.profile" --no-pdf-header-footer \
        --print-to-pdf="$pdf" "file://$(realpath "$page")" >/dev/null 2>&1 || true
    if command -v pdfinfo >/dev/null 2>&1 && [ -s "$pdf" ]; then
        pages="$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')"
        pdfinfo "$pdf" | grep -q '^Page size:.*(A4)' || problems="$problems not printed on A4"
    else
        pages="$(python3 -c "import re,sys; print(len(re.findall(rb'/Type\s*/Page[^s]', open(sys.argv[1],'rb').read())))" "$pdf" 2>/dev/null || echo 0)"
    fi
    if [ "${pages:-0}" -lt 1 ]; then problems="$problems no printable page"; fi
    if [ -n "$limit" ] && [ "${pages:-0}" -gt "$limit" ]; then problems="$problems prints on $pages A4 pages (at most $limit)"; fi
    if [ -n "$problems" ]; then
        echo "FAIL $page:$problems" >&2
        status=1
    else
        echo "ok   $page -> $shot (non-white share ${share:-?}, $pages A4 pages${limit:+ of at most $limit}: $pdf)"
    fi
done
exit $status
