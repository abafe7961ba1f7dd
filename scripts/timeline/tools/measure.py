"""What a command costs (time, CPU, peak memory) and what a built site weighs."""

from __future__ import annotations

import gzip
import html
import os
import re
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from ..data.paths import INDEX_FOLDER
from .browser import CHROMIUM_ARGS, find_chromium, serve

# --- the site benchmark: validate, build, measure, and the plain MkDocs baseline ------------

GZIP_LEVEL = 6  # what web servers commonly use
RESULTS_SHOWN = 5  # results a search page shows at first (Pagefind's default UI)
QUERY_WORDS = 3  # the words of the query whose download is measured


@dataclass(frozen=True)
class Run:
    """One command, timed, with the peak memory of its process tree."""

    seconds: float
    peak_rss: int  # bytes
    returncode: int
    output: str
    cpu_seconds: float = 0.0  # user + system time of its process tree: steadier than wall time
    # on a machine that other work shares
    indexer_peak_rss: int = 0  # bytes: the peak of the search indexer (Pagefind) it ran, if seen
    indexer_seconds: float = 0.0  # how long the indexer was seen running (to a tenth of a second)


RSS_UNIT = 1 if sys.platform == "darwin" else 1024  # ru_maxrss is in bytes on macOS, KiB elsewhere


# Linux charges a child, when it execs, with the peak memory of the process it was started
# from (a vfork shares that process's memory until then): a command started by this
# benchmark, or by a test run that has grown large, would report at least their peak. So
# each command is started by a small launcher, which waits for it and reports what wait4()
# says of the command's own process tree: its time, peak memory and exit status. Where
# /proc can be read (Linux), it also watches the tree for the search indexer, Pagefind, a
# program of its own whose peak wait4() folds into the tree's, and reports that peak and
# how long it ran apart.
_LAUNCHER = """
import os, subprocess, sys, threading, time
INDEXER = "pagefind"
indexer = 0  # the largest peak (VmHWM, KiB) any Pagefind process in the tree reached
indexing = []  # when one was seen running: the first time and the last

def descendants(root):
    parents = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as stat:
                parents[int(pid)] = int(stat.read().rpartition(")")[2].split()[1])
        except OSError:
            pass
    tree, grown = {root}, True
    while grown:
        grown = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grown = True
    return tree

def watch(root):
    global indexer
    while not done.is_set():  # not child.poll(): it could reap the child before wait4() does
        for pid in descendants(root):
            try:
                with open(f"/proc/{pid}/comm") as comm, open(f"/proc/{pid}/status") as status:
                    if comm.read().strip() == INDEXER:
                        hwm = [line.split()[1] for line in status if line.startswith("VmHWM:")]
                        indexer = max([indexer, *map(int, hwm)])
                        now = time.perf_counter()
                        indexing[:] = [indexing[0] if indexing else now, now]
            except OSError:
                pass
        time.sleep(0.1)

start, done = time.perf_counter(), threading.Event()
child = subprocess.Popen(sys.argv[2:])
if os.path.isdir("/proc/self"):
    threading.Thread(target=watch, args=(child.pid,), daemon=True).start()
_, status, usage = os.wait4(child.pid, 0)
done.set()
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as report:
    cpu = usage.ru_utime + usage.ru_stime
    indexed = indexing[1] - indexing[0] if indexing else 0.0
    report.write(f"{seconds} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)} {cpu} {indexer} {indexed}")
"""


def run_measured(command: Sequence[str], cwd: Path) -> Run:
    """Run command; its wall time and the peak resident memory of its process tree, measured
    by a launcher (see _LAUNCHER) so that no other process's peak is counted."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report"
        launch = [sys.executable, "-c", _LAUNCHER, str(report), *command]
        subprocess.run(launch, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
        if not report.is_file():
            raise BenchmarkFailed(f"{command[0]} could not be started:\n{output}")
        seconds, peak, returncode, cpu, indexer, indexed = report.read_text().split()
    return Run(
        float(seconds),
        int(peak) * RSS_UNIT,
        int(returncode),
        output,
        float(cpu),
        int(indexer) * 1024,
        float(indexed),
    )


@dataclass(frozen=True)
class SiteSize:
    """What a built site weighs."""

    pages: int  # HTML files
    total: int  # bytes of every file
    largest_page: str  # its path in the site
    largest_raw: int
    largest_gz: int
    search_index: int  # Material's search/search_index.json, 0 if none
    search_index_gz: int
    pagefind_total: int | None = None  # bytes of pagefind/, when the site has one
    pagefind_query: int | None = None  # upper bound of what one three-word query downloads
    query_seen: int | None = None  # what the search page downloaded for one, in a browser
    query_words: str = ""  # that query
    pagefind_fixed: int | None = None  # of pagefind_query, what every query loads whatever its words


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def measure_site(site: Path) -> SiteSize:
    """Pages, total bytes, the largest page raw and gzipped, the search index, and what a
    query downloads from it: as bounded from its files, and as seen in a browser."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    index = site / "search" / "search_index.json"
    index_bytes = index.read_bytes() if index.is_file() else b""
    total, query, fixed = _pagefind(site / "pagefind")
    words = query_words(site)
    return SiteSize(
        pages=len(pages),
        total=sum(p.stat().st_size for p in files),
        largest_page=largest.relative_to(site).as_posix(),
        largest_raw=largest.stat().st_size,
        largest_gz=gzipped(largest.read_bytes()),
        search_index=len(index_bytes),
        search_index_gz=gzipped(index_bytes) if index_bytes else 0,
        pagefind_total=total,
        pagefind_query=query,
        pagefind_fixed=fixed,
        query_seen=query_seen(site, words),
        query_words=" ".join(words),
    )


