#!/usr/bin/env bash
# `supportcal bench sync` on every CalDAV server of the test matrix, each beside python
# `caldav` and vdirsyncer doing the same work on the same server in the same run
# (Tests/servers/bench_sync_others.py): 5 calendars x 1,000 events, a first sync, a nightly
# sync after 50 changes and one after none. Prints requests and wall time of each.
#   scripts/bench-sync-servers.sh [--events N] [SERVER...]   (servers: radicale xandikos sabre davical cyrus)
# vdirsyncer and python caldav go into .venv-bench (not a test dependency).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

events=1000
if [ "${1:-}" = --events ]; then events=$2; shift 2; fi
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(radicale xandikos sabre davical cyrus)

scripts/install-deps.sh --test
scripts/python-env.sh
if [ ! -x .venv-bench/bin/vdirsyncer ]; then
  python3 -m venv .venv-bench
  .venv-bench/bin/pip install --quiet --disable-pip-version-check vdirsyncer==0.21.0 caldav==3.6.0
fi
swift build -c release --product supportcal
supportcal=$(swift build -c release --show-bin-path)/supportcal

servers=$(mktemp -d "${TMPDIR:-/tmp}/supportcal-bench-servers.XXXXXX")
cleanup() { scripts/test-servers.sh stop "$servers"; rm -rf "$servers"; }
trap cleanup EXIT INT TERM
scripts/test-servers.sh start "$servers"
# shellcheck disable=SC1091
source "$servers/env"
user=$SUPPORTCAL_TEST_USER
password_file=$SUPPORTCAL_TEST_PASSWORD_FILE

home() {  # where each server lets the test user make calendars (as CalDAVTestServer says)
  case $1 in
    radicale) echo "${SUPPORTCAL_TEST_RADICALE_URL}$user/" ;;
    xandikos) echo "${SUPPORTCAL_TEST_XANDIKOS_URL}$user/calendars/" ;;
    sabre) echo "${SUPPORTCAL_TEST_SABRE_URL}calendars/$user/" ;;
    davical) echo "${SUPPORTCAL_TEST_DAVICAL_URL}caldav.php/$user/" ;;
    cyrus) echo "${SUPPORTCAL_TEST_CYRUS_URL}dav/calendars/user/$user/" ;;
    *) echo "unknown server $1 (radicale xandikos sabre davical cyrus)" >&2; exit 2 ;;
  esac
}

for server in "${wanted[@]}"; do
  url=$(home "$server")
  echo "== $server ($url), 5 calendars x $events events"
  "$supportcal" bench sync --url "$url" --user "$user" --password-file "$password_file" --events "$events"
  .venv-bench/bin/python Tests/servers/bench_sync_others.py --url "$url" --user "$user" \
    --password-file "$password_file" --events "$events"
done
