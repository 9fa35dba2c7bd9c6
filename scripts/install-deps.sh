#!/usr/bin/env bash
# Installs the system packages SupportCal builds against. Idempotent: installs only
# what is missing, so a machine that has them is not touched.
#   --test   also what the tests drive: headless Chromium and its WebDriver, PHP with
#            SabreDAV 1.8, DAViCal with PostgreSQL and Cyrus IMAP (CalDAV servers of the matrix; each
#            server script under scripts/servers installs its own), and the independent
#            invitation readers: libical's GObject bindings and node for Thunderbird's ical.js
#   --bench  also the HTTP load generator (wrk)
set -euo pipefail

packages=(libical-dev libcurl4-openssl-dev pkg-config tzdata openssl curl)
for option in "$@"; do
  case "$option" in
    --test) packages+=(chromium chromium-driver php-cli php-sabre-dav php-sqlite3 php-xml php-mbstring python3-gi gir1.2-ical-3.0 nodejs) ;;
    --bench) packages+=(wrk) ;;
    *) echo "install-deps.sh: unknown option $option (use --test or --bench)" >&2; exit 2 ;;
  esac
done
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "swift is not on PATH (expected the Swift 6 toolchain)" >&2; exit 1; }
for option in "$@"; do
  if [ "$option" = --test ]; then
    "$(dirname "$0")/servers/davical.sh" install
    "$(dirname "$0")/servers/cyrus.sh" install
  fi
done
