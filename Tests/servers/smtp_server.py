"""aiosmtpd on loopback for SupportCal's tests.

Three listeners share one spool (a Maildir):
  plain      smtp://  no TLS, no auth (a local relay)
  starttls   smtp://  STARTTLS required, then AUTH PLAIN/LOGIN required
  smtps      smtps:// TLS from the first byte, AUTH required
Every accepted message is stored with its envelope in X-Envelope-* headers so a
test can check what the SMTP conversation said, not only the headers.
"""
import argparse
import mailbox
import os
import signal
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class SpoolHandler:
    def __init__(self, maildir):
        self.box = mailbox.Maildir(maildir, create=True)
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8")
        header = (
            f"X-Envelope-From: {envelope.mail_from}\r\n"
            f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n"
            f"X-Envelope-Auth: {session.authenticated}\r\n"
            f"X-Envelope-TLS: {server.transport.get_extra_info('ssl_object') is not None}\r\n"
        ).encode()
        with self.lock:
            self.box.add(mailbox.MaildirMessage(header + data))
        return "250 Message accepted for delivery"


class Authenticator:
    def __init__(self, user, password):
        self.user, self.password = user.encode(), password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == self.user and auth_data.password == self.password
        return AuthResult(success=ok, handled=False)


class TLSController(Controller):
    """A controller whose SMTP instances get the given keyword arguments."""

    def __init__(self, handler, smtp_kwargs, **kwargs):
        self.smtp_kwargs = smtp_kwargs
        super().__init__(handler, **kwargs)

    def factory(self):
        return SMTP(self.handler, **self.smtp_kwargs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--spool", required=True)
    parser.add_argument("--plain-port", type=int, required=True)
    parser.add_argument("--starttls-port", type=int, required=True)
    parser.add_argument("--smtps-port", type=int, required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password-file", required=True)
    args = parser.parse_args()
    with open(args.password_file) as f:
        password = f.read().strip()

    handler = SpoolHandler(args.spool)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    auth = Authenticator(args.user, password)

    controllers = [
        Controller(handler, hostname="127.0.0.1", port=args.plain_port),
        TLSController(handler, dict(tls_context=context, require_starttls=True, auth_required=True,
                                    authenticator=auth), hostname="127.0.0.1", port=args.starttls_port),
        TLSController(handler, dict(auth_required=True, auth_require_tls=False, authenticator=auth),
                      hostname="127.0.0.1", port=args.smtps_port, ssl_context=context),
    ]
    for controller in controllers:
        controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print("smtp ready", flush=True)
    stop.wait()
    for controller in controllers:
        controller.stop()


if __name__ == "__main__":
    main()
