#!/usr/bin/env bash
# The main job on this machine (`make run`): installs what SupportCal needs, builds it,
# and runs it on the embedded defaults — the SQLite store, a vdir calendar folder per
# staff member and a Maildir, all under ./supportcal-data — using Samples/supportcal.toml.
# Safe to run again: it adds only what is missing and books only if Eve has no booking.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
swift build --product supportcal
bin=$(swift build --show-bin-path)/supportcal
export SUPPORTCAL_CONFIG=Samples/supportcal.toml
now=2026-12-01T15:00:00Z   # a fixed "now", so the demo reads the same every time

step() { printf '\n== %s\n' "$*"; }

step "supportcal init"
"$bin" init

step "supportcal companies import Samples/companies.csv"
"$bin" companies import Samples/companies.csv --now 2026-11-01T00:00:00Z

step "contacts"
contacts=$("$bin" contacts list)
[[ $contacts == *eve@orsted.example* ]] ||
  "$bin" contacts add --company orsted --email eve@orsted.example --name "Eve Ørsted" --tz Europe/Copenhagen
[[ $contacts == *pat@pine.example* ]] ||
  "$bin" contacts add --company pinecrate --email pat@pine.example --name "Pat Pine" --tz Asia/Kolkata
"$bin" contacts list

step "free 60-minute live sessions on Wednesday 2 December, in Eve's zone"
slots=$("$bin" slots --kind live-session --length 60 --from 2026-12-02 --days 1 --contact eve@orsted.example --now $now)
head -6 <<<"$slots"; echo "  ..."

bookings=$("$bin" bookings list)
if [[ $bookings != *eve@orsted.example* ]]; then
  step "Eve books with Ørsted's maintenance code (free plan)"
  "$bin" book --contact eve@orsted.example --kind live-session --length 60 --start 2026-12-02T15:00:00Z --code ORST-FREE-2026 --now $now
  step "Pat's company has no plan: the fee in force applies"
  "$bin" book --contact pat@pine.example --kind live-session --length 30 --start 2026-12-02T17:00:00Z --now $now
fi

step "what landed where"
echo "staff calendars (vdir):"; ls supportcal-data/calendars/*/ | sed 's/^/  /'
echo "emails (Maildir):";       ls supportcal-data/mail/new/ | sed 's/^/  /'

step "bookings"
"$bin" bookings list

step "Eve's confirmation, as her mail client shows the text part"
eve=$("$bin" bookings list --json | sed -n 's/.*"id" : "\(b-[a-z0-9]*\)".*/\1/p' | head -1)
"$bin" mail preview "$eve" --kind confirmation --part text --now $now

cat <<'NEXT'

Try the policy yourself (README, "A walk through the rules"): for example
  supportcal cancel ID --now 2026-12-02T13:56:00Z     # 64 minutes before: refused, exit 3
  supportcal sweep --now 2026-12-02T15:10:00Z         # nobody joined: closed as a no-show
  supportcal mail preview ID --kind reminder --part html > reminder.html
with SUPPORTCAL_CONFIG=Samples/supportcal.toml and the ids listed above.
NEXT
