"""The site benchmark for one N: make the project, validate it, build it with each engine,
and the baselines: the YAML floor, plain MkDocs and Hugo on the same pages."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .copies import make_copied_project
from .engines import ENGINES, EngineRun, build_with, build_with_hugo
from .measure import BenchmarkFailed, Markdown, Run, measure_markdown, run_measured, yaml_floor
from .synthetic import make_site_project

BASELINE_CONFIG = "mkdocs.baseline.yml"
BASELINE_PAGES = "build/pages"


@dataclass(frozen=True)
class Options:
    """What a site benchmark builds, and where."""

    engines: tuple[str, ...] = ENGINES[:1]
    data: str = "synthetic"  # or "real": the project's own events, copied N/36 times
    cards: bool = True  # share cards (share_cards: false without them)
    work: Path | None = None  # a folder to build in and keep; a temporary one if None


@dataclass(frozen=True)
class SiteRun:
    """The measurements for one N: the project's, then each engine's build of it."""

    events: int
    data: str  # "synthetic" or "real": what the project was made from
    files: int  # data files the validator read
    validate: Run
    floor: Run  # PyYAML's C loader on the same data files (yaml_floor)
    pages: Run  # `timeline build-pages`, the baseline's input
    markdown: Markdown  # what build-pages wrote
    baseline: Run  # plain MkDocs on those pages, without the plugin
    hugo: EngineRun  # Hugo on the same pages, with a bare layout
    engines: tuple[EngineRun, ...]  # the project built by each engine asked for

    def engine(self, name: str) -> EngineRun | None:
        return next((e for e in self.engines if e.engine == name), None)


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
    return "".join(_no_default_plugins(lines))


def _no_default_plugins(lines: list[str]) -> list[str]:
    """lines with an emptied `plugins:` made an explicit empty list: MkDocs reads an empty
    one as its default, its search plugin, which the site does not run (a third of the time
    of a plain build)."""
    start = lines.index("plugins:\n") if "plugins:\n" in lines else -1
    rest = lines[start + 1 :]
    section = rest[: next((i for i, line in enumerate(rest) if line[:1].isalnum()), len(rest))]
    if start >= 0 and not any(line.lstrip().startswith("-") for line in section):
        lines[start] = "plugins: []\n"
    return lines


def site_run(events: int, real: Path, work: Path, options: Options, say: Callable[[str], None]) -> SiteRun:
    """Make a project of `events` events in work/ (generated, or the real one's copied), then
    validate it beside the YAML floor, build it with each engine and measure the sites, and
    build the same pages with plain MkDocs and Hugo as the baselines."""
    project, step = work / "project", f"N={events:,} ({options.data})"
    say(f"{step}: making the project")
    if options.data == "real":
        make_copied_project(project, events, real, cards=options.cards)
    else:
        make_site_project(project, events, real, cards=options.cards)
    timeline = [sys.executable, "-m", "timeline.cli"]
    say(f"{step}: timeline validate, then the YAML floor")
    checked = _checked("timeline validate", run_measured([*timeline, "validate", "--root", "."], project))
    summary = checked.output.strip().splitlines()
    if len(summary) != 1 or not summary[0].endswith(" 0 errors"):
        raise BenchmarkFailed("the project has problems:\n" + "\n".join(summary[-20:]))
    floor = _checked("the YAML floor", yaml_floor(project))
    built = []
    for engine in options.engines:
        say(f"{step}: build with {engine}")
        built.append(build_with(engine, project, work))
    say(f"{step}: timeline build-pages, then plain MkDocs and Hugo")
    pages = _checked(
        "timeline build-pages", run_measured([*timeline, "build-pages", "--out", BASELINE_PAGES], project)
    )
    (project / BASELINE_CONFIG).write_text(baseline_config((project / "mkdocs.yml").read_text()))
    plain = ["--config-file", BASELINE_CONFIG, "--site-dir", str(work / "baseline-site")]
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    baseline = _checked("plain mkdocs build", run_measured([*mkdocs, *plain], project))
    hugo = build_with_hugo(project / BASELINE_PAGES, work)
    markdown = measure_markdown(project / BASELINE_PAGES)
    files = int(summary[0].split()[0])
    return SiteRun(events, options.data, files, checked, floor, pages, markdown, baseline, hugo, tuple(built))


def site_benchmark(
    counts: Sequence[int], real: Path, options: Options, say: Callable[[str], None] = print
) -> list[SiteRun]:
    """site_run for each N, in a temporary folder (or in options.work, kept, one folder per N)."""
    runs = []
    for events in counts:
        if options.work is not None:
            folder = options.work / f"n{events}"
            if folder.exists():
                shutil.rmtree(folder)
            runs.append(site_run(events, real, folder, options, say))
            continue
        with tempfile.TemporaryDirectory(prefix=f"timeline-benchmark-{events}-") as tmp:
            runs.append(site_run(events, real, Path(tmp), options, say))
    return runs
