"""Drives SupportCal's pages in headless Chromium through chromedriver (W3C WebDriver),
with nothing but the standard library, the way a customer would use them.

Usage:
  browser.py book BASE_URL EMAIL TYPE CODE     book the first free slot, entering CODE
  browser.py cancel LINK                       open an email's cancel link and confirm
  browser.py decline LINK                      open an emergency placement's decline link and confirm
  browser.py audit BASE_URL EMAIL TYPE CODE OUTDIR
                                               walk the booking pages as a customer would,
                                               and at 1280 and 390 px wide take a screenshot
                                               (OUTDIR/<page>-<width>.png) and run axe-core
  browser.py account-request BASE_URL EMAIL    ask for a sign-in link on /account/sign-in
  browser.py account LINK ZONE TYPE OUTDIR     follow the emailed link, read the code on the
                                               profile, change the zone, book with the code,
                                               see the sessions, ask for an emergency and a
                                               return call; then audit every account page
  browser.py account-emergency LINK PROBLEM   sign in with an emailed link and ask for an emergency
  browser.py staff-request BASE_URL EMAIL      ask for a staff sign-in link on /staff/sign-in
  browser.py staff LINK DAY CONTACT OUTDIR     follow the staff link, look at DAY (YYYY-MM-DD),
                                               cancel its first session, add an emergency for
                                               CONTACT from a call and place it, sign out;
                                               audit each page
  browser.py queue BASE_URL SESSION OUTDIR     the emergency queue again (after a decline), then
                                               sign out and the sign-in pages; audit each
  browser.py account-profile BASE_URL SESSION OUTDIR
                                               the profile again with the session cookie, then
                                               sign out (both audited)

Prints one JSON object: what the pages showed at each step. Exits non-zero with the
page's text when a step cannot be done.
"""
import base64
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

    def width(self, pixels):
        self.s("/window/rect", {"width": pixels, "height": 900})

    def screenshot(self, path, pixels):
        """The whole page, not just the viewport: the window is made as tall as the page."""
        height = self.s("/execute/sync", {"script": "return document.documentElement.scrollHeight", "args": []})
        self.s("/window/rect", {"width": pixels, "height": min(max(int(height) + 120, 600), 6000)})
        with open(path, "wb") as file:
            file.write(base64.b64decode(self.s("/screenshot", method="GET")))
        self.width(pixels)

    def axe(self, source):
        """axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the current page: the violations."""
        script = source + """
            var done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
              .then(function (r) { done({version: axe.version, violations: r.violations.map(function (v) {
                  return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) { return n.html.slice(0, 200); })}; })}); })
              .catch(function (e) { done({error: String(e)}); });"""
        return self.s("/execute/async", {"script": script, "args": []})

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


def decline(browser, link):
    browser.open(link)
    steps = {"link_page": browser.text()}
    browser.submit("form[action$='/decline'] button[type=submit]")
    steps["declined_page"] = browser.text()
    return steps


def axe_script():
    """axe-core as the pinned axe-playwright-python wheel ships it (installed without its
    Playwright dependency: only the script is used, injected through WebDriver)."""
    import importlib.util
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("axe-playwright-python is not installed (scripts/python-env.sh)")
    return os.path.join(list(spec.submodule_search_locations)[0], "axe.min.js")


class Auditor:
    """Screenshots at 1280 and 390 px and axe-core's findings, page by page."""

    def __init__(self, browser, outdir):
        with open(axe_script(), encoding="utf-8") as file:
            self.source = file.read()
        os.makedirs(outdir, exist_ok=True)
        self.browser, self.outdir, self.pages = browser, outdir, {}

    def check(self, name):
        browser = self.browser
        result = {"title": browser.s("/title", method="GET"), "url": browser.url()}
        for pixels in (1280, 390):
            browser.width(pixels)
            path = os.path.join(self.outdir, f"{name}-{pixels}.png")
            browser.screenshot(path, pixels)
            answer = browser.axe(self.source)
            if "error" in answer:
                raise RuntimeError(f"axe-core failed on {name}: {answer['error']}")
            result[str(pixels)] = {"screenshot": path, "violations": answer["violations"],
                                   "overflows": browser.s("/execute/sync", {"script":
                                       "return document.documentElement.scrollWidth > window.innerWidth", "args": []})}
            result["axe"] = answer["version"]
        browser.width(1280)
        self.pages[name] = result


