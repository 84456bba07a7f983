#!/usr/bin/env bash
# Benchmark: builds the release binary and the bench runner, then measures whole-process wall
# time, peak memory and file size of `downkit build` on generated kits (5, 50 and 500
# serialized copies) and many kits at once. Results: BENCHMARKS.md explains them.
#   scripts/bench.sh [--reps N]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --bin downkit
cargo build --release --locked --example bench
target="${CARGO_TARGET_DIR:-target}"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$target/release/examples/bench" --bin "$target/release/downkit" "$@"
