"""A real browser and a local server, for the tests and the benchmark: Debian's Chromium
driven by Playwright, found by path (CHROMIUM_PATH, or chromium / chromium-browser /
google-chrome on PATH), so `playwright install` is never needed; and a built site served
as GitHub Pages serves a project site.
"""

from __future__ import annotations

import functools
import gzip
import io
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

# Without these, Chromium tries to reach Google's services at start-up.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if Path(configured).exists() else None
    return next((found for name in NAMES if (found := shutil.which(name))), None)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".ics", ".csv")


class _GzipHandler(_QuietHandler):
    """Sends text files gzipped to a client that accepts it, as GitHub Pages does."""

    def send_head(self):  # type: ignore[no-untyped-def]
        asked = urlsplit(self.path).path
        path = Path(self.translate_path(self.path))
        if path.is_dir() and asked.endswith("/"):  # a folder without its "/" is redirected as usual
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(site: Path, sub_path: str, compress: bool = False) -> Iterator[str]:
    """Serve `site` at http://127.0.0.1:<port><sub_path>, as GitHub Pages serves a project site
    (with `compress`, gzipped as it does too). The sub-path is a link to the site in a folder
    of its own for this call, so two sites served in turn are never mixed up."""
    with tempfile.TemporaryDirectory(prefix="served-") as root:
        link = Path(root) / sub_path.strip("/")
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(site.resolve(), target_is_directory=True)
        handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=root)
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}{sub_path}"
        finally:
            server.shutdown()
            server.server_close()
