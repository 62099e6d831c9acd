#!/usr/bin/env bash
# Builds the walkthrough 05 program (Notebooks-md/examples/first-index) outside the checkout against a *tagged clone*
# of this repository, by `.package(url:from:)` as an embedder would: SwiftPM refuses a versioned dependency with
# unsafe build flags, and the program must run with only a data folder of its own (no Data/frameworks: the presets
# are compiled into the library). Prints the program's output; exits non-zero on any failure.
# Usage: scripts/check-embedding.sh [WORK_DIR]   (default: a new temporary folder, removed afterwards)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-}"
if [ -z "$work" ]; then work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT; fi
version="$(sed -n 's/.*public static let string = "\(.*\)".*/\1/p' "$root/Sources/DigitalDivide/DigitalDivide.swift")"

# A clone of the committed HEAD, tagged with the library's version.
rm -rf "$work/DigitalDivide" "$work/first-index" "$work/data"
git clone -q "$root" "$work/DigitalDivide"
git -C "$work/DigitalDivide" tag "$version"

# The program: the walkthrough's own main.swift, with a manifest that depends on the tag by URL.
mkdir -p "$work/first-index/Sources/first-index"
cp "$root/Notebooks-md/examples/first-index/Sources/first-index/main.swift" "$work/first-index/Sources/first-index/"
cat > "$work/first-index/Package.swift" <<MANIFEST
// swift-tools-version: 6.1
import PackageDescription
let package = Package(
    name: "first-index",
    platforms: [.macOS(.v13)],
    dependencies: [.package(url: "file://$work/DigitalDivide", from: "$version")],
    targets: [.executableTarget(name: "first-index",
                                dependencies: [.product(name: "DigitalDivide", package: "DigitalDivide")])]
)
MANIFEST

# Its own data folder: the shipped CSV files without the preset YAML files.
mkdir -p "$work/data"
tar -C "$root/Data" --exclude=./frameworks -cf - . | tar -C "$work/data" -xf -
test ! -e "$work/data/frameworks"

echo "building first-index against DigitalDivide $version by URL (file://$work/DigitalDivide)"
(cd "$work/first-index" && swift build -q 2>&1 | grep -vE '^(Fetching|Fetched|Computing|Computed|Cloning|Cloned|Creating|Working copy|Building|Compiling|Write|Linking|Emitting|\[)' || true)
(cd "$work/first-index" && swift build -q >/dev/null)
out="$(cd "$work" && "$work/first-index/.build/debug/first-index" "$work/data")"
echo "$out"
grep -q "Asia-Pacific Digital Divide Index, .*: top 10 of" <<<"$out"
grep -q "in High income" <<<"$out"
echo "embedding check: OK"
