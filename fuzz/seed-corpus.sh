#!/usr/bin/env bash
# Writes the seed corpus of both fuzz targets from the repository's kits: every kit folder
# in kits/, examples/ and tests/fixtures/ as one input (kit.toml, then each further .toml
# file of the folder and of a ../shared folder after a `#%% FILE <path>` line, see
# fuzz/src/lib.rs), and every single .toml file as an input of its own.
#   fuzz/seed-corpus.sh        (from anywhere; writes fuzz/corpus/<target>/)
set -euo pipefail
cd "$(dirname "$0")/.."
for target in load_validate build_pdf; do
  out="fuzz/corpus/$target"
  mkdir -p "$out"
  n=0
  while IFS= read -r -d '' kit; do
    dir=$(dirname "$kit")
    seed="$out/seed-$(echo "$dir" | tr '/' '_')"
    {
      cat "$kit"
      for f in "$dir"/*.toml; do
        [ "$f" = "$kit" ] && continue
        printf '\n#%%%% FILE %s\n' "$(basename "$f")"
        cat "$f"
      done
      if [ -d "$dir/../shared" ]; then
        for f in "$dir"/../shared/*.toml; do
          printf '\n#%%%% FILE ../shared/%s\n' "$(basename "$f")"
          cat "$f"
        done
      fi
    } > "$seed"
    n=$((n + 1))
  done < <(find kits examples tests/fixtures -name kit.toml -print0 | sort -z)
  while IFS= read -r -d '' f; do
    cp "$f" "$out/file-$(echo "$f" | tr '/' '_')"
    n=$((n + 1))
  done < <(find kits examples tests/fixtures -name '*.toml' -print0 | sort -z)
  echo "$out: $n seeds"
done
