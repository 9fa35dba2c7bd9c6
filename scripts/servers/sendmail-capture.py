#!/usr/bin/python3
"""A stand-in for `sendmail -bs` that captures instead of delivering.

Cyrus sends its own iMIP mail by running `<sendmail> -bs` and speaking SMTP over the
child's stdin/stdout, so this answers SMTP (a plain `cat` would leave Cyrus waiting for
the 220 greeting and hang the PUT that triggered the mail).

Usage: sendmail-capture.py CAPTURE_DIR [sendmail options, ignored]

Each message is written as one file CAPTURE_DIR/<time_ns>-<pid>-<n>.eml: two envelope
header lines (`X-Envelope-From:`, `X-Envelope-To:` with the RCPT TO addresses, comma
separated) followed by the DATA exactly as received (dot-unstuffed, line endings kept).
The file appears atomically (written under a dot-name, then renamed) before the DATA is
acknowledged, so it exists by the time Cyrus answers the HTTP request. Standard library
only; run with Debian's /usr/bin/python3.
"""
import os
import sys
import time


def main() -> int:
    if len(sys.argv) < 2:
        print("usage: sendmail-capture.py CAPTURE_DIR [-bs]", file=sys.stderr)
        return 64
    capture_dir = sys.argv[1]
    # Cyrus runs us with its umask (077); the tests reading the folder may be another user.
    os.umask(0o022)
    os.makedirs(capture_dir, exist_ok=True)

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer

    def reply(line: str) -> None:
        stdout.write(line.encode() + b"\r\n")
        stdout.flush()

    def address(arg: bytes) -> str:
        # "FROM:<a@b> PARAM=..." -> "a@b"
        value = arg.split(b":", 1)[1].strip() if b":" in arg else arg.strip()
        if value.startswith(b"<"):
            value = value[1:value.index(b">")] if b">" in value else value[1:]
        else:
            value = value.split(b" ", 1)[0]
        return value.decode("utf-8", "replace")

    sender, recipients, count = "", [], 0
    reply("220 localhost sendmail-capture ESMTP")
    while True:
        line = stdin.readline()
        if not line:
            return 0
        command = line.rstrip(b"\r\n")
        verb = command.split(b" ", 1)[0].upper()
        arg = command[len(verb):].strip()
        if verb == b"EHLO":
            reply("250-localhost")
            reply("250 8BITMIME")
        elif verb == b"HELO":
            reply("250 localhost")
        elif verb == b"MAIL":
            sender, recipients = address(arg), []
            reply("250 2.1.0 Ok")
        elif verb == b"RCPT":
            recipients.append(address(arg))
            reply("250 2.1.5 Ok")
        elif verb == b"DATA":
            if not recipients:
                reply("503 5.5.1 No recipients")
                continue
            reply("354 End data with <CR><LF>.<CR><LF>")
            body = bytearray()
            while True:
                data_line = stdin.readline()
                if not data_line:
                    return 1  # client went away mid-message: nothing was accepted
                if data_line.rstrip(b"\r\n") == b".":
                    break
                body += data_line[1:] if data_line.startswith(b".") else data_line
            count += 1
            name = f"{time.time_ns()}-{os.getpid()}-{count}.eml"
            header = (f"X-Envelope-From: {sender}\r\n"
                      f"X-Envelope-To: {', '.join(recipients)}\r\n").encode()
            temporary = os.path.join(capture_dir, "." + name)
            with open(temporary, "wb") as file:
                file.write(header + bytes(body))
            os.rename(temporary, os.path.join(capture_dir, name))
            sender, recipients = "", []
            reply("250 2.0.0 Ok: captured")
        elif verb == b"RSET":
            sender, recipients = "", []
            reply("250 2.0.0 Ok")
        elif verb == b"NOOP":
            reply("250 2.0.0 Ok")
        elif verb == b"QUIT":
            reply("221 2.0.0 Bye")
            return 0
        else:
            reply("502 5.5.2 Command not implemented")


if __name__ == "__main__":
    sys.exit(main())
