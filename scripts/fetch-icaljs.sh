#!/usr/bin/env bash
# Takes Thunderbird's own ical.js out of Debian's thunderbird package, for
# Tests/servers/icaljs_check.mjs: fetch-icaljs.sh DEST_DIR  ->  DEST_DIR/ical.mjs
# (plus DEST_DIR/ical.version, the package version it came from). Idempotent: does nothing
# when DEST_DIR/ical.mjs exists. Nothing is installed; the .deb (~80 MB) is only unpacked
# in a temporary folder, removed afterwards.
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: fetch-icaljs.sh DEST_DIR" >&2; exit 2; }
dest=$1
if [ -f "$dest/ical.mjs" ]; then
  echo "ical.js already at $dest/ical.mjs (Thunderbird $(cat "$dest/ical.version" 2>/dev/null || echo '?'))"
  exit 0
fi
mkdir -p "$dest"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# apt fetches as the unprivileged _apt user; in a folder it cannot write it falls back to
# root with a warning, so hand it the folder.
chown _apt "$work" 2>/dev/null || true
if ! apt-get download -qq thunderbird; then
  # Only a stale package list is worth an update; it needs root.
  apt-get update -qq
  apt-get download -qq thunderbird
fi
deb=$(ls thunderbird_*.deb)
version=$(dpkg-deb -f "$deb" Version)
dpkg-deb -x "$deb" root

# omni.ja is a zip; Mozilla's "optimized" jars can put the central directory first, which
# unzip warns about (153's does not), and unzip may be missing: Python's zipfile reads both.
# ical.js has moved between versions, so every omni.ja is searched.
/usr/bin/python3 - root "$dest/ical.mjs.tmp" <<'EOF'
import pathlib, sys, zipfile
for omni in sorted(pathlib.Path(sys.argv[1]).rglob("omni.ja")):
    if omni.is_symlink():
        continue  # usr/lib/thunderbird/omni.ja points at usr/share/thunderbird/omni.ja
    with zipfile.ZipFile(omni) as jar:
        names = sorted((n for n in jar.namelist() if n.lower().endswith("/ical.sys.mjs")), key=len)
        if names:
            open(sys.argv[2], "wb").write(jar.read(names[0]))
            print(f"took {names[0]} from {omni.relative_to(sys.argv[1])}")
            break
else:
    # Thunderbirds before about 115 ship Ical.jsm, which node cannot import.
    sys.exit("fetch-icaljs.sh: no Ical.sys.mjs in any omni.ja")
EOF
echo "$version" >"$dest/ical.version"
mv "$dest/ical.mjs.tmp" "$dest/ical.mjs"  # last, so a failed run leaves no half file behind
echo "ical.js from Thunderbird $version ($(stat -c %s "$deb") byte .deb) -> $dest/ical.mjs"
