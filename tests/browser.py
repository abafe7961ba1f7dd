"""A real browser for the tests: Debian's Chromium driven by Playwright, and a local server.

The browser is found by path (CHROMIUM_PATH, or chromium / chromium-browser /
google-chrome on PATH); `playwright install` is never needed. A missing browser fails
the run with a message, it does not skip tests.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

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
    def log_message(self, format: str, *args) -> None:
        pass


@contextmanager
def serve(site: Path, sub_path: str) -> Iterator[str]:
    """Serve `site` at http://127.0.0.1:<port><sub_path>, as GitHub Pages serves a project site."""
    root = site.parent / "served"
    (root / sub_path.strip("/")).parent.mkdir(parents=True, exist_ok=True)
    link = root / sub_path.strip("/")
    if not link.exists():
        link.symlink_to(site, target_is_directory=True)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{sub_path}"
    finally:
        server.shutdown()
        server.server_close()
