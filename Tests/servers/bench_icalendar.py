"""Times Python's icalendar on the calendar `supportcal bench ics --save FILE` wrote.

Usage: bench_icalendar.py FILE [RUNS]
Prints the median parse time, parse + serialize time, and events per second.
"""
import statistics
import sys
import time

import icalendar


def main():
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    data = open(path, "rb").read()
    parse, both = [], []
    events = 0
    for _ in range(runs):
        start = time.perf_counter()
        calendar = icalendar.Calendar.from_ical(data)
        middle = time.perf_counter()
        calendar.to_ical()
        end = time.perf_counter()
        parse.append(middle - start)
        both.append(end - start)
        events = len(calendar.walk("VEVENT"))
    p, b = statistics.median(parse), statistics.median(both)
    print(f"icalendar {icalendar.__version__}: {events} events; parse {p*1000:.1f} ms; "
          f"parse + serialize {b*1000:.1f} ms ({events / b:.0f} events/s)")


if __name__ == "__main__":
    main()
