#!/usr/bin/env bash
# Starts (or stops) the real servers the integration tests talk to, each on a free
# loopback port with its data in a temporary folder:
#   Radicale 3.9 (CalDAV, Basic auth)   Xandikos 0.4 (CalDAV)   SabreDAV 1.8 (CalDAV, PHP, Basic)
#   DAViCal 1.1 (CalDAV, PHP over a private PostgreSQL; scripts/servers/davical.sh)
#   Cyrus IMAP 3.6 (CalDAV with implicit scheduling; its own mail captured; scripts/servers/cyrus.sh)
#   aiosmtpd (SMTP, 3 listeners)
# `start DIR` writes DIR/env (variables for the tests) and DIR/pids; `stop DIR` ends them.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
action=${1:?usage: test-servers.sh start|stop DIR}
dir=${2:?usage: test-servers.sh start|stop DIR}

free_port() { "$root/.venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_for() {  # name, command...
  local name=$1; shift
  for _ in $(seq 1 100); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "$name did not start; its log:" >&2
  cat "$dir/$name.log" >&2 || true
  return 1
}

stop() {
  scripts/servers/davical.sh stop "$dir" || true
  scripts/servers/cyrus.sh stop "$dir" || true
  [ -f "$dir/pids" ] || return 0
  while read -r pid; do
    kill "$pid" 2>/dev/null || true
  done < "$dir/pids"
  sleep 0.3
  while read -r pid; do
    kill -9 "$pid" 2>/dev/null || true
  done < "$dir/pids"
  rm -f "$dir/pids"
}

if [ "$action" = stop ]; then stop; exit 0; fi
[ "$action" = start ] || { echo "unknown action $action" >&2; exit 2; }

mkdir -p "$dir"
: > "$dir/pids"
user=staff
password=staff-password
printf '%s' "$password" > "$dir/password"

# Radicale: htpasswd with a plain entry, one folder of collections.
printf '%s:%s\n' "$user" "$password" > "$dir/radicale.htpasswd"
radicale_port=$(free_port)
.venv/bin/radicale --server-hosts "127.0.0.1:$radicale_port" \
  --storage-filesystem-folder "$dir/radicale-data" \
  --auth-type htpasswd --auth-htpasswd-filename "$dir/radicale.htpasswd" --auth-htpasswd-encryption plain \
  --auth-delay 0 --rights-type owner_only --logging-level warning \
  > "$dir/radicale.log" 2>&1 &
echo $! >> "$dir/pids"

# Xandikos: no auth of its own (it expects a proxy for that); principal /staff/.
xandikos_port=$(free_port)
.venv/bin/xandikos serve -d "$dir/xandikos-data" -l 127.0.0.1 -p "$xandikos_port" \
  --current-user-principal "/$user/" --autocreate --state-dir "$dir/xandikos-state" \
  > "$dir/xandikos.log" 2>&1 &
echo $! >> "$dir/pids"

# SabreDAV 1.8 (Debian's php-sabre-dav) under PHP's built-in server: SQLite tables from the
# package's examples, one principal for the test user.
rm -rf "$dir/sabre" && mkdir -p "$dir/sabre"
examples=/usr/share/doc/php-sabre-dav/examples/sql
{
  cat "$examples/sqlite.calendars.sql"
  grep -v '^INSERT' "$examples/sqlite.principals.sql"
  echo "INSERT INTO principals (uri, email, displayname) VALUES ('principals/$user', '$user@vendor.example', 'Staff');"
  echo "INSERT INTO principals (uri) VALUES ('principals/$user/calendar-proxy-read'), ('principals/$user/calendar-proxy-write');"
} | php -r '$pdo = new PDO("sqlite:" . $argv[1]); $pdo->exec(stream_get_contents(STDIN));' "$dir/sabre/db.sqlite"
sabre_port=$(free_port)
SABRE_DATA="$dir/sabre" SABRE_USER="$user" SABRE_PASSWORD_FILE="$dir/password" \
  php -S "127.0.0.1:$sabre_port" Tests/servers/sabredav_server.php > "$dir/sabre.log" 2>&1 &
