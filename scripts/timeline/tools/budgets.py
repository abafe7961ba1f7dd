"""The budgets a site benchmark is held to, each judged on the runs: holds, misses, or not run.

The numbers are the scale issue's: validation near the YAML parse floor, the plugin's build
near plain MkDocs on the same pages, every page and a search query small at any size,
memory bounded, growth near linear, and the real data at 10,000 events built in a minute.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .engines import EngineRun
from .measure import Run, SiteSize
from .site import SiteRun

VALIDATE_OVER_FLOOR = 1.5
BUILD_OVER_PLAIN = 1.1
PEAK_BYTES = 600_000_000
PAGE_RAW, PAGE_GZ = 1_000_000, 100_000
QUERY_BYTES = 300_000
MARKDOWN_PER_EVENT = 3_000  # beside the event pages: an aim
GROWTH = 10.5  # from 1,000 to 10,000 events
GROWTH_FROM, GROWTH_TO = 1_000, 10_000
REAL_BUILD_SECONDS, REAL_BUILD_EVENTS = 60.0, 10_000


@dataclass(frozen=True)
class Check:
    """One budget at one size (and engine): what was measured, and whether it holds."""

    budget: str
    where: str
    measured: str
    holds: bool | None  # None: not measured in this run

    @property
    def verdict(self) -> str:
        return "not run" if self.holds is None else "holds" if self.holds else "misses"


def checks(runs: Sequence[SiteRun]) -> list[Check]:
    """Every budget, judged on every run it applies to."""
    found = [c for run in runs for c in _size_checks(run)]
    return found + list(_growth_checks(runs)) + [_real_build_check(runs)]


def _size_checks(run: SiteRun) -> Iterator[Check]:
    where = f"N={run.events:,}"
    ratio = run.validate.seconds / run.floor.seconds
    yield Check(
        f"validate ≤ {VALIDATE_OVER_FLOOR}× the YAML parse floor",
        where,
        f"{run.validate.seconds:.2f} s / {run.floor.seconds:.2f} s = {ratio:.2f}×",
        ratio <= VALIDATE_OVER_FLOOR,
    )
    others, _ = run.markdown.per_event(run.events)
    yield Check(
        f"Markdown ≤ {MARKDOWN_PER_EVENT / 1000:g} KB per event beside the event pages (aim)",
        where,
        f"{others / 1000:.1f} KB",
        others <= MARKDOWN_PER_EVENT,
    )
    for engine in run.engines:
        yield from _engine_checks(run, engine, f"{where}, {engine.engine}")


def _engine_checks(run: SiteRun, engine: EngineRun, where: str) -> Iterator[Check]:
    if not engine.ok or engine.run is None or engine.size is None:
        yield Check("the site builds", where, engine.error, False)
        return
    build, size = engine.run, engine.size
    if engine.engine == "mkdocs":
        wall, cpu = build.seconds / run.baseline.seconds, build.cpu_seconds / run.baseline.cpu_seconds
        yield Check(
            f"build ≤ {BUILD_OVER_PLAIN}× plain MkDocs on the same pages (wall and CPU)",
            where,
            f"wall {wall:.2f}×, CPU {cpu:.2f}×{_indexing(build, run.baseline.seconds)}",
            max(wall, cpu) <= BUILD_OVER_PLAIN,
        )
    indexer = (
        f" (Pagefind, indexing, {build.indexer_peak_rss / 1e6:,.0f} MB)" if build.indexer_peak_rss else ""
    )
    yield Check(
        f"peak memory < {PEAK_BYTES // 1_000_000} MB",
        where,
        f"{build.peak_rss / 1e6:,.0f} MB{indexer}",
        build.peak_rss < PEAK_BYTES,
    )
    yield Check(
        f"largest page ≤ {PAGE_RAW // 1_000_000} MB raw and ≤ {PAGE_GZ // 1000} KB gzipped",
        where,
        f"{size.largest_raw / 1000:,.0f} KB / {size.largest_gz / 1000:,.0f} KB (`{size.largest_page}`)",
        size.largest_raw <= PAGE_RAW and size.largest_gz <= PAGE_GZ,
    )
    yield _query_check(size, where)


def _query_check(size: SiteSize, where: str) -> Check:
    """What a three-word query downloads: as seen in a browser, or else the bound; with
    what Pagefind loads for any words (its metadata lists every page of the site)."""
    query = size.pagefind_query if size.query_seen is None else size.query_seen
    bound = "none" if size.pagefind_query is None else f"{size.pagefind_query / 1000:,.0f} KB"
    fixed = (
        "" if size.pagefind_fixed is None else f"; {size.pagefind_fixed / 1000:,.0f} KB whatever the words"
    )
    seen = f" for '{size.query_words}' in a browser (bound {bound}{fixed})"
    return Check(
        f"a three-word query downloads ≤ {QUERY_BYTES // 1000} KB",
        where,
        "no Pagefind bundle"
        if query is None
        else f"{query / 1000:,.0f} KB" + (seen if size.query_seen is not None else " (bound)"),
        None if query is None else query <= QUERY_BYTES,
    )


def _growth_checks(runs: Sequence[SiteRun]) -> Iterator[Check]:
    """Validate's and the MkDocs build's growth from 1,000 to 10,000 events, when both ran."""
    sizes = {run.events: run for run in runs}
    small, large = sizes.get(GROWTH_FROM), sizes.get(GROWTH_TO)
    if small is None or large is None:
        return
    where = f"N={GROWTH_FROM:,} → {GROWTH_TO:,}"
    yield _growth("validate", where, large.validate.seconds / small.validate.seconds)
    before, after = small.engine("mkdocs"), large.engine("mkdocs")
    if before and after and before.run and after.run and before.ok and after.ok:
        yield _growth("build", where, after.run.seconds / before.run.seconds)


def _growth(what: str, where: str, ratio: float) -> Check:
    return Check(f"{what} grows ≤ {GROWTH}× for 10× the events", where, f"{ratio:.1f}×", ratio <= GROWTH)


def _real_build_check(runs: Sequence[SiteRun]) -> Check:
    budget = f"full build of the real data ×{REAL_BUILD_EVENTS:,} within {REAL_BUILD_SECONDS:.0f} s"
    run = next((r for r in runs if r.data == "real" and r.events == REAL_BUILD_EVENTS), None)
    built = run.engine("mkdocs") if run else None
    if built is None or built.run is None:
        return Check(budget, "–", f"not run (needs --data real --events {REAL_BUILD_EVENTS})", None)
    where = f"N={REAL_BUILD_EVENTS:,}, mkdocs"
    if not built.ok:
        return Check(budget, where, built.error, False)
    seconds = built.run.seconds
    return Check(budget, where, f"{seconds:.1f} s{_indexing(built.run)}", seconds <= REAL_BUILD_SECONDS)


def _indexing(build: Run, plain: float = 0.0) -> str:
    """How long Pagefind ran within a build, where it was seen: plain MkDocs builds no
    search index, so that much of a build is beyond what the plain build does."""
    if not build.indexer_seconds:
        return ""
    share = f", {build.indexer_seconds / plain:.2f}× plain MkDocs" if plain else ""
    return f" (Pagefind ran {build.indexer_seconds:.1f} s of it{share})"
