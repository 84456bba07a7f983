#!/usr/bin/env bash
# Mark-reading benchmark: filled-in scans of the OMR test kit's order form made with pdftoppm,
# ImageMagick and img2pdf at 150, 200 and 300 dpi under eleven kinds of wear, read back on one
# core and on all; accuracy against the truth of every box, pages per second per core, and the
# ink measured per kind of mark (how the thresholds in src/reconcile/marks.rs were chosen).
#   scripts/bench-omr.sh [--sheets N] [--work DIR] [--reuse]
# Needs poppler-utils (pdftoppm), ImageMagick and img2pdf.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --example bench_omr --bin downkit
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
"${CARGO_TARGET_DIR:-target}/release/examples/bench_omr" "$@"
