#!/usr/bin/env bash
# A private Cyrus IMAP 3.6 CalDAV server on loopback, for the integration tests.
#   cyrus.sh install                         install the Debian packages (only what is missing)
#   cyrus.sh start DIR USER PASSWORD_FILE    fresh instance under DIR/cyrus/, HTTP (CalDAV) and
#                                            IMAP on free loopback ports; appends the master's pid
#                                            to DIR/pids, writes DIR/cyrus.env, prints `cyrus :<port>`
#   cyrus.sh stop DIR                        kill whatever start left there (idempotent)
# Cyrus sends its own iMIP invitations through `sendmail:`; here that is sendmail-capture.py,
# which writes each message into DIR/cyrus/sendmail-capture/ instead of delivering it (one
# <time_ns>-<pid>-<n>.eml per message: X-Envelope-From/X-Envelope-To lines, then the DATA).
# Start also makes support@vendor.example (SUPPORTCAL_CYRUS_ORGANIZER) one of USER's calendar
# user addresses, and, where a private mount namespace is allowed, collects Cyrus's syslog in
# DIR/cyrus/cyrus.log. Needs root (master drops to user cyrus itself).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cyrus_bin=/usr/lib/cyrus/bin
packages=(cyrus-imapd cyrus-caldav cyrus-admin sasl2-bin libsasl2-modules curl python3 procps)
# SupportCal writes ORGANIZER:mailto:<its [mail] from address>. Cyrus only schedules (sends
# iMIP itself) when the ORGANIZER is one of the calendar owner's calendar-user-address-set, so
# start makes this address one of USER's: otherwise "Cyrus sent nothing" would prove nothing.
organizer=${SUPPORTCAL_CYRUS_ORGANIZER:-support@vendor.example}
domain=${organizer#*@}

usage() { echo "usage: cyrus.sh install | start DIR USER PASSWORD_FILE | stop DIR" >&2; exit 2; }
die() { echo "cyrus.sh: $*" >&2; exit 1; }

as_cyrus() { setpriv --reuid=cyrus --regid=mail --init-groups -- "$@"; }

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

install_packages() {
  local missing=() package
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  ((${#missing[@]})) || return 0
  echo "cyrus.sh: installing ${missing[*]}" >&2
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=900)
  # Another helper may be running apt too: the lock timeout waits for it. Refresh the package
  # lists only when they turn out to be too old to know a package.
  if ! "${apt[@]}" "${missing[@]}" >/dev/null; then
    apt-get update -qq -o DPkg::Lock::Timeout=900 >&2
    "${apt[@]}" "${missing[@]}" >/dev/null
  fi
  # Debian's policy-rc.d normally keeps the packaged daemons from starting; if it did not,
  # stop them (the system Cyrus would hold the standard ports, exim4 is not wanted at all).
  local service
  for service in cyrus-imapd exim4; do
    if [ -x "/etc/init.d/$service" ] && "/etc/init.d/$service" status >/dev/null 2>&1; then
      "/etc/init.d/$service" stop >/dev/null 2>&1 || true
    fi
  done
}

# Every process of an instance runs in the master's session (start runs master under setsid),
# and each one's command line names the instance's config, so this finds them all even when
# DIR/pids and master.pid are gone; only that session is signalled, nothing else.
stop() {
  local dir base sid members own attempt
  dir=$(cd "$1" 2>/dev/null && pwd) || return 0
  base=$dir/cyrus
  [ -d "$base" ] || return 0
  own=$(ps -o sid= -p $$ | tr -d ' ')
  # (the path goes through the environment: on awk's command line, awk would match itself)
  for sid in $(live | CONF="-C $base/imapd.conf" awk 'index($0, ENVIRON["CONF"]) { print $2 }' | sort -u); do
    [ "$sid" != "$own" ] || continue
    for attempt in $(seq 1 30); do
      members=$(live | awk -v sid="$sid" '$2 == sid { print $1 }')
      [ -n "$members" ] || break
      if [ "$attempt" = 1 ]; then kill -TERM $members 2>/dev/null || true
      elif [ "$attempt" = 30 ]; then kill -KILL $members 2>/dev/null || true
      fi
      sleep 0.1
    done
  done
  rm -f "$base/master.pid"
}

# The running processes as "pid sid stat args", zombies left out: a killed master lingers as
# one until something reaps it.
live() { ps -e -o pid=,sid=,stat=,args= | awk '$3 !~ /^Z/'; }

# Run by start as `sh -c "$launch_with_syslog" sh BASE LISTENER MASTER ARGS...` inside the
# private mount namespace: the listener is started first, then sh turns into master. The
# listener runs as cyrus, in master's process group, so master's shutdown signal reaches it
# (a root process would be out of master's reach); it also leaves when its parent (master) is gone.
launch_with_syslog='
  set -e
  base=$1 listener=$2; shift 2
  hostdev=$base/run/hostdev
  mount --rbind /dev "$hostdev"
  mount -t tmpfs -o mode=0755,size=1m cyrus-dev /dev
  ln -s "$hostdev"/* /dev/
  rm -f /dev/log
  ln -s "$base/run/syslog.sock" /dev/log
  setpriv --reuid=cyrus --regid=mail --init-groups -- \
    /usr/bin/python3 -c "$listener" "$base/run" syslog.sock "$base/cyrus.log" &
  for _ in $(seq 1 50); do [ -S "$base/run/syslog.sock" ] && break; sleep 0.02; done
  exec "$@"'

# The syslog listener: DIR SOCKET LOGFILE (it binds relative to DIR, since a socket's path
# may be at most 107 bytes). One line per message, the <priority> prefix dropped.
syslog_listener='
import os, re, socket, sys
os.chdir(sys.argv[1])
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[2])
os.chmod(sys.argv[2], 0o666)
s.settimeout(0.1)
parent = os.getppid()
with open(sys.argv[3], "ab", buffering=0) as log:
    while os.getppid() == parent:
        try:
            data = s.recv(65536)
        except socket.timeout:
            continue
        log.write(re.sub(rb"^<[0-9]+>", b"", data).rstrip(b"\0\n") + b"\n")
'

# Writes the two configuration files. Cyrus's master does not hand its -C to the services,
# so every command line carries it.
write_config() {
  local base=$1 http_port=$2 imap_port=$3
  cat > "$base/imapd.conf" <<CONF
configdirectory: $base/config
defaultpartition: default
partition-default: $base/spool
proc_path: $base/run/proc
mboxname_lockpath: $base/run/lock
lmtpsocket: $base/run/socket/lmtp
idlesocket: $base/run/socket/idle
notifysocket: $base/run/socket/notify
sievedir: $base/sieve
servername: localhost
syslog_prefix: cyrus-test
admins: cyrus
allowplaintext: yes
sasl_pwcheck_method: auxprop
sasl_auxprop_plugin: sasldb
sasl_sasldb_path: $base/sasldb2
sasl_mech_list: PLAIN LOGIN
# the first login creates the user's INBOX, and with it the calendar home
autocreate_quota: 0
httpmodules: caldav
caldav_allowscheduling: on
# (defaultdomain only matters with virtual domains, set for completeness)
defaultdomain: $domain
calendar_user_address_set: $domain
sendmail: $base/sendmail
CONF
  # Each httpd child serves one connection until the client closes it, and the tests' clients
  # keep theirs open: with few children, later connections wait in the queue and time out.
  cat > "$base/cyrus.conf" <<CONF
START {
  recover cmd="ctl_cyrusdb -C $base/imapd.conf -r"
}
SERVICES {
  imap cmd="imapd -C $base/imapd.conf" listen="127.0.0.1:$imap_port" prefork=0 maxchild=20
  http cmd="httpd -C $base/imapd.conf" listen="127.0.0.1:$http_port" prefork=4 maxchild=400
}
EVENTS {
}
CONF
}

start() {
  local dir=$1 user=$2 password_file=$3
  [ -r "$password_file" ] || die "cannot read password file $password_file"
  [ -x "$cyrus_bin/master" ] || die "Cyrus is not installed (run: cyrus.sh install)"
  local password; password=$(cat "$password_file")
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  local base=$dir/cyrus
  # cyrus.conf's cmd="..." has no quoting of its own
  [[ $base != *[[:space:]\"\']* ]] || die "DIR must not contain spaces or quotes: $dir"
  stop "$dir"
  rm -rf "$base"
  umask 022
  mkdir -p "$base"/{config/db,config/socket,spool,sieve,sendmail-capture,run/proc,run/lock,run/socket}

  # The services run as user cyrus, which must reach DIR/cyrus: mktemp -d makes DIR 0700.
  if ! as_cyrus test -x "$base"; then
    chmod o+x "$dir"
    as_cyrus test -x "$base" || die "user cyrus cannot reach $base (check the permissions of its parents)"
  fi

  # The sendmail stand-in, with the capture folder baked in (Cyrus runs it as `sendmail -bs`,
  # as user cyrus). A copy, so that it works wherever the repository lives.
  cp "$here/sendmail-capture.py" "$base/sendmail-capture.py"
  printf '#!/bin/sh\nexec /usr/bin/python3 %q %q "$@"\n' \
    "$base/sendmail-capture.py" "$base/sendmail-capture" > "$base/sendmail"
  chmod 755 "$base/sendmail" "$base/sendmail-capture.py"

  local http_port imap_port
  http_port=$(free_port)
  imap_port=$(free_port)
  while [ "$imap_port" = "$http_port" ]; do imap_port=$(free_port); done
  write_config "$base" "$http_port" "$imap_port"

  printf '%s' "$password" | /usr/sbin/saslpasswd2 -p -c -f "$base/sasldb2" -u localhost "$user"
  chown -R cyrus:mail "$base"/{config,spool,sieve,sendmail-capture,run,sasldb2}
  chmod 640 "$base/sasldb2"

  # setsid: master's shutdown sends SIGTERM to its whole process group, which would otherwise
  # be the caller's. Everything below execs in place (-D keeps master in the foreground), so
  # $! is master itself and `kill $!` stops the whole instance.
  if unshare --mount true 2>/dev/null; then
    # Cyrus logs only to syslog. In a private mount namespace, /dev is rebuilt as a tmpfs of
    # symlinks to the real one plus our own /dev/log, a listener writing DIR/cyrus/cyrus.log;
    # nothing outside changes, and the mounts vanish with the instance.
    mkdir -p "$base/run/hostdev"
    install -o cyrus -g mail -m 644 /dev/null "$base/cyrus.log"
    setsid unshare --mount --propagation private -- /bin/sh -c "$launch_with_syslog" sh \
      "$base" "$syslog_listener" "$cyrus_bin/master" -D -C "$base/imapd.conf" -M "$base/cyrus.conf" \
      -p "$base/master.pid" -L "$base/master.log" < /dev/null > /dev/null 2>&1 &
  else
    setsid "$cyrus_bin/master" -D -C "$base/imapd.conf" -M "$base/cyrus.conf" -p "$base/master.pid" \
      -L "$base/master.log" < /dev/null > /dev/null 2>&1 &
  fi
  local master=$!
  echo "$master" >> "$dir/pids"

  local url=http://127.0.0.1:$http_port/ home=http://127.0.0.1:$http_port/dav/calendars/user/$user/
  local deadline=$((SECONDS + 15)) step=imap-login status=""
  fail() {
    {
      echo "cyrus.sh: Cyrus did not come up (stuck at: $step; last HTTP status: ${status:-none})"
      kill -0 "$master" 2>/dev/null || echo "cyrus.sh: master (pid $master) has exited"
      echo "--- $base/master.log"; cat "$base/master.log" 2>/dev/null || true
      [ -s "$base/probe.log" ] && { echo "--- last probe"; cat "$base/probe.log"; echo; }
      if [ -f "$base/cyrus.log" ]; then echo "--- $base/cyrus.log (Cyrus's syslog)"; tail -n 80 "$base/cyrus.log"
      else echo "--- (no private syslog here: Cyrus logged to the system's /dev/log, if any)"; fi
    } >&2
    stop "$dir"
    sed -i "/^$master\$/d" "$dir/pids"
    exit 1
  }

  # One IMAP login creates the INBOX; before it, CalDAV answers 500 for the user.
  until CYRUS_USER=$user CYRUS_PASSWORD=$password /usr/bin/python3 - "$imap_port" > "$base/probe.log" 2>&1 <<'PY'
import imaplib, os, sys
with imaplib.IMAP4("127.0.0.1", int(sys.argv[1]), timeout=5) as imap:
    imap.login(os.environ["CYRUS_USER"], os.environ["CYRUS_PASSWORD"])
    imap.logout()
PY
  do
    ((SECONDS < deadline)) && kill -0 "$master" 2>/dev/null || fail
    sleep 0.1
  done

  # The owner's first authenticated request creates the calendar home and its calendars.
  step=propfind
  until status=$(curl -s -o "$base/probe.log" -w '%{http_code}' --max-time 5 -u "$user:$password" \
                   -X PROPFIND -H 'Depth: 0' "$home") && [ "$status" = 207 ]; do
    ((SECONDS < deadline)) && kill -0 "$master" 2>/dev/null || fail
    sleep 0.1
  done

  # Make the organizer address one of the owner's (kept on the calendar home, where Cyrus
  # looks for it when deciding whether a PUT makes the owner the organizer), keeping the
  # default address too.
  step=proppatch
  status=$(curl -s -o "$base/probe.log" -w '%{http_code}' --max-time 5 -u "$user:$password" \
    -X PROPPATCH -H 'Content-Type: application/xml' --data-binary @- "$home" <<XML
<?xml version="1.0" encoding="utf-8"?>
<D:propertyupdate xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:set><D:prop><C:calendar-user-address-set>
    <D:href>mailto:$user@$domain</D:href>
    <D:href>mailto:$organizer</D:href>
  </C:calendar-user-address-set></D:prop></D:set>
</D:propertyupdate>
XML
  ) || fail
  [ "$status" = 207 ] && grep -q 'HTTP/1.1 200' "$base/probe.log" || fail
  step=check-address-set
  status=$(curl -s -o "$base/probe.log" -w '%{http_code}' --max-time 5 -u "$user:$password" \
    -X PROPFIND -H 'Depth: 0' -H 'Content-Type: application/xml' \
    --data '<D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:calendar-user-address-set/></D:prop></D:propfind>' \
    "http://127.0.0.1:$http_port/dav/principals/user/$user/") || fail
  [ "$status" = 207 ] && grep -qi "mailto:$organizer" "$base/probe.log" || fail
  rm -f "$base/probe.log"

  cat > "$dir/cyrus.env" <<ENV
export SUPPORTCAL_TEST_CYRUS_URL=$url
export SUPPORTCAL_TEST_CYRUS_SENDMAIL=$base/sendmail-capture
ENV
  echo "cyrus :$http_port"
}

case "${1:-}" in
  install) [ $# -eq 1 ] || usage; install_packages ;;
  start) [ $# -eq 4 ] || usage; start "$2" "$3" "$4" ;;
  stop) [ $# -eq 2 ] || usage; stop "$2" ;;
  *) usage ;;
esac
