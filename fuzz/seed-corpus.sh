#!/usr/bin/env bash
# Writes the seed corpora of the fuzz targets (fuzz/corpus/<target>/):
# - load_validate, build_pdf: every kit folder in kits/, examples/ and tests/fixtures/ as one
#   input (kit.toml, then each further .toml file of the folder and of a ../shared folder
#   after a `#%% FILE <path>` line, see fuzz/src/lib.rs), and every .toml file on its own;
# - export_read: every export and sample (.csv, .json) in kits/ and tests/fixtures/, behind
#   each mode byte (which dataset, CSV or JSON);
# - scan_reconcile: scans of a built form page — PNG, JPEG, CCITT G4 TIFF and PDFs of each,
#   made with the debug binary, pdftoppm, ImageMagick and img2pdf — behind the mode byte 0,
#   and lines of QR code texts behind the mode byte 1.
#   fuzz/seed-corpus.sh        (from anywhere)
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
        # A fixture may hold a folder named like a file (tests/fixtures/diag/files).
        [ "$f" = "$kit" ] || [ ! -f "$f" ] && continue
        printf '\n#%%%% FILE %s\n' "$(basename "$f")"
        cat "$f"
      done
      if [ -d "$dir/../shared" ]; then
        for f in "$dir"/../shared/*.toml; do
          [ -f "$f" ] || continue
          printf '\n#%%%% FILE ../shared/%s\n' "$(basename "$f")"
          cat "$f"
        done
      fi
    } > "$seed"
    n=$((n + 1))
  done < <(find kits examples tests/fixtures -type f -name kit.toml -print0 | sort -z)
  while IFS= read -r -d '' f; do
    cp "$f" "$out/file-$(echo "$f" | tr '/' '_')"
    n=$((n + 1))
  done < <(find kits examples tests/fixtures -type f -name '*.toml' -print0 | sort -z)
  echo "$out: $n seeds"
done

out=fuzz/corpus/export_read
mkdir -p "$out"
n=0
while IFS= read -r -d '' f; do
  for mode in 0 1 2 4 5 6; do
    { printf "\\x$(printf %02x "$mode")"; cat "$f"; } > "$out/seed-$mode-$(echo "$f" | tr '/' '_')"
    n=$((n + 1))
  done
done < <(find kits tests/fixtures -type f \( -name '*.csv' -o -name '*.json' \) -not -name '*.last-build.json' -print0 | sort -z)
echo "$out: $n seeds"

out=fuzz/corpus/scan_reconcile
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
code() { printf 'DK1/k/order/1.0/0123abcd/HM-%04d/20261201\n' "$@"; }
{ printf '\x01'; code 1 2 3 25 31; printf 'DK1/k/order/1.0/0123abcd/HM-0002/20990101\ntel:+46701740605\n'; } > "$out/seed-codes"
if [ -x target/debug/downkit ] && command -v pdftoppm >/dev/null && command -v img2pdf >/dev/null \
   && command -v convert-im6.q16 >/dev/null; then
  target/debug/downkit build tests/fixtures/kits/scanback --only bestallning -o "$work" \
    --date 2026-12-01 -q
  pdftoppm -r 100 -gray -f 1 -l 1 -png "$work"/*-bestallning.pdf "$work/page"
  png=$(ls "$work"/page*.png | head -1)
  convert-im6.q16 "$png" -quality 60 "$work/page.jpg"
  convert-im6.q16 "$png" -threshold 55% -type bilevel -compress Group4 "$work/page.tif"
  img2pdf "$png" -o "$work/png.pdf"
  img2pdf "$work/page.jpg" -o "$work/jpg.pdf"
  img2pdf "$work/page.tif" -o "$work/tif.pdf"
  for f in "$png" "$work/page.jpg" "$work/page.tif" "$work"/png.pdf "$work"/jpg.pdf "$work"/tif.pdf; do
    { printf '\x00'; cat "$f"; } > "$out/seed-$(basename "$f")"
  done
else
  echo "scan seeds need target/debug/downkit (cargo build), pdftoppm, img2pdf and ImageMagick" >&2
fi
echo "$out: $(ls "$out" | wc -l) seeds"
