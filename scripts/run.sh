#!/usr/bin/env bash
# The main job on this machine (`make run`): installs what SupportCal needs, builds it,
# and runs its commands on the sample staff calendar in Samples/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
swift build --product supportcal
bin=$(swift build --show-bin-path)/supportcal

echo "== supportcal ics lint Samples/staff-calendar.ics"
"$bin" ics lint Samples/staff-calendar.ics
echo
echo "== busy time in Dana's calendar, 2 to 7 November 2026 (shown in America/Chicago)"
"$bin" ics busy Samples/staff-calendar.ics --from 2026-11-02 --to 2026-11-07 --tz America/Chicago
