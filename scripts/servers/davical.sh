#!/usr/bin/env bash
# A private DAViCal 1.1 CalDAV server on loopback for the integration tests, over a private
# PostgreSQL 15 cluster that listens only on a unix socket. No Apache and no system daemon:
# PHP's built-in server runs DAViCal's htdocs directly.
#
#   davical.sh install                        install the Debian packages it needs (idempotent)
#   davical.sh start DIR USER PASSWORD_FILE   fresh server under DIR/davical/; appends its pids
#                                             to DIR/pids, writes DIR/davical.env, prints
#                                             "davical :<port>"
#   davical.sh stop DIR                       stop what start left (idempotent)
#
# Nothing is written outside DIR: DAViCal's stock /etc/davical/config.php connects with
# "dbname=davical user=davical_app" and no host, so libpq takes PGHOST/PGPORT from the
# environment of php -S, which points it at the private cluster.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)

pg_bin=/usr/lib/postgresql/15/bin
davical=/usr/share/davical
# php-cgi is listed first on purpose: davical depends on the `php` metapackage, which apt would
# otherwise satisfy with libapache2-mod-php8.2 and so pull in apache2-bin.
packages=(php-cgi php-cli php-pgsql davical)
deadline_seconds=20

die() { echo "davical.sh: $*" >&2; exit 1; }
as_postgres() { runuser -u postgres -- "$@"; }

