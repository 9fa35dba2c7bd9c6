"""A deliberately odd HTTP server for the failure paths real servers will not show on demand.

Routes:
  /bearer            200 only with "Authorization: Bearer fixture-token"
  /digest            RFC 7616 Digest (MD5, qop=auth) for staff / staff-password
  /slow              answers after 5 seconds
  /status/NNN        answers NNN with a small body (Retry-After: 1 on 429/503)
  /redirect-http     302 to http://127.0.0.1:PORT/echo (used behind https only)
  /redirect          302 to /echo
  /echo              200, echoes method, headers and body as text
  /xml/truncated     207 with a multistatus cut off mid-element
  /xml/garbage       207 with text that is not XML
  /xml/entity        207 with an external entity reference (must not be resolved)
  /flaky/KEY         503 on the first request for KEY, then 200
  /drop              closes the connection without answering
  /dav/noetag/NAME   PUT answers 201 without an ETag; PROPFIND then reports a weak one
  /dav/paged/        sync-collection truncated with 507: three pages, then token "stale" answers 409
  /dav/nosync/       a calendar without sync-collection (REPORT sync-collection answers 501):
                     PROPFIND Depth 1 lists two objects, calendar-multiget returns them
"""
import argparse
import hashlib
import http.server
import os
import re
import socketserver
import threading
import time

USER, PASSWORD, REALM, NONCE = "staff", "staff-password", "fixture", "dcd98b7102dd2f0e8b11d0f600bfb0c093"
seen_flaky = set()
lock = threading.Lock()


