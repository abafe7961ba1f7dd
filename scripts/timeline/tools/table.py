"""The site benchmark's report: one Markdown table, a row per size and engine, then the
largest pages, the engines compared, the growth between sizes and every budget's verdict."""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise

from .budgets import checks
from .engines import EngineRun
from .site import SiteRun

HEAD = (
    "N events", "data", "engine", "files", "validate s", "YAML floor s", "validate / floor",
    "build s", "plain MkDocs s", "build / plain", "build / plain (CPU)", "Hugo s", "peak RSS MB",
    "pages", "largest page KB (raw / gz)", "site MB", "3-word query KB (bound)", "Markdown KB per event "
    "(other pages / event pages)", "result",
)  # fmt: skip


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "–"


def _mb(n: float) -> str:
    return f"{n / 1_000_000:,.2f}"


def kb(n: float) -> str:
    return f"{n / 1_000:,.0f}"


def _row(run: SiteRun, engine: EngineRun) -> list[str]:
    """One engine's build of one size, beside the size's validation and baselines."""
    build, size, base = engine.run, engine.size, run.baseline
    others, events = run.markdown.per_event(run.events)
    hugo = f"{run.hugo.run.seconds:.1f}" if run.hugo.ok and run.hugo.run else f"– ({run.hugo.error})"
    row = [
        f"{run.events:,}", run.data, engine.engine, f"{run.files:,}", f"{run.validate.seconds:.2f}",
        f"{run.floor.seconds:.2f}", _ratio(run.validate.seconds, run.floor.seconds),
        f"{build.seconds:.1f}" if build else "–", f"{base.seconds:.1f}",
        _ratio(build.seconds, base.seconds) if build else "–",
        _ratio(build.cpu_seconds, base.cpu_seconds) if build else "–", hugo,
        f"{build.peak_rss / 1e6:,.0f}" if build else "–",
    ]  # fmt: skip
    if size is None:
        row += ["–"] * 4
    else:
        query = kb(size.pagefind_query) if size.pagefind_query is not None else "–"
        if size.query_seen is not None:
            query = f"{kb(size.query_seen)} ({query})"  # seen in a browser (the bound)
        row += [f"{size.pages:,}", f"{kb(size.largest_raw)} / {kb(size.largest_gz)}", _mb(size.total), query]
    return [
        *row,
        f"{others / 1000:.1f} / {events / 1000:.1f}",
        "ok" if engine.ok else f"fails: {engine.error}",
    ]


def site_table(runs: Sequence[SiteRun]) -> str:
    """The table, then the notes and the budgets."""
    rows = [list(HEAD), ["---"] * len(HEAD)]
    rows += [_row(run, engine) for run in runs for engine in run.engines]
    lines = ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    lines += ["", *_notes(runs), "", "Budgets:", ""]
    lines += [f"- {c.budget}, {c.where}: {c.measured}: **{c.verdict}**" for c in checks(runs)]
    return "\n".join(lines)


def _notes(runs: Sequence[SiteRun]) -> list[str]:
    """The largest page of each build, the engines compared, and the growth between sizes."""
    largest = [f"{r.events:,} {e.engine}: `{e.size.largest_page}`" for r in runs for e in r.engines if e.size]
    notes = ["Largest page: " + ("; ".join(largest) or "–") + "."]
    for run in runs:
        mkdocs, zensical, hugo = run.engine("mkdocs"), run.engine("zensical"), run.hugo.run
        if hugo and run.hugo.ok and mkdocs and mkdocs.ok and mkdocs.run:
            notes.append(
                f"At {run.events:,} events Hugo renders the same Markdown in {hugo.seconds:.1f} s: "
                f"MkDocs with the plugin takes {mkdocs.run.seconds / hugo.seconds:.1f}× as long, "
                f"plain MkDocs {run.baseline.seconds / hugo.seconds:.1f}×."
            )
        if mkdocs and zensical and mkdocs.ok and zensical.ok and mkdocs.run and zensical.run:
            ratio = zensical.run.seconds / mkdocs.run.seconds
            notes.append(
                f"At {run.events:,} events Zensical takes {zensical.run.seconds:.1f} s, "
                f"{ratio:.2f}× MkDocs's {mkdocs.run.seconds:.1f} s."
            )
    notes += [_growth(before, after) for before, after in pairwise(runs)]
    return notes


def _growth(before: SiteRun, after: SiteRun) -> str:
    """Each time's ratio from one size to the next, and the MkDocs build's exponent."""
    n = after.events / before.events
    validate = after.validate.seconds / before.validate.seconds
    said = f"Growth {before.events:,} → {after.events:,} (×{n:g}): validate ×{validate:.1f}"
    first, then = before.engine("mkdocs"), after.engine("mkdocs")
    if first and then and first.run and then.run and first.ok and then.ok:
        build = then.run.seconds / first.run.seconds
        exponent = math.log(build) / math.log(n) if n != 1 and build > 0 else math.nan
        said += f", build ×{build:.1f} (exponent {exponent:.2f})"
    return said + "."
