#!/usr/bin/env bash
# Benchmark: builds the release binary and the bench runner, then measures whole-process CPU
# and wall time, peak memory, file size and instructions (callgrind, when valgrind is
# installed) of `downkit build`:
#   - the reference content at 5, 50, 500 and 5,000 serialized copies, start-up, many kits;
#   - scaling: every shipped kit scaled up (contacts ×10, long Swedish procedure steps) and a
#     generated kit of realistic Swedish text at 500 and 5,000 copies, per page and per copy,
#     with the ratio between the sizes (1.00 is linear);
#   - peers: the same content side by side with Typst, fpdf2 and ReportLab, when python3 and
#     those packages are installed (`pip install typst fpdf2 reportlab`; comparison tools,
#     not dependencies of downkit);
#   - the largest kit the budgets allow.
# Results: BENCHMARKS.md explains them.
#   scripts/bench.sh [--reps N] [--only sizes|scaling|peers|largest] [--no-instructions]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --bin downkit
cargo build --release --locked --example bench
target="${CARGO_TARGET_DIR:-target}"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
if python3 -c 'import typst' 2>/dev/null; then
  echo "typst (Python package): $(python3 -c 'import importlib.metadata as m; print(m.version("typst"))')"
fi
"$target/release/examples/bench" --bin "$target/release/downkit" "$@"