def md5(text):
    return hashlib.md5(text.encode()).hexdigest()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=None, content_type="text/plain; charset=utf-8"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def handle_any(self):
        path = self.path.split("?")[0]
        request_body = self.body()
        if path == "/bearer":
            if self.headers.get("Authorization") == "Bearer fixture-token":
                return self.reply(200, b"bearer ok")
            return self.reply(401, b"no", {"WWW-Authenticate": 'Bearer realm="fixture"'})
        if path == "/digest":
            return self.digest()
        if path == "/slow":
            time.sleep(5)
            return self.reply(200, b"slow")
        if path.startswith("/status/"):
            status = int(path.rsplit("/", 1)[1])
            extra = {"Retry-After": "1"} if status in (429, 503) else {}
            return self.reply(status, f"status {status} from fixture".encode(), extra)
        if path == "/redirect":
            return self.reply(302, b"", {"Location": "/echo"})
        if path == "/redirect-http":
            return self.reply(302, b"", {"Location": f"http://127.0.0.1:{self.server.server_port}/echo"})
        if path == "/echo":
            text = f"{self.command} {self.path}\n" + "".join(f"{k}: {v}\n" for k, v in self.headers.items()) + "\n"
            return self.reply(200, text.encode() + request_body)
        if path == "/xml/truncated":
            return self.reply(207, b'<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:hr',
                              content_type="application/xml")
        if path == "/xml/garbage":
            return self.reply(207, b"this is <<not xml", content_type="application/xml")
        if path == "/xml/entity":
            body = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                    b'<d:multistatus xmlns:d="DAV:"><d:response><d:href>&x;</d:href></d:response></d:multistatus>')
            return self.reply(207, body, content_type="application/xml")
        if path.startswith("/flaky/"):
            with lock:
                first = path not in seen_flaky
                seen_flaky.add(path)
            if first:
                return self.reply(503, b"try again", {"Retry-After": "1"})
            return self.reply(200, b"recovered")
        if path.startswith("/dav/"):
            return self.dav(path, request_body.decode("utf-8", "replace"))
        if path == "/drop":
            self.close_connection = True
            self.connection.shutdown(2)
            return
        return self.reply(404, b"no such fixture route")

    def multistatus(self, inner, token=None):
        token_xml = f"<D:sync-token>{token}</D:sync-token>" if token is not None else ""
        body = f'<?xml version="1.0"?><D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">{inner}{token_xml}</D:multistatus>'
        return self.reply(207, body.encode(), content_type="application/xml; charset=utf-8")

    @staticmethod
    def item(href, etag=None, status=None, data=None):
        if status:
            return f"<D:response><D:href>{href}</D:href><D:status>HTTP/1.1 {status}</D:status></D:response>"
        props = f"<D:getetag>{etag}</D:getetag>" if etag else ""
        if data:
            props += f"<C:calendar-data>{data}</C:calendar-data>"
        return (f"<D:response><D:href>{href}</D:href><D:propstat><D:prop>{props}</D:prop>"
                f"<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>")

    @staticmethod
    def event(uid):
        return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fixture//EN\r\nBEGIN:VEVENT\r\n"
                f"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261102T150000Z\r\n"
                "DTEND:20261102T160000Z\r\nSUMMARY:Fixture\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")

    def dav(self, path, body):
        """Just enough WebDAV to show what Radicale and Xandikos never do."""
        method = self.command
        if path.startswith("/dav/noetag/"):
            if method == "PUT":
                return self.reply(201, b"")
            if method == "PROPFIND":
                return self.multistatus(self.item(path, etag='W/"weak-1"'))
            return self.reply(200, self.event("noetag").encode(), {"ETag": 'W/"weak-1"'}, "text/calendar")
        if path == "/dav/paged/" and method == "REPORT":
            match = re.search(r"<d:sync-token>([^<]*)</d:sync-token>", body)
            token = match.group(1) if match else ""
            if token == "":
                return self.multistatus(self.item("/dav/paged/a.ics", '"a1"') + self.item("/dav/paged/b.ics", '"b1"')
                                        + self.item("/dav/paged/", status="507 Insufficient Storage"), "page-2")
            if token == "page-2":
                return self.multistatus(self.item("/dav/paged/c.ics", '"c1"') + self.item("/dav/paged/a.ics", status="404 Not Found")
                                        + self.item("/dav/paged/", status="507 Insufficient Storage"), "page-3")
            if token == "page-3":
                return self.multistatus(self.item("/dav/paged/b.ics", '"b2"'), "done")
            error = b'<?xml version="1.0"?><D:error xmlns:D="DAV:"><D:valid-sync-token/></D:error>'
            return self.reply(409, error, content_type="application/xml")
        if path in ("/dav/nosync/", "/dav/sabre/"):
            if method == "REPORT" and "sync-collection" in body and path == "/dav/sabre/":
                # SabreDAV 1.8's answer, word for word: its own elements come before DAV:supported-report.
                error = (b'<?xml version="1.0" encoding="utf-8"?>\n<d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">\n'
                         b'  <s:exception>Sabre\\DAV\\Exception\\ReportNotSupported</s:exception>\n'
                         b'  <s:message>The {DAV:}sync-collection REPORT is not supported on this url.</s:message>\n'
                         b'  <s:sabredav-version>1.8.12</s:sabredav-version>\n  <d:supported-report/>\n</d:error>\n')
                return self.reply(403, error, content_type="application/xml; charset=utf-8")
            if method == "REPORT" and "sync-collection" in body:
                return self.reply(501, b"sync-collection is not implemented here")
            if method == "PROPFIND":
                return self.multistatus(self.item(path) + self.item(path + "one.ics", '"1"')
                                        + self.item(path + "two%20b.ics", '"2"'))
            if method == "REPORT":
                hrefs = re.findall(r"<d:href>([^<]*)</d:href>", body)
                return self.multistatus("".join(self.item(h, '"1"' if "one" in h else '"2"', data=self.event(h)) for h in hrefs))
        return self.reply(404, b"no such fixture route")

    def digest(self):
        header = self.headers.get("Authorization", "")
        if header.startswith("Digest "):
            fields = {}
            for part in header[7:].split(","):
                if "=" in part:
                    key, value = part.strip().split("=", 1)
                    fields[key] = value.strip('"')
            ha1 = md5(f"{USER}:{REALM}:{PASSWORD}")
            ha2 = md5(f"{self.command}:{fields.get('uri', '')}")
            expected = md5(f"{ha1}:{NONCE}:{fields.get('nc')}:{fields.get('cnonce')}:{fields.get('qop')}:{ha2}")
            if fields.get("username") == USER and fields.get("response") == expected:
                return self.reply(200, b"digest ok")
        challenge = f'Digest realm="{REALM}", nonce="{NONCE}", qop="auth", algorithm=MD5'
        return self.reply(401, b"who are you", {"WWW-Authenticate": challenge})

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_PROPFIND = do_REPORT = do_MKCALENDAR = handle_any


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    server = Server(("127.0.0.1", args.port), Handler)
    print("fixture ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
