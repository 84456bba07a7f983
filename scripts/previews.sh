#!/usr/bin/env bash
# Regenerates the page previews in docs/previews/ from the shipped care-aid kit.
# Needs poppler-utils (pdftoppm). Usage: scripts/previews.sh
set -euo pipefail
cd "$(dirname "$0")/.."
kit=kits/hjalpmedel-hemtjanst
date=2026-11-27
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo build --release --quiet
bin=target/release/downkit
mkdir -p docs/previews
# render <pdf-folder> <page> <preview-name>
render() { pdftoppm -r 50 -png -f "$2" -l "$2" -singlefile "$(ls "$1"/*.pdf)" "docs/previews/$3"; }
$bin build "$kit" -o "$tmp/binder" --date "$date" -q
render "$tmp/binder" 1 cover
render "$tmp/binder" 3 procedure
for only in contacts nar-systemet-gar-ner bestallning; do
  $bin build "$kit" -o "$tmp/$only" --date "$date" --only "$only" -q
done
render "$tmp/contacts" 1 contacts
render "$tmp/nar-systemet-gar-ner" 1 checklist
render "$tmp/bestallning" 1 form
ls -l docs/previews
