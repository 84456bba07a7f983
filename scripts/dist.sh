#!/usr/bin/env bash
# Builds a tarball for machines without Rust: the binary, README, docs, examples, the man
# pages and shell completions, in downkit-<version>-<target>/.
#
#   scripts/dist.sh                      # release build, then dist/downkit-<version>-<target>.tar.gz
#   scripts/dist.sh --bin PATH --out DIR # package an already built binary into DIR
#
# The tarball is reproducible: sorted names, fixed owner, mtimes from SOURCE_DATE_EPOCH
# (default: the last commit's time, else 0).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=""
out="dist"
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "dist.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [ -z "$bin" ]; then
  cargo build --release --locked
  bin="target/release/downkit"
fi
[ -x "$bin" ] || { echo "dist.sh: no binary at $bin" >&2; exit 1; }

version="$(grep -m1 '^version' Cargo.toml | sed 's/.*"\(.*\)".*/\1/')"
target="$(rustc -vV 2>/dev/null | sed -n 's/^host: //p')"
target="${target:-$(uname -m)-$(uname -s | tr '[:upper:]' '[:lower:]')}"
name="downkit-$version-$target"
epoch="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
mkdir -p "$root/bin" "$root/share/man/man1" "$root/share/completions"
cp "$bin" "$root/bin/downkit"
cp README.md "$root/"
cp -R docs examples "$root/"
[ -d kits ] && cp -R kits "$root/"
"$bin" man --dir "$root/share/man/man1" >/dev/null
"$bin" completions bash > "$root/share/completions/downkit.bash"
"$bin" completions zsh > "$root/share/completions/_downkit"
"$bin" completions fish > "$root/share/completions/downkit.fish"
"$bin" completions powershell > "$root/share/completions/downkit.ps1"
cat > "$root/INSTALL.txt" <<TXT
downkit $version for $target

  cp bin/downkit /usr/local/bin/                 # or ~/.local/bin/
  cp share/man/man1/*.1 /usr/local/share/man/man1/
  bash:  cp share/completions/downkit.bash /etc/bash_completion.d/downkit
  zsh:   cp share/completions/_downkit a folder on your \$fpath
  fish:  cp share/completions/downkit.fish ~/.config/fish/completions/
  PowerShell: . ./share/completions/downkit.ps1   (in your \$PROFILE)

Then: downkit init my-kit && downkit check my-kit. The tutorial is docs/tutorial.md.
TXT

mkdir -p "$out"
tarball="$out/$name.tar.gz"
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner \
  -C "$stage" -cf - "$name" | gzip -n -9 > "$tarball"
echo "$tarball"
