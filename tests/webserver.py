"""A local web server for the tests: saved article pages, redirects, errors and a slow answer.

Bound to 127.0.0.1 on a free port, one thread per request, so that no test needs the
network and a slow answer does not hold up the others. It records each request (method,
path, user agent) and the most requests it answered at once.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
SLOW_SECONDS = 4.0  # longer than every timeout the tests give, shorter than the tests' patience
HTML = "text/html; charset=utf-8"

# path -> (status, content type, body file or text, extra headers)
ROUTES: dict[str, tuple[int, str, str, dict[str, str]]] = {
    "/news/2024/border-police-hand-over-212-suspects": (200, HTML, "@bylined.html", {}),
    "/notes/volunteers": (200, HTML, "@dated-in-text.html", {}),
    "/daily/story": (200, HTML, "@script-wall.html", {}),
    "/moved": (301, HTML, "", {"Location": "/news/2024/border-police-hand-over-212-suspects"}),
    "/short-link": (302, HTML, "", {"Location": "/moved"}),
    "/to-ftp": (302, HTML, "", {"Location": "ftp://127.0.0.1/file"}),
    "/to-file": (302, HTML, "", {"Location": "file:///etc/hostname"}),
    "/paywalled": (402, HTML, "<p>Subscribe to read this article.</p>", {}),
    "/report.pdf": (200, "application/pdf", "%PDF-1.7 fictional report", {}),
}


@dataclass
class Log:
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # (method, path, user agent)
    busy: dict[str, int] = field(default_factory=dict)  # by the path's first part: '/wait/1' -> 'wait'
    most_busy: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, format: str, *args: object) -> None:  # keep the test output clean
        pass

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        log, kind = self.server.log, self.path.split("/")[1]
        with log.lock:
            log.requests.append((self.command, self.path, self.headers.get("User-Agent", "")))
            log.busy[kind] = log.busy.get(kind, 0) + 1
            log.most_busy[kind] = max(log.most_busy.get(kind, 0), log.busy[kind])
        try:
            self._route(head)
        finally:
            with log.lock:
                log.busy[kind] -= 1

    def _route(self, head: bool) -> None:
        path = urlsplit(self.path).path
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
            return self._send(200, HTML, "<p>At last.</p>", {}, head)
        if path.startswith("/wait/"):  # a short wait, to see how many requests run at once
            time.sleep(0.3)
            return self._send(200, HTML, "<p>ok</p>", {}, head)
        if path == "/no-head":  # servers that refuse HEAD but answer GET
            return self._send(405 if head else 200, HTML, "<p>ok</p>", {}, head)
        if path == "/wayback/available":
            url = parse_qs(urlsplit(self.path).query).get("url", [""])[0]
            copy = {"available": True, "url": f"https://web.archive.org/web/20240215000000/{url}"}
            snapshots = {"closest": copy} if "border-police" in url else {}
            answer = json.dumps({"archived_snapshots": snapshots})
            return self._send(200, "application/json", answer, {}, head)
        status, kind, body, headers = ROUTES.get(path, (404, HTML, "<p>Not found</p>", {}))
        self._send(status, kind, body, headers, head)

    def _send(self, status: int, kind: str, body: str, headers: dict[str, str], head: bool) -> None:
        raw = (PAGES / body[1:]).read_bytes() if body.startswith("@") else body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(raw)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up
                self.wfile.write(raw)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    log: Log

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


def start() -> Server:
    server = Server(("127.0.0.1", 0), Handler)
    server.log = Log()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
