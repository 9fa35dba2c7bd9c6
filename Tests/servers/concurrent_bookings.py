"""Fires booking requests at SupportCal's API all at once, one thread each.

Usage: concurrent_bookings.py BASE_URL REQUESTS.json
REQUESTS.json is a list of JSON bodies for POST /api/bookings. Every thread waits at a
barrier, so the requests really race. Prints a JSON list of {status, body} in order.
"""
import json
import sys
import threading
import urllib.error
import urllib.request


def main():
    base, path = sys.argv[1], sys.argv[2]
    bodies = json.load(open(path))
    results = [None] * len(bodies)
    barrier = threading.Barrier(len(bodies))

    def send(index, body):
        request = urllib.request.Request(base + "/api/bookings", data=json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                results[index] = {"status": response.status, "body": json.loads(response.read())}
        except urllib.error.HTTPError as error:
            results[index] = {"status": error.code, "body": json.loads(error.read() or b"{}")}

    threads = [threading.Thread(target=send, args=(i, b)) for i, b in enumerate(bodies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