echo $! >> "$dir/pids"

# DAViCal: its own script, as it needs a PostgreSQL cluster of its own (ready when it returns).
davical=$(scripts/servers/davical.sh start "$dir" "$user" "$dir/password")
# Cyrus likewise (its master, its IMAP login that makes the user's calendars, its sendmail).
cyrus=$(scripts/servers/cyrus.sh start "$dir" "$user" "$dir/password")

# aiosmtpd: a self-signed certificate for STARTTLS and SMTPS.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
  -keyout "$dir/smtp.key" -out "$dir/smtp.crt" >/dev/null 2>&1
smtp_port=$(free_port); starttls_port=$(free_port); smtps_port=$(free_port)
.venv/bin/python Tests/servers/smtp_server.py --spool "$dir/mail" \
  --plain-port "$smtp_port" --starttls-port "$starttls_port" --smtps-port "$smtps_port" \
  --cert "$dir/smtp.crt" --key "$dir/smtp.key" --user "$user" --password-file "$dir/password" \
  > "$dir/smtp.log" 2>&1 &
echo $! >> "$dir/pids"

# A fixture that misbehaves on purpose (slow, broken XML, odd auth): see its docstring.
fixture_port=$(free_port)
.venv/bin/python Tests/servers/http_fixture.py --port "$fixture_port" > "$dir/fixture.log" 2>&1 &
echo $! >> "$dir/pids"

wait_for radicale curl -sf -o /dev/null -u "$user:$password" "http://127.0.0.1:$radicale_port/.web/"
wait_for xandikos curl -sf -o /dev/null -X PROPFIND -H 'Depth: 0' "http://127.0.0.1:$xandikos_port/$user/"
wait_for sabre curl -sf -o /dev/null -u "$user:$password" -X PROPFIND -H 'Depth: 0' "http://127.0.0.1:$sabre_port/calendars/$user/"
wait_for smtp grep -q "smtp ready" "$dir/smtp.log"
wait_for fixture grep -q "fixture ready" "$dir/fixture.log"

cat > "$dir/env" <<ENV
export SUPPORTCAL_TEST_RADICALE_URL=http://127.0.0.1:$radicale_port/
export SUPPORTCAL_TEST_XANDIKOS_URL=http://127.0.0.1:$xandikos_port/
export SUPPORTCAL_TEST_SABRE_URL=http://127.0.0.1:$sabre_port/
export SUPPORTCAL_TEST_SMTP_URL=smtp://127.0.0.1:$smtp_port
export SUPPORTCAL_TEST_SMTP_STARTTLS_URL=smtp://127.0.0.1:$starttls_port
export SUPPORTCAL_TEST_SMTPS_URL=smtps://127.0.0.1:$smtps_port
export SUPPORTCAL_TEST_SMTP_CA=$dir/smtp.crt
export SUPPORTCAL_TEST_SMTP_SPOOL=$dir/mail
export SUPPORTCAL_TEST_USER=$user
export SUPPORTCAL_TEST_PASSWORD_FILE=$dir/password
export SUPPORTCAL_TEST_PYTHON=$root/.venv/bin/python
export SUPPORTCAL_TEST_FIXTURE_URL=http://127.0.0.1:$fixture_port/
ENV
cat "$dir/davical.env" "$dir/cyrus.env" >> "$dir/env"

# Thunderbird's ical.js for the invitation tests, taken out of Debian's package once and kept
# in .build (scripts/fetch-icaljs.sh).
scripts/fetch-icaljs.sh "$root/.build/icaljs" >&2
cat >> "$dir/env" <<ENV
export SUPPORTCAL_TEST_ICALJS=$root/.build/icaljs/ical.mjs
export SUPPORTCAL_TEST_NODE=$(command -v node)
ENV
echo "servers up: radicale :$radicale_port, xandikos :$xandikos_port, sabredav :$sabre_port, $davical, $cyrus, smtp :$smtp_port/:$starttls_port/:$smtps_port, fixture :$fixture_port"
