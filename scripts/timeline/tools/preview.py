"""The preview at scale: what a contributor waits for after each save under ./dev.sh serve.

The real server on a copy of the project, one event's title changed, the time until the
page served for it shows the change (the server answers a request once the rebuild it
waits for is done). Reported, not asserted: tests/test_preview.py checks that the change
arrives and what was rewritten.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .measure import BenchmarkFailed
from .synthetic import copy_site, make_site_project

PREVIEW_WORDS = ("Zanzibarish", "Zanzibarisher", "Zanzibarishest")  # one save each; no page has them


def preview_command(counts: Sequence[int], real: Path, cards: bool = True) -> int:
    """`timeline benchmark --preview`: seconds from each of three saves to the served page,
    on a copy of the real project and on a synthetic project of each size in counts."""
    with tempfile.TemporaryDirectory() as work:
        projects = [("the real data", Path(work) / "real")]
        copy_site(projects[0][1], real, cards)
        for part in ("events", "entities", "sources"):
            shutil.copytree(real / part, projects[0][1] / part)
        for events in counts:
            folder = make_site_project(Path(work) / str(events), events, real, cards=cards)
            projects.append(("a synthetic project", folder))
        for name, folder in projects:
            count = len(list((folder / "events").glob("*.yml")))
            seconds = ", ".join(f"{s:.2f} s" for s in preview_seconds(folder))
            print(f"preview, {name}, {count:,} events: save to served page {seconds}", flush=True)
    return 0


def preview_seconds(project: Path) -> list[float]:
    """Serve project as ./dev.sh serve does; for each word, add it to the first event's
    title and time the save until the event's served page shows it."""
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{free.getsockname()[1]}"
    command = interruptible([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", address])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while _served(f"http://{address}/") is None:
            if server.poll() is not None:
                raise BenchmarkFailed(f"mkdocs serve stopped in {project}")
            time.sleep(0.5)
        path = min((project / "events").glob("*.yml"))
        page, text, times = f"http://{address}/events/{path.stem}/", path.read_text(encoding="utf-8"), []
        for word in PREVIEW_WORDS:
            start = time.monotonic()
            path.write_text(re.sub(r'^title: ("?)', rf"title: \g<1>{word} ", text, count=1, flags=re.M))
            while word not in (_served(page) or ""):
                time.sleep(0.05)
            times.append(time.monotonic() - start)
            time.sleep(1)  # the watcher's quiet time, so that the next save is a rebuild of its own
        return times
    finally:
        stop_server(server)


# Runs a command with Ctrl-C's signal handled as by default. A job in the background of a
# shell starts with that signal ignored, and so does every process it starts: a server
# started from one (a test run in the background) could not be stopped as Ctrl-C stops it.
_INTERRUPTIBLE = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "os.execvp(sys.argv[1], sys.argv[1:])"
)


def interruptible(command: Sequence[str]) -> list[str]:
    """command, run so that stop_server can stop it whatever started this process."""
    return [sys.executable, "-c", _INTERRUPTIBLE, *command]


def stop_server(server: subprocess.Popen[Any]) -> None:
    """Stop `mkdocs serve` (started as `interruptible`) as Ctrl-C does, so that it deletes the
    temporary folder it built the site into: a terminated server leaves it behind (at 10,000
    events, about 450 MB)."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _served(url: str) -> str | None:
    """The page at url once the server has rebuilt what it waits for; None if nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=600) as answer:
            return str(answer.read().decode("utf-8", "replace"))
    except urllib.error.HTTPError:
        return ""
    except OSError:
        return None
