"""Shared helpers: a small valid project in a temporary folder, and the CLI in-process."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

import webserver
from timeline.adapters.settings import project_site
from timeline.cli import main as timeline
from timeline.data.citations import uncited
from timeline.data.model import Dataset
from timeline.rules import workers
from timeline.rules.project import Result, validate
from timeline.site.info import SiteInfo
from timeline.tools.browser import CHROMIUM_ARGS, find_chromium, serve

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_project(root: Path, *overlays: Path) -> Path:
    """Copy the base fixture and the real schemas to root, then apply cases' overlays.

    An overlay folder holds files to add or replace at the same relative paths, and
    optionally DELETE (paths to remove, one per line) and LINKS (lines 'path target':
    symbolic links to make, replacing what is there); expect.txt is not copied.
    """
    shutil.copytree(FIXTURES / "base", root, dirs_exist_ok=True)
    shutil.copytree(REPO / "schemas", root / "schemas", dirs_exist_ok=True)
    for overlay in overlays:
        if (overlay / "DELETE").exists():
            for rel in (overlay / "DELETE").read_text().split():
                (root / rel).unlink()
        for file in overlay.rglob("*"):
            if file.is_file() and file.name not in ("DELETE", "LINKS", "expect.txt"):
                dest = root / file.relative_to(overlay)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(file, dest)
        if (overlay / "LINKS").exists():
            for line in (overlay / "LINKS").read_text().splitlines():
                link, target = line.split()
                _replace_with_link(root / link, target)
    return root


def _replace_with_link(link: Path, target: str) -> None:
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    elif link.exists() or link.is_symlink():
        link.unlink()
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)


@functools.cache
def real_result() -> Result:
    """The real data, validated once per test session (modules that parametrize over it
    read it at collection; tests take the `dataset` fixture)."""
    return validate(REPO)


def real_dataset() -> Dataset:
    result = real_result()
    assert result.dataset is not None, result.problems[:5]
    return result.dataset


@functools.cache
def story_site() -> SiteInfo:
    """The real story's settings as mkdocs.yml gives them: its name, its map and so on."""
    return project_site(REPO, None, None)


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return real_dataset()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


T = TypeVar("T")


def in_fresh_process(function: Callable[..., T], *args: object) -> T:
    """function(*args) in a new interpreter, where no thread of the test session runs (once a
    browser has started, one waits on its driver): there the worker pool can fork, as in
    `timeline validate` or `mkdocs build`. function is a module's own, and its result is
    sent back."""
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def counted_pools() -> list[int]:
    """From now on in this process (a fresh one: see in_fresh_process), each job that the
    worker processes take appends its number of items to the list returned."""
    taken: list[int] = []
    in_pool = workers._in_pool
    workers._in_pool = lambda *job: taken.append(len(job[1])) or in_pool(*job)
    return taken


def run_cli(*args: str) -> tuple[int, str]:
    """Run `timeline validate` in-process; return its exit code and output."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = timeline(["validate", *args])
    return code, out.getvalue()


def without_citations(home: str) -> str:
    """The home page without its citations (footnote markers and definitions) and its links to
    the storylines, for a project whose data lacks the sources they quote and the topics."""
    return uncited(re.sub(r"\[([^\]]+)\]\(topics/[a-z0-9-]+\.md\)", r"\1", home))


SITE_PARTS = [
    "mkdocs.yml",
    "docs",
    "maps",
    "overrides",
    "scripts",
    "schemas",
    "events",
    "entities",
    "sources",
]
SITE_URL = "https://example.org/repo/"
REPO_URL = "https://github.com/example/timeline"


def with_plugin_options(config: str, options: str) -> str:
    """mkdocs.yml's text with more options for the timeline plugin ('      key: value' lines)."""
    assert "  - timeline:\n" in config
    return config.replace("  - timeline:\n", f"  - timeline:\n{options}", 1)


def copy_site_sources(dest: Path, parts: list[str] = SITE_PARTS) -> Path:
    """Copy what the site build reads (not tests, not the virtual environment) to dest."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in parts:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(source, dest / part)
    return dest


def run_build(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """A site build as a separate process, with extra environment settings; never raises."""
    return subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def mkdocs_build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    """The real `mkdocs build --strict`, as CI runs it."""
    return run_build(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], project, **env
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test run for a project sub-path with edit links."""
    site = tmp_path_factory.mktemp("built") / "site"
    done = mkdocs_build(REPO, site, SITE_URL=SITE_URL, SITE_REPO_URL=REPO_URL, SITE_EDIT_URI="edit/main/")
    assert done.returncode == 0, done.stderr
    return site


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """The built site, served at the sub-path of SITE_URL as GitHub Pages serves it."""
    with serve(built_site, urlsplit(SITE_URL).path) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright (never a downloaded browser)."""
    path = find_chromium()
    if path is None:
        pytest.fail(
            "No Chromium found: install Debian's 'chromium' or set CHROMIUM_PATH (./dev.sh test does both)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def web() -> Iterator[webserver.Server]:
    """A local web server (127.0.0.1) with saved article pages, redirects, errors and a slow answer."""
    server = webserver.start()
    yield server
    server.shutdown()
    server.server_close()
