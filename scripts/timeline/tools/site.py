"""The site benchmark for one N: generate, validate, build, and the plain MkDocs baseline."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .measure import BenchmarkFailed, Run, SiteSize, measure_site, run_measured
from .synthetic import make_site_project

BASELINE_CONFIG = "mkdocs.baseline.yml"
BASELINE_PAGES = "build/pages"


@dataclass(frozen=True)
class SiteRun:
    """The measurements for one N."""

    events: int
    files: int  # data files the validator read
    validate: Run
    build: Run
    pages: Run  # `timeline build-pages`, the baseline's input
    baseline: Run  # plain MkDocs on those pages, without the plugin
    size: SiteSize


def _checked(what: str, run: Run) -> Run:
    if run.returncode != 0:
        tail = "\n".join(run.output.splitlines()[-20:])
        raise BenchmarkFailed(f"{what} failed (exit {run.returncode}):\n{tail}")
    return run


def baseline_config(config: str) -> str:
    """mkdocs.yml without the timeline plugin (and its options), reading the pages `build-pages` wrote."""
    lines, plugin_indent = [], -1
    for line in config.splitlines(keepends=True):
        indent = len(line) - len(line.lstrip())
        if line.strip() in ("- timeline", "- timeline:"):
            plugin_indent = indent
            continue
        if plugin_indent >= 0 and line.strip() and indent > plugin_indent:
            continue
        plugin_indent = -1
        if line.startswith("docs_dir:"):
            line = f"docs_dir: {BASELINE_PAGES}\n"
        lines.append(line)
    if not any(line.startswith("docs_dir:") for line in lines):
        lines.append(f"docs_dir: {BASELINE_PAGES}\n")
    return "".join(lines)


def site_run(
    events: int, real: Path, work: Path, say: Callable[[str], None] = print, cards: bool = True
) -> SiteRun:
    """Generate a project of `events` events in work/, then validate, build and measure it,
    and build the same pages with plain MkDocs as the baseline."""
    project, site, baseline_site = work / "project", work / "site", work / "baseline-site"
    say(f"N={events:,}: generating the project")
    make_site_project(project, events, real, cards=cards)
    timeline = [sys.executable, "-m", "timeline.cli"]
    say(f"N={events:,}: timeline validate")
    checked = _checked("timeline validate", run_measured([*timeline, "validate", "--root", "."], project))
    summary = checked.output.strip().splitlines()
    if len(summary) != 1 or not summary[0].endswith(" 0 errors"):
        raise BenchmarkFailed("the generated project has problems:\n" + "\n".join(summary[-20:]))
    say(f"N={events:,}: mkdocs build --strict")
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    build = _checked("mkdocs build", run_measured([*mkdocs, "--site-dir", str(site)], project))
    size = measure_site(site)
    say(f"N={events:,}: timeline build-pages, then plain MkDocs")
    pages = _checked(
        "timeline build-pages", run_measured([*timeline, "build-pages", "--out", BASELINE_PAGES], project)
    )
    (project / BASELINE_CONFIG).write_text(baseline_config((project / "mkdocs.yml").read_text()))
    plain = [*mkdocs, "--config-file", BASELINE_CONFIG, "--site-dir", str(baseline_site)]
    baseline = _checked("plain mkdocs build", run_measured(plain, project))
    files = int(summary[0].split()[0])
    return SiteRun(events, files, checked, build, pages, baseline, size)


def site_benchmark(
    counts: Sequence[int],
    real: Path,
    work: Path | None = None,
    say: Callable[[str], None] = print,
    cards: bool = True,
) -> list[SiteRun]:
    """site_run for each N, in a temporary folder (or in work/, kept, one folder per N)."""
    runs = []
    for events in counts:
        if work is not None:
            folder = work / f"n{events}"
            if folder.exists():
                shutil.rmtree(folder)
            runs.append(site_run(events, real, folder, say, cards))
            continue
        with tempfile.TemporaryDirectory(prefix=f"timeline-benchmark-{events}-") as tmp:
            runs.append(site_run(events, real, Path(tmp), say, cards))
    return runs
