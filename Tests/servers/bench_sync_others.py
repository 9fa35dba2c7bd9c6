"""The nightly-sync work of `supportcal bench sync`, done by python `caldav` (sync tokens)
and by vdirsyncer, on the same server with the same data shape, for comparison.

Makes CALENDARS calendars of EVENTS events under --url, then for each tool: a first sync,
a nightly sync after CHANGES changes (60% edits, 20% additions, 20% deletions) and a
nightly sync with nothing changed; prints HTTP requests and wall time of each.

  python caldav   objects_by_sync_token(load_objects=True), then .sync() on each calendar
  vdirsyncer      a caldav -> filesystem pair per calendar (PROPFIND listing + multiget);
                  requests counted from its debug log ("Sending request")

vdirsyncer is not a test dependency; install it beside:  python3 -m venv .venv-bench &&
.venv-bench/bin/pip install vdirsyncer caldav, then run this script with that Python:
  .venv-bench/bin/python Tests/servers/bench_sync_others.py --url URL --user staff --password-file FILE
"""
import argparse
import base64
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor


def request(method, url, auth, body=None, headers=None):
    req = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}, Authorization=auth))
    with urllib.request.urlopen(req) as response:
        return response.status


def event(uid, index, summary):
    day, hour = 1 + index % 28, 8 + index % 10
    return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\n"
            f"DTSTAMP:20261001T000000Z\r\nDTSTART:202611{day:02d}T{hour:02d}0000Z\r\nDURATION:PT45M\r\n"
            f"SUMMARY:{summary} {index}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()


def uid(prefix, index, calendar):
    # Unique across the user's calendars: Cyrus refuses a UID another calendar holds.
    return f"{prefix}{index}.c{calendar}@bench"


def fill(calendars, events, auth):
    def put(job):
        number, index = job
        request("PUT", f"{calendars[number]}e{index}.ics", auth, event(uid("e", index, number), index, "Staff event"),
                {"Content-Type": "text/calendar", "If-None-Match": "*"})
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(put, [(c, i) for c in range(len(calendars)) for i in range(events)]))


def change(calendars, events, changes, auth, round_):
    for n in range(changes):
        number = n % len(calendars)
        calendar, index = calendars[number], (n // len(calendars)) + round_ * changes
        kind = n % 5
        if kind < 3:
            request("PUT", f"{calendar}e{index}.ics", auth, event(uid("e", index, number), index, f"Edited {round_}"), {"Content-Type": "text/calendar"})
        elif kind == 3:
            request("PUT", f"{calendar}n{round_}-{index}.ics", auth, event(uid(f"n{round_}-", index, number), index, "New"),
                    {"Content-Type": "text/calendar"})
        else:
            request("DELETE", f"{calendar}e{events - 1 - index}.ics", auth)


def python_caldav(args, password, calendars):
    import caldav
    client = caldav.DAVClient(url=args.url, username=args.user, password=password)
    count = {"n": 0}
    original = client.session.request

    def counted(*a, **k):
        count["n"] += 1
        return original(*a, **k)
    client.session.request = counted
    held = {}

    def run(first):
        count["n"] = 0
        start = time.perf_counter()
        for url in calendars:
            if first:
                held[url] = client.calendar(url=url).objects_by_sync_token(load_objects=True)
            else:
                held[url].sync()
        return count["n"], (time.perf_counter() - start) * 1000
    return run


def vdirsyncer(args, calendars, folder, binary):
    config = os.path.join(folder, "config")
    with open(config, "w") as f:
        f.write(f'[general]\nstatus_path = "{folder}/status/"\n')
        for i, url in enumerate(calendars):
            os.makedirs(f"{folder}/local{i}", exist_ok=True)
            f.write(f'[pair p{i}]\na = "r{i}"\nb = "l{i}"\ncollections = null\nconflict_resolution = "a wins"\n'
                    f'[storage r{i}]\ntype = "caldav"\nurl = "{url}"\nusername = "{args.user}"\n'
                    f'password.fetch = ["command", "cat", "{args.password_file}"]\n'
                    f'[storage l{i}]\ntype = "filesystem"\npath = "{folder}/local{i}/"\nfileext = ".ics"\n')
    subprocess.run([binary, "-c", config, "discover"], input=b"y\n" * 100, capture_output=True, check=True)

    def run(first):
        start = time.perf_counter()
        out = subprocess.run([binary, "-c", config, "-vdebug", "sync"], capture_output=True, text=True)
        elapsed = (time.perf_counter() - start) * 1000
        if out.returncode != 0:
            sys.exit(f"vdirsyncer failed: {out.stderr[-500:]}")
        return out.stderr.count("Sending request"), elapsed
    return run


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password-file", required=True)
    parser.add_argument("--calendars", type=int, default=5)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--vdirsyncer", default=os.path.join(os.path.dirname(sys.executable), "vdirsyncer"))
    args = parser.parse_args()
    password = open(args.password_file).read().strip()
    auth = "Basic " + base64.b64encode(f"{args.user}:{password}".encode()).decode()
    base = args.url if args.url.endswith("/") else args.url + "/"
    run_id = uuid.uuid4().hex[:6]
    calendars = [f"{base}others-{run_id}-{i}/" for i in range(args.calendars)]
    for url in calendars:
        request("MKCALENDAR", url, auth)
    try:
        started = time.perf_counter()
        fill(calendars, args.events, auth)
        print(f"filled {args.calendars} calendars x {args.events} events in {time.perf_counter() - started:.1f} s")
        with tempfile.TemporaryDirectory() as folder:
            tools = [("python caldav", python_caldav(args, password, calendars))]
            if os.path.exists(args.vdirsyncer):
                tools.append(("vdirsyncer", vdirsyncer(args, calendars, folder, args.vdirsyncer)))
            else:
                print(f"vdirsyncer not found at {args.vdirsyncer}: skipped")
            for round_, (name, run) in enumerate(tools):
                first = run(True)
                change(calendars, args.events, args.changes, auth, round_)
                nightly = run(False)
                quiet = run(False)
                for label, (requests, ms) in (("first sync", first), (f"nightly, {args.changes} changes", nightly), ("nightly, nothing changed", quiet)):
                    print(f"{name}: {label}: {requests} HTTP requests, {ms:.1f} ms")
    finally:
        for url in calendars:
            try:
                request("DELETE", url, auth)
            except Exception:
                pass


if __name__ == "__main__":
    main()