def audit(browser, base, email, session_type, code, outdir):
    """Every state of the booking pages a customer meets, each checked at two widths."""
    auditor = Auditor(browser, outdir)
    check = auditor.check

    browser.width(1280)
    browser.open(base + "/book")
    check("book-form")
    browser.type("#contact", email)
    browser.click(f"#type option[value='{session_type}']")
    browser.submit("form[action='/book'] button[type=submit]")
    check("book-slots")
    browser.click("input[name=start]")
    browser.submit("form[action='/book/review'] button[type=submit]")
    check("book-review-code-blank")
    browser.type("form.code #code", "NOT-THE-CODE")
    browser.submit("form.code button[type=submit]")
    check("book-review-wrong-code")
    browser.type("form.code #code", code)
    browser.submit("form.code button[type=submit]")
    check("book-review")
    browser.submit("form[action='/book/confirm'] button[type=submit]")
    check("booking-page")
    view = browser.url()
    browser.open(base + browser.s("/execute/sync", {"script":
        "return [...document.querySelectorAll('a')].find(a => a.textContent === 'Move to another time').getAttribute('href')", "args": []}))
    check("manage-reschedule")
    browser.open(view)
    browser.open(base + browser.s("/execute/sync", {"script":
        "return [...document.querySelectorAll('a')].find(a => a.textContent === 'Cancel').getAttribute('href')", "args": []}))
    check("manage-cancel")
    browser.open(base + "/b/not-a-valid-link")
    check("link-not-valid")
    browser.open(base + "/book")
    browser.click("a[href='/fees']")
    check("fees")
    return auditor.pages


def request_link(browser, base, email, audience):
    """Asks for a sign-in link on `audience`'s form (/account or /staff)."""
    browser.open(base + audience + "/sign-in")
    browser.type("#email", email)
    browser.submit(f"form[action='{audience}/sign-in'] button[type=submit]")
    return {"sent_page": browser.text()}


def account(browser, link, zone, session_type, outdir):
    """The customer's errand first (the reminder it waits for is due soon), then the audit."""
    base = link.split("/account/")[0]
    steps = {}
    browser.open(link)
    steps["link_page"] = browser.text()
    browser.submit("form[action^='/account/sign-in/'] button[type=submit]")
    steps["profile_url"] = browser.url()
    steps["profile_page"] = browser.text()
    steps["code"] = browser.s("/element/" + browser.find("strong.code") + "/text", method="GET")
    browser.click(f"#zone option[value='{zone}']")
    browser.submit("form[action='/account/zone'] button[type=submit]")
    steps["zone_page"] = browser.text()
    browser.open(base + "/account/sessions")
    browser.click("a[href^='/book?contact=']")
    browser.click(f"#type option[value='{session_type}']")
    browser.submit("form[action='/book'] button[type=submit]")
    steps["slots_page"] = browser.text()
    browser.click("input[name=start]")
    browser.type("#code", steps["code"])
    browser.submit("form[action='/book/review'] button[type=submit]")
    steps["review_page"] = browser.text()
    browser.submit("form[action='/book/confirm'] button[type=submit]")
    steps["booked_page"] = browser.text()
    browser.open(base + "/account/sessions")
    steps["sessions_page"] = browser.text()
    browser.open(base + "/account/emergency")
    browser.type("#problem", "Crating line 2 stopped; labels print blank")
    browser.submit("form[action='/account/emergency'] button[type=submit]")
    steps["emergency_page"] = browser.text()
    browser.open(base + "/account/callback")
    browser.type("#note", "A question about the licence")
    browser.submit("form[action='/account/callback'] button[type=submit]")
    steps["callback_page"] = browser.text()
    steps["session"] = next(c["value"] for c in browser.s("/cookie", method="GET") if c["name"] == "supportcal_account")

    audit = Auditor(browser, outdir)
    for name, path in [("account-profile", "/account"), ("account-profile-zone-changed", "/account?done=zone"),
                       ("account-sessions", "/account/sessions"), ("account-emergency", "/account/emergency"),
                       ("account-emergency-queued", "/account/emergency?done=queued"), ("account-callback", "/account/callback")]:
        browser.open(base + path)
        audit.check(name)
    browser.s("/cookie/supportcal_account", method="DELETE")
    browser.open(base + "/account/sign-in")
    audit.check("account-sign-in")
    request_link(browser, base, "someone@example.com", "/account")
    audit.check("account-sign-in-sent")
    browser.open(link)
    audit.check("account-sign-in-link")
    browser.submit("form[action^='/account/sign-in/'] button[type=submit]")
    audit.check("account-sign-in-link-used")
    steps["pages"] = audit.pages
    return steps


def account_emergency(browser, link, problem):
    browser.open(link)
    browser.submit("form[action^='/account/sign-in/'] button[type=submit]")
    base = link.split("/account/")[0]
    browser.open(base + "/account/emergency")
    browser.type("#problem", problem)
    browser.submit("form[action='/account/emergency'] button[type=submit]")
    return {"emergency_page": browser.text()}


