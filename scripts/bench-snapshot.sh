#!/usr/bin/env bash
# Snapshot benchmark: builds the release binary and the runner, then measures whole-process
# wall time, peak memory and file size of `downkit snapshot` of the home-care kit from
# generated exports of 500, 1,000 and 2,000 clients with 14 days of visits, encrypted and
# not. Results: BENCHMARKS.md explains them.
#   scripts/bench-snapshot.sh [--reps N]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --bin downkit
cargo build --release --locked --example bench_snapshot
target="${CARGO_TARGET_DIR:-target}"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$target/release/examples/bench_snapshot" --bin "$target/release/downkit" "$@"
