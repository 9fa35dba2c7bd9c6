"""Drives SupportCal's pages in headless Chromium through chromedriver (W3C WebDriver),
with nothing but the standard library, the way a customer would use them.

Usage:
  browser.py book BASE_URL EMAIL TYPE CODE     book the first free slot, entering CODE
  browser.py cancel LINK                       open an email's cancel link and confirm

Prints one JSON object: what the pages showed at each step. Exits non-zero with the
page's text when a step cannot be done.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


class Browser:
    def __init__(self):
        driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.profile = tempfile.mkdtemp(prefix="supportcal-chromium-")
        self.process = subprocess.Popen([driver, f"--port={self.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                self.call("GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        binary = shutil.which("chromium") or "/usr/bin/chromium"
        capabilities = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": binary,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--user-data-dir={self.profile}"]}}}}
        self.session = self.call("POST", "/session", capabilities)["sessionId"]

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else (b"{}" if method == "POST" else None)
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read() or b"{}").get("value")

    def s(self, path, body=None, method="POST"):
        return self.call(method, f"/session/{self.session}{path}", body)

    def open(self, url):
        self.s("/url", {"url": url})

    def find(self, css):
        return self.s("/element", {"using": "css selector", "value": css})[ELEMENT]

    def click(self, css):
        self.s(f"/element/{self.find(css)}/click")

    def type(self, css, text):
        element = self.find(css)
        self.s(f"/element/{element}/clear")
        self.s(f"/element/{element}/value", {"text": text})

    def submit(self, css):
        """Clicks a submit button and waits for the next page: a click returns before
        the form's navigation has even started."""
        old = self.find("html")
        self.click(css)
        for _ in range(600):
            try:
                if self.find("html") != old and self.s("/execute/sync", {"script": "return document.readyState", "args": []}) == "complete":
                    return
            except urllib.error.HTTPError:
                pass  # the old document went away mid-call
            time.sleep(0.05)
        raise RuntimeError("the page after submitting " + css + " did not load")

    def text(self):
        return self.s("/element/" + self.find("body") + "/text", method="GET")

    def url(self):
        return self.s("/url", method="GET")

    def quit(self):
        try:
            self.s("", method="DELETE")
        finally:
            self.process.terminate()
            shutil.rmtree(self.profile, ignore_errors=True)


def book(browser, base, email, session_type, code):
    steps = {}
    browser.open(base + "/book")
    steps["form_title"] = browser.s("/title", method="GET")
    browser.type("#contact", email)
    browser.click(f"#type option[value='{session_type}']")
    browser.submit("form[action='/book'] button[type=submit]")
    steps["slots_page"] = browser.text()
    browser.click("input[name=start]")
    if code:
        browser.type("#code", code)
    browser.submit("form[action='/book/review'] button[type=submit]")
    steps["review_page"] = browser.text()
    browser.submit("form[action='/book/confirm'] button[type=submit]")
    steps["booked_page"] = browser.text()
    steps["booked_url"] = browser.url()
    return steps


def cancel(browser, link):
    steps = {}
    browser.open(link)
    steps["link_page"] = browser.text()
    browser.submit("form[action$='/cancel'] button[type=submit]")
    steps["cancelled_page"] = browser.text()
    steps["cancelled_url"] = browser.url()
    return steps


def main():
    browser = Browser()
    try:
        if sys.argv[1] == "book":
            result = book(browser, *sys.argv[2:6])
        else:
            result = cancel(browser, sys.argv[2])
    except Exception as error:  # the page's text says what went wrong
        try:
            page = browser.text()
        except Exception:
            page = ""
        print(json.dumps({"error": str(error), "page": page}))
        browser.quit()
        sys.exit(1)
    browser.quit()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
