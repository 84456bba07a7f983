#!/usr/bin/env bash
# Scan-back benchmark: a 300-page scan PDF at 300 dpi (grey JPEG pages, as an office scanner
# writes them) of the care-aid kit's order form, read with the release `downkit reconcile`
# on all cores and on one core. Wall time, CPU time and peak memory from GNU time.
#   scripts/bench-scan.sh [PAGES] [DPI]
# Needs poppler-utils (pdftoppm), img2pdf and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
pages="${1:-300}"
dpi="${2:-300}"
cargo build --release --locked --bin downkit
bin="$(pwd)/${CARGO_TARGET_DIR:-target}/release/downkit"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r kits/hjalpmedel-hemtjanst kits/shared "$work/"
kit="$work/hjalpmedel-hemtjanst"
"$bin" build "$kit" --only bestallning --copies "$pages" -o "$work/out" --date 2026-12-01 -q
pdftoppm -r "$dpi" -gray -jpeg -jpegopt quality=75 -f 1 -l "$pages" \
  "$work/out/hjalpmedel-hemtjanst-"*"-bestallning.pdf" "$work/page"
img2pdf "$work"/page-*.jpg -o "$work/scan.pdf"
rm "$work"/page-*.jpg
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "scan: $pages pages at $dpi dpi, $(($(stat -c %s "$work/scan.pdf") / 1048576)) MB"
run() {
  rm -f "$kit"/ledger-bench.toml
  /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB peak" "$@" \
    "$bin" reconcile "$kit" "$work/scan.pdf" --incident bench --copies "$pages" \
    --date 2027-03-21 --format json > "$work/report.json" || true
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('  sheets received:', len(r['received']), ' unreadable pages:', len(r['unreadable']), ' missing:', len(r['missing']))" "$work/report.json"
}
for i in 1 2 3; do echo "all cores, run $i:"; run; done
echo "one core:"; run taskset -c 0
