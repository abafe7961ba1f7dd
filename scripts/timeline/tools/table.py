"""The site benchmark's Markdown table, and the growth from each N to the next."""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise

from .site import SiteRun


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "–"


def _mb(n: float) -> str:
    return f"{n / 1_000_000:,.2f}"


def _mib(n: float) -> str:
    return f"{n / 2**20:,.0f}"


def kb(n: float) -> str:
    return f"{n / 1_000:,.0f}"


def site_table(runs: Sequence[SiteRun]) -> str:
    """One Markdown table of the runs, then the growth from each N to the next."""
    pagefind = any(r.size.pagefind_total is not None for r in runs)
    head = [
        "N events", "files", "validate s", "build s", "baseline s", "build / baseline",
        "build / baseline (CPU)", "build-pages s", "peak RSS MB", "baseline RSS MB",
        "largest page KB (raw / gz)", "pages", "site MB", "search index MB (raw / gz)",
    ]  # fmt: skip
    if pagefind:
        head += ["Pagefind MB", "one query KB (at most)"]
    rows = [head, ["---"] * len(head)]
    for r in runs:
        s = r.size
        row = [
            f"{r.events:,}", f"{r.files:,}", f"{r.validate.seconds:.1f}", f"{r.build.seconds:.1f}",
            f"{r.baseline.seconds:.1f}", f"{r.build.seconds / r.baseline.seconds:.2f}",
            _ratio(r.build.cpu_seconds, r.baseline.cpu_seconds), f"{r.pages.seconds:.1f}",
            _mib(r.build.peak_rss), _mib(r.baseline.peak_rss),
            f"{kb(s.largest_raw)} / {kb(s.largest_gz)}", f"{s.pages:,}", _mb(s.total),
            f"{_mb(s.search_index)} / {_mb(s.search_index_gz)}",
        ]  # fmt: skip
        if pagefind:
            row += [_mb(s.pagefind_total or 0), kb(s.pagefind_query or 0) if s.pagefind_query else "–"]
        rows.append(row)
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.append("")
    lines.append("Largest page: " + "; ".join(f"{r.events:,}: `{r.size.largest_page}`" for r in runs) + ".")
    if len(runs) > 1:
        lines += ["", _growth_table(runs)]
    return "\n".join(lines)


def _growth_table(runs: Sequence[SiteRun]) -> str:
    """Each measure's ratio from one N to the next, and the build time's exponent."""

    def measures(r: SiteRun) -> list[float]:
        s = r.size
        return [
            r.validate.seconds, r.build.seconds, r.baseline.seconds, r.build.peak_rss,
            s.largest_gz, s.total, s.search_index,
        ]  # fmt: skip

    head = [
        "growth", "N ×", "validate ×", "build ×", "baseline ×", "peak RSS ×", "largest page (gz) ×",
        "site ×", "search index ×", "build exponent",
    ]  # fmt: skip
    rows = [head, ["---"] * len(head)]
    for before, after in pairwise(runs):
        n = after.events / before.events
        ratios = [a / b if b else math.nan for a, b in zip(measures(after), measures(before), strict=True)]
        exponent = math.log(ratios[1]) / math.log(n) if n != 1 and ratios[1] > 0 else math.nan
        rows.append(
            [
                f"{before.events:,} → {after.events:,}",
                f"{n:g}",
                *("–" if math.isnan(x) else f"{x:.1f}" for x in ratios),
                "–" if math.isnan(exponent) else f"{exponent:.2f}",
            ]
        )
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)
