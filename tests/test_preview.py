"""The local preview (`mkdocs serve`) shows the data's problems instead of hanging, and
recovers when they are fixed; the problems page escapes everything it shows."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import copy_site_sources
from timeline.data.problems import SHOWN_PER_RULE, Problem
from timeline.site.preview import problems_page
from timeline.tools.preview import interruptible, stop_server

HOSTILE = '<img src=x onerror="document.title=1">&amp;</li></ol><script>document.title=2</script>'


def test_the_problems_page_lists_each_problem_as_validate_does_and_escapes_it():
    problems = [
        Problem("events/b.yml", 7, 3, "quote-not-found", f"quote not found: {HOSTILE}"),
        Problem("events/a.yml", 2, 1, "unused-entity", "never cited", "warning"),
    ]
    page = problems_page(problems, 12)
    assert "<img" not in page and "<script>" not in page and "</li></ol><" not in page
    assert "&lt;img src=x onerror=" in page
    listed = re.findall(r"<li><code>([^<]*)</code>", page)
    assert listed == ["events/a.yml:2:1", "events/b.yml:7:3"]  # sorted as validate sorts them
    assert "12 files checked, 1 error, 1 warning" in page
    assert "[quote-not-found]" in page and "[unused-entity]" in page


def test_the_problems_page_is_bounded_like_the_validators_output():
    many = [Problem("events/a.yml", n, 1, "quote-not-found", "x") for n in range(1, 1001)]
    page = problems_page(many, 1)
    assert page.count("<li>") == SHOWN_PER_RULE + 1
    assert "and 950 more like the above" in page
    assert "1 file checked, 1000 errors" in page


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=1)
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the project served by the real `mkdocs serve`, with live reload, rendering
    again only what changed as ./dev.sh serve does."""
    project = copy_site_sources(tmp_path / "project")
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    scratch = tmp_path / "scratch"  # the server's temporary folders
    scratch.mkdir()
    server = subprocess.Popen(
        interruptible(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"]
        ),
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "TMPDIR": str(scratch)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(300):
            if answers(url) or server.poll() is not None:
                break
            time.sleep(0.5)
        assert server.poll() is None, (tmp_path / "serve.log").read_text()
        yield project, url
    finally:
        stop_server(server)
        log.close()
    assert list(scratch.iterdir()) == []  # stopped as Ctrl-C stops it, the server left nothing behind


def a_quote_line(project: Path) -> tuple[Path, str, str]:
    """The first event file with a quote on one line, the line, and the line with hostile
    text after the quote's first word (where the message shows what the quote has)."""
    for path in sorted((project / "events").glob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := re.fullmatch(r'(\s*(?:- )?quote: "\S+ )(.+)"', line):
                return path, line, f'{match[1]}{HOSTILE.replace(chr(34), chr(39))} {match[2]}"'
    raise AssertionError("no event quotes a passage on one line")


@pytest.mark.browser
@pytest.mark.build
def test_a_data_error_under_serve_shows_the_problems_page_then_the_site_once_fixed(
    preview: tuple[Path, str], page: Page
):
    project, url = preview
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url + "timeline/")
    expect(page.locator("h1")).to_have_text(re.compile("Timeline"))

    path, line, broken = a_quote_line(project)
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace(line, broken, 1), encoding="utf-8")
    # The open page reloads by itself into the list of problems.
    heading = page.locator("h1")
    expect(heading).to_have_text("The data has problems", timeout=60_000)
    number = original.splitlines().index(line) + 1
    item = page.locator("li", has_text="[quote-not-found]")
    expect(item).to_contain_text(f"events/{path.name}:{number}:")
    expect(item).to_contain_text("<img src=x onerror=")  # shown as text, not run
    assert page.locator("img").count() == 0
    scripts = page.eval_on_selector_all("script", "all => all.map(s => s.textContent)")
    assert not any("document.title" in script for script in scripts)
    assert page.title() == "The data has problems · preview"
    # Every address shows it, not only the one that was open.
    with urllib.request.urlopen(url + "entities/") as answer:
        assert "The data has problems" in answer.read().decode()

    path.write_text(original, encoding="utf-8")
    expect(heading).to_have_text(re.compile("Timeline"), timeout=60_000)
    assert dialogs == []


def served_text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=300) as answer:  # it waits for a rebuild to finish
        return str(answer.read().decode())


@pytest.mark.build
def test_a_saved_title_reaches_the_served_page_and_only_the_outputs_that_changed_are_rewritten(
    preview: tuple[Path, str],
):
    project, url = preview
    [generated] = (project / ".cache").glob("timeline-pages-*")  # the session's generated files
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in generated.rglob("*") if p.is_file()}
    path = sorted((project / "events").glob("*.yml"))[0]
    text = path.read_text(encoding="utf-8")
    retitled = re.sub(r'^title: "', 'title: "Zanzibarish ', text, count=1, flags=re.M)
    assert retitled != text
    path.write_text(retitled, encoding="utf-8")

    page = f"{url}events/{path.stem}/"
    for _ in range(600):  # the watcher notices the save, then the page is served once rebuilt
        if "Zanzibarish" in served_text(page):
            break
        time.sleep(0.2)
    assert "Zanzibarish" in served_text(page)
    rewritten = {
        p.relative_to(generated).as_posix() for p, (t, _) in before.items() if p.stat().st_mtime_ns != t
    }
    changed = {p.relative_to(generated).as_posix() for p, (_, b) in before.items() if p.read_bytes() != b}
    assert rewritten == changed  # a file is rewritten if and only if its bytes changed
    assert f"events/{path.stem}.md" in rewritten
    assert len(rewritten) < len(before) / 4, f"{len(rewritten)} of {len(before)} outputs rewritten"
    for name in rewritten - {p for p in rewritten if p.endswith(".png")}:
        assert b"Zanzibarish" in (generated / name).read_bytes(), (
            f"{name} was rewritten, yet does not show the title"
        )


def _started(command: list[str]) -> tuple[subprocess.Popen[str], str]:
    """command started as by a job in the background of a shell, which ignores Ctrl-C's
    signal and passes that on; and the first line it prints."""
    ignoring = lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)  # noqa: E731
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, preexec_fn=ignoring)
    assert process.stdout is not None
    return process, process.stdout.readline().strip()


def test_a_server_started_interruptible_stops_as_ctrl_c_stops_it_even_from_a_background_job():
    """stop_server stops a server as Ctrl-C does, so that it deletes its temporary site;
    interruptible gives the server back the signal that a background job ignores."""
    told = "print('ignores' if signal.getsignal(signal.SIGINT) == signal.SIG_IGN else 'stops', flush=True)"
    waits = [sys.executable, "-c", f"import signal, time; {told}; time.sleep(60)"]
    plain, said = _started(waits)
    plain.kill()
    plain.wait()
    assert said == "ignores"  # as the server would: Ctrl-C's signal would not stop it
    server, said = _started(interruptible(waits))
    start = time.monotonic()
    stop_server(server)
    assert said == "stops" and server.returncode == -signal.SIGINT  # ended by Ctrl-C's signal
    assert time.monotonic() - start < 30