install() {
  local missing=() package
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  ((${#missing[@]})) || return 0
  echo "davical.sh: installing ${missing[*]}" >&2
  local apt=(apt-get install -y -qq -o DPkg::Lock::Timeout=900 --no-install-recommends) log
  log=$(mktemp)
  if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" "${missing[@]}" > "$log" 2>&1; then
    cat "$log" >&2
    # A package list that is missing or stale (packages unknown, or superseded versions that
    # 404) is fixed by one update; any other failure is real.
    if ! grep -qE 'Unable to locate package|has no installation candidate|Failed to fetch' "$log"; then
      rm -f "$log"; die "apt-get install failed"
    fi
    apt-get update -qq -o DPkg::Lock::Timeout=900 >&2
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" "${missing[@]}" >&2
  fi
  rm -f "$log"
  # Debian's policy may start daemons at install time; the tests want none of them.
  if command -v pg_lsclusters >/dev/null; then
    pg_lsclusters -h | while read -r version cluster _port status _rest; do
      if [ "$status" = online ]; then pg_ctlcluster "$version" "$cluster" stop >&2; fi
    done
  fi
  if [ -x /etc/init.d/apache2 ] && pgrep -x apache2 >/dev/null; then
    /etc/init.d/apache2 stop >&2 || true
  fi
}

# Stops the server recorded in DIR/davical/pids (our own record; DIR/pids is shared with the
# caller's other servers and is left alone).
stop() {
  local dir=$1 base=$1/davical pid
  if [ -f "$base/pgdata/postmaster.pid" ]; then
    as_postgres "$pg_bin/pg_ctl" stop -D "$base/pgdata" -m immediate -s -w -t 5 >/dev/null 2>&1 || true
  fi
  [ -f "$base/pids" ] || return 0
  while read -r pid; do kill "$pid" 2>/dev/null || true; done < "$base/pids"
  sleep 0.1
  while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done < "$base/pids"
  rm -f "$base/pids"
}

# Seconds left before the start deadline (at least 1, so `timeout` always gets a real limit).
remaining() { local left=$((start_epoch + deadline_seconds - SECONDS)); ((left > 0)) && echo "$left" || echo 1; }

on_start_failure() {
  local rc=$?
  ((rc)) || return 0
  echo "davical.sh: start failed (exit $rc); logs follow" >&2
  for log in "$base"/*.log; do
    [ -f "$log" ] || continue
    echo "--- $log (last 40 lines)" >&2
    tail -n 40 "$log" >&2
  done
  stop "$dir"
}

start() {
  dir=$1; local user=$2 password_file=$3
  base=$dir/davical
  start_epoch=$SECONDS
  [ -x "$pg_bin/initdb" ] || die "PostgreSQL 15 is not installed ($pg_bin/initdb missing)"
  [ -f "$davical/htdocs/caldav.php" ] || die "DAViCal is not installed: run '$0 install' first"
  # php -S names the host 127.0.0.1, so a 127.0.0.1-conf.php would win over config.php, and
  # only the stock pg_connect line (no host) lets PGHOST steer DAViCal to the private cluster.
  [ ! -e /etc/davical/127.0.0.1-conf.php ] || die "/etc/davical/127.0.0.1-conf.php exists and would override the stock config"
  grep -q '^$c->pg_connect\[\] = "dbname=davical user=davical_app";' /etc/davical/config.php \
    || die "/etc/davical/config.php is not the stock one (its pg_connect must name no host)"
  [ -r "$password_file" ] || die "cannot read password file $password_file"
  [[ $user =~ ^[A-Za-z0-9._-]+$ ]] || die "user name '$user' would not survive URLs and SQL unquoted"
  local password; password=$(<"$password_file")
  [ -n "$password" ] || die "password file $password_file is empty"

  mkdir -p "$dir"
  stop "$dir"
  rm -rf "$base"
  mkdir -p "$base"
  trap on_start_failure EXIT
  trap 'exit 143' TERM INT  # so that an interrupted start still runs the cleanup above
  # The socket lives in DIR/davical; a unix socket path is limited to 107 bytes.
  local socket=$base/.s.PGSQL.5432
  ((${#socket} <= 107)) || die "socket path $socket is longer than 107 bytes: use a shorter DIR"
  chown postgres:postgres "$base"
  # postgres must reach its folder: a DIR from `mktemp -d` is 0700, so let others traverse it.
  if ! as_postgres test -w "$base"; then
    chmod o+x "$dir"
    as_postgres test -w "$base" || die "user postgres cannot reach $base (a parent folder is closed to it)"
  fi

  # A throwaway cluster: no durability wanted, and trust auth is safe because only this socket
  # (in a folder of ours) is listened on.
  as_postgres "$pg_bin/initdb" -D "$base/pgdata" -U postgres --auth=trust -E UTF8 --locale=C \
    --no-sync --no-instructions > "$base/initdb.log" 2>&1 || die "initdb failed"
  cat >> "$base/pgdata/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$base'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 20
shared_buffers = 16MB
max_wal_size = 1GB
CONF
  as_postgres "$pg_bin/pg_ctl" start -D "$base/pgdata" -l "$base/postgres.log" -w -t "$(remaining)" -s \
    > /dev/null 2>&1 || die "PostgreSQL did not start"
  local pg_pid; pg_pid=$(head -n 1 "$base/pgdata/postmaster.pid")
  echo "$pg_pid" >> "$base/pids"

  export PGHOST=$base PGPORT=5432 PGUSER=postgres
  # create-database.sh leaves a note file in TMPDIR when it fails half-way: keep it in DIR.
  local admin_password; admin_password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  printf '%s' "$admin_password" > "$base/admin-password"
  TMPDIR=$base timeout "$(remaining)" "$davical/dba/create-database.sh" davical "$admin_password" \
    > "$base/create-database.log" 2>&1 || die "create-database.sh failed"
  # It carries on past failing SQL files and still exits 0.
  if grep -qi 'error' "$base/create-database.log"; then die "create-database.sh reported errors"; fi

  # The user as DAViCal itself makes a new one (inc/auth-functions.php: a principal with
  # $c->default_privileges, then CreateHomeCollections with the default names), so the home
  # holds calendar/, .out/, .in/ (plain calendars too) and addresses/. '**' = plain password.
  timeout "$(remaining)" "$pg_bin/psql" -qX -v ON_ERROR_STOP=1 -d davical \
    -v user="$user" -v password="**$password" > "$base/create-user.log" 2>&1 <<'SQL' || die "creating the user failed"
BEGIN;
INSERT INTO usr (active, email_ok, updated, username, password, fullname, email, locale, date_format_type)
  VALUES (TRUE, current_date, current_timestamp, :'user', :'password', :'user', :'user' || '@example.com', 'en_GB', 'E');
INSERT INTO principal (type_id, user_no, displayname, default_privileges)
  SELECT 1, user_no, fullname, privilege_to_bits(ARRAY['caldav:read-free-busy', 'caldav:schedule-deliver'])
  FROM usr WHERE username = :'user';
INSERT INTO collection (user_no, parent_container, dav_name, dav_etag, dav_displayname, is_calendar,
                        is_addressbook, default_privileges, created, modified, resourcetypes)
  SELECT u.user_no, '/' || u.username || '/', '/' || u.username || '/' || c.name || '/', '-1',
         u.fullname || c.suffix, c.is_calendar, NOT c.is_calendar, NULL, current_timestamp, current_timestamp,
         CASE WHEN c.is_calendar THEN '<DAV::collection/><urn:ietf:params:xml:ns:caldav:calendar/>'
              ELSE '<DAV::collection/><urn:ietf:params:xml:ns:carddav:addressbook/>' END
  FROM usr u, (VALUES ('calendar', ' calendar', TRUE), ('.out', ' Outbox', TRUE),
                      ('.in', ' Inbox', TRUE), ('addresses', ' addressbook', FALSE)) AS c(name, suffix, is_calendar)
  WHERE u.username = :'user';
COMMIT;
SQL

  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  # Without PHP_CLI_SERVER_WORKERS php -S stays one process, so its pid is all there is to kill.
  # PGUSER is dropped: DAViCal connects as davical_app by its config.
  env -u PHP_CLI_SERVER_WORKERS -u PGUSER php -S "127.0.0.1:$port" -t "$davical/htdocs" "$root/Tests/servers/davical_router.php" \
    > "$base/php.log" 2>&1 < /dev/null &
  local php_pid=$!
  echo "$php_pid" >> "$base/pids"

  local url=http://127.0.0.1:$port/caldav.php/$user/ status=000
  while ((SECONDS - start_epoch < deadline_seconds)); do
    kill -0 "$php_pid" 2>/dev/null || die "php -S exited"
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -u "$user:$password" \
      -X PROPFIND -H 'Depth: 0' "$url" || true)
    # The database is up before php starts, so the first HTTP answer is final: only a refused
    # connection (000) is worth retrying.
    [ "$status" = 000 ] || break
    sleep 0.05
  done
  [ "$status" = 207 ] || die "PROPFIND $url answered $status, not 207 (000: no answer within ${deadline_seconds}s)"

  printf '%s\n' "$php_pid" "$pg_pid" >> "$dir/pids"
  echo "export SUPPORTCAL_TEST_DAVICAL_URL=http://127.0.0.1:$port/" > "$dir/davical.env"
  trap - EXIT TERM INT
  echo "davical :$port"
}

case "${1:-}" in
  install) install ;;
  start) (($# == 4)) || die "usage: davical.sh start DIR USER PASSWORD_FILE"; start "$2" "$3" "$4" ;;
  stop) (($# == 2)) || die "usage: davical.sh stop DIR"; stop "$2" ;;
  *) die "usage: davical.sh install | start DIR USER PASSWORD_FILE | stop DIR" ;;
esac