def staff(browser, link, day, contact, outdir):
    base = link.split("/staff/")[0]
    audit = Auditor(browser, outdir)
    steps = {}
    browser.open(link)
    audit.check("staff-sign-in-link")
    browser.submit("form[action^='/staff/sign-in/'] button[type=submit]")
    steps["today_url"] = browser.url()
    audit.check("staff-today")
    browser.open(base + "/staff/day/" + day)
    steps["day_page"] = browser.text()
    audit.check("staff-day")
    browser.submit("form[action$='/cancel'] button[type=submit]")
    steps["cancelled_page"] = browser.text()
    audit.check("staff-day-cancelled")
    browser.open(base + "/staff/emergencies")
    audit.check("staff-emergencies-first")
    browser.type("#add-contact", contact)
    browser.type("#add-problem", "Phoned in: the label printer stopped")
    browser.submit("form[action='/staff/emergencies'] button[type=submit]")
    steps["queue_page"] = browser.text()
    audit.check("staff-emergencies")
    browser.submit("form[action$='/place'] button[type=submit]")
    steps["placed_page"] = browser.text()
    audit.check("staff-emergencies-placed")
    steps["session"] = next(c["value"] for c in browser.s("/cookie", method="GET") if c["name"] == "supportcal_staff")
    browser.open(base + "/staff/callbacks")
    audit.check("staff-callbacks")
    browser.open(base + "/staff/bookings")
    steps["bookings_page"] = browser.text()
    audit.check("staff-bookings")
    browser.click("ul.sessions a")
    steps["booking_page"] = browser.text()
    audit.check("staff-booking")
    browser.open(base + "/staff/companies")
    audit.check("staff-companies")
    browser.click("a[href='/staff/companies/orsted']")
    steps["company_page"] = browser.text()
    audit.check("staff-company")
    steps["pages"] = audit.pages
    return steps


def resume(browser, base, cookie, session, path):
    """Opens `path` in the session of an earlier run (its cookie set on this site first)."""
    browser.open(base + "/fees")
    browser.s("/cookie", {"cookie": {"name": cookie, "value": session, "path": "/", "httpOnly": True}})
    browser.open(base + path)


def queue(browser, base, session, outdir):
    resume(browser, base, "supportcal_staff", session, "/staff/emergencies")
    audit = Auditor(browser, outdir)
    audit.check("staff-emergencies-declined")
    steps = {"queue_page": browser.text()}
    browser.submit("form[action='/staff/sign-out'] button[type=submit]")
    steps["signed_out_page"] = browser.text()
    audit.check("staff-signed-out")
    browser.open(base + "/staff/sign-in")
    audit.check("staff-sign-in")
    request_link(browser, base, "nobody@example.com", "/staff")
    audit.check("staff-sign-in-sent")
    steps["pages"] = audit.pages
    return steps


def account_profile(browser, base, session, outdir):
    resume(browser, base, "supportcal_account", session, "/account")
    steps = {"profile_page": browser.text(),
             "code": browser.s("/element/" + browser.find("strong.code") + "/text", method="GET")}
    browser.submit("form[action='/account/sign-out'] button[type=submit]")
    steps["signed_out_page"] = browser.text()
    audit = Auditor(browser, outdir)
    audit.check("account-signed-out")
    browser.open(base + "/account")
    steps["after_sign_out_url"] = browser.url()
    steps["pages"] = audit.pages
    return steps


def main():
    browser = Browser()
    try:
        if sys.argv[1] == "book":
            result = book(browser, *sys.argv[2:6])
        elif sys.argv[1] == "audit":
            result = audit(browser, *sys.argv[2:7])
        elif sys.argv[1] == "account-request":
            result = request_link(browser, sys.argv[2], sys.argv[3], "/account")
        elif sys.argv[1] == "account":
            result = account(browser, *sys.argv[2:6])
        elif sys.argv[1] == "account-emergency":
            result = account_emergency(browser, *sys.argv[2:4])
        elif sys.argv[1] == "staff-request":
            result = request_link(browser, sys.argv[2], sys.argv[3], "/staff")
        elif sys.argv[1] == "staff":
            result = staff(browser, *sys.argv[2:6])
        elif sys.argv[1] == "decline":
            result = decline(browser, sys.argv[2])
        elif sys.argv[1] == "queue":
            result = queue(browser, *sys.argv[2:5])
        elif sys.argv[1] == "account-profile":
            result = account_profile(browser, *sys.argv[2:5])
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