def _pagefind(folder: Path) -> tuple[int | None, int | None, int | None]:
    """(bytes of the Pagefind bundle, bytes one three-word query downloads at most, bytes
    of that any query downloads whatever its words).

    A query loads pagefind.js, pagefind-entry.json, its language's WebAssembly and
    metadata (not every language's: the metadata lists every page, so it grows with the
    site however few pages a query finds), an index chunk per word (the one whose word range
    holds it) and a fragment for each result shown. Which chunk holds a word is in the
    compressed metadata, so the three largest chunks stand in for them, and the median
    fragment for each shown result: an upper bound, without parsing Pagefind's formats.
    Its files are compressed already, so their sizes are what travels.
    """
    if not folder.is_dir():
        return None, None, None
    files = [p for p in folder.rglob("*") if p.is_file()]

    def size(pattern: str) -> list[int]:
        return [p.stat().st_size for p in folder.glob(pattern) if p.is_file()]

    # A reader's language's WebAssembly and metadata, the largest pair where there are several
    # (Pagefind also writes wasm.unknown.pagefind, which only a page without a language loads).
    language = max(
        (
            [*size(f"wasm.{m.name.split('.')[1].split('_')[0]}.pagefind"), m.stat().st_size]
            for m in folder.glob("pagefind.*.pf_meta")
        ),
        key=sum,
        default=[],
    )
    fixed = sum(size("pagefind.js") + size("pagefind-entry.json") + language)
    chunk = sum(sorted(size("index/*"), reverse=True)[:QUERY_WORDS])
    fragments = size("fragment/*")
    shown = min(RESULTS_SHOWN, len(fragments)) * (statistics.median(fragments) if fragments else 0)
    return sum(p.stat().st_size for p in files), round(fixed + chunk + shown), fixed


# An event page's <title>: its own title, then " - " and the site's name.
_TITLE = re.compile(r"<title>(.*?)(?: - [^<]*)?</title>", re.S)
_WORD = re.compile(r"[^\W\d_]{5,}")
RESULTS = "#tl-search-results"  # the search page's list: its results, or the titles it suggests


def query_words(site: Path, count: int = QUERY_WORDS) -> list[str]:
    """The words most often in the event pages' titles: a query a reader could type, and a
    heavy one, for the commoner a word, the longer its entry in the index."""
    words: Counter[str] = Counter()
    for page in (site / "events").glob("*/index.html"):
        with page.open("rb") as file:
            if found := _TITLE.search(file.read(8192).decode("utf-8", "replace")):
                words.update(w.lower() for w in _WORD.findall(html.unescape(found[1])))
    return [w for w, _ in sorted(words.items(), key=lambda item: (-item[1], item[0]))[:count]]


def query_seen(site: Path, words: Sequence[str]) -> int | None:
    """The bytes the site's search page downloads from its index (/pagefind/) for a query,
    in a real browser served as GitHub Pages serves it (text gzipped): Pagefind's script,
    entry, WebAssembly and metadata, the chunks that hold the words, and the fragment of each
    result the page shows. None without a browser, a bundle, words to search or a result.

    In a thread of its own: Playwright's sync API refuses a thread that runs an asyncio
    loop, as the caller's may (a test session whose browser fixtures have started)."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(_query_seen, site, words).result()


def _query_seen(site: Path, words: Sequence[str]) -> int | None:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import Response, sync_playwright  # a dev dependency, as this is

    chromium = find_chromium()
    if chromium is None or not (site / INDEX_FOLDER).is_dir() or not words:
        return None
    seen: list[Response] = []
    with serve(site, "/s/", compress=True) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.on("response", lambda response: seen.append(response))
            page.goto(f"{url}search/?{urlencode({'q': ' '.join(words)})}")
            # The first results, or the titles suggested when nothing is found (not a search's download).
            page.wait_for_selector(f"{RESULTS} li", timeout=120_000)
            page.wait_for_load_state("networkidle")
            if not page.locator(f"{RESULTS} li.tl-search-result").count():
                return None
            shown = [r for r in seen if f"/{INDEX_FOLDER}/" in r.url]
            return sum(int(r.headers.get("content-length") or len(r.body())) for r in shown)
        except PlaywrightError:  # no answer in time: no number, rather than no benchmark
            return None
        finally:
            browser.close()


class BenchmarkFailed(RuntimeError):
    """A step failed; the message holds the command's last lines of output."""


@dataclass(frozen=True)
class Markdown:
    """The Markdown `timeline build-pages` wrote: every page's bytes, and the event pages'."""

    total: int
    event_pages: int  # events/*.md, one page per event

    def per_event(self, events: int) -> tuple[float, float]:
        """(bytes per event beside the event pages, bytes per event of the event pages)."""
        return (self.total - self.event_pages) / events, self.event_pages / events


def measure_markdown(pages: Path) -> Markdown:
    sizes = {p: p.stat().st_size for p in pages.rglob("*.md")}
    events = sum(size for p, size in sizes.items() if p.relative_to(pages).parts[0] == "events")
    return Markdown(sum(sizes.values()), events)


# What the validator cannot beat: PyYAML's C loader reading the same data files, nothing else.
_YAML_FLOOR = """
import pathlib, yaml
for folder in ("events", "entities", "sources"):
    for path in sorted(pathlib.Path(folder).glob("*.yml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""


def yaml_floor(project: Path) -> Run:
    """The YAML parse floor of project's data files, measured as a command of its own."""
    return run_measured([sys.executable, "-c", _YAML_FLOOR], project)
