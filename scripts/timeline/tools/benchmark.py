"""`timeline benchmark`: time the validator and the site build at scale.

For the validator: a project of N generated events, and hostile files added to a small
one. For the site: a complete, buildable project of N events, built and measured against a
plain MkDocs build of the same pages. Timings vary by machine, so they are reported, not
asserted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .hostile import hostile_times, scale_time
from .maps import map_run, map_table
from .measure import BenchmarkFailed
from .site import site_benchmark
from .synthetic import MIN_EVENTS
from .table import site_table


def _progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def site_command(
    counts: Sequence[int], real: Path, output: Path | None, work: Path | None, cards: bool = True
) -> int:
    """`timeline benchmark --site`: progress on stderr, the table on stdout (and in output)."""
    if min(counts) < MIN_EVENTS:
        print(f"error: --site needs at least {MIN_EVENTS} events", file=sys.stderr)
        return 2
    try:
        runs = site_benchmark(counts, real, work, _progress, cards)
    except BenchmarkFailed as failed:
        print(f"error: {failed}", file=sys.stderr)
        return 1
    table = site_table(runs)
    print(table)
    if output is not None:
        output.write_text(table + "\n", encoding="utf-8")
    return 0


def run(args: argparse.Namespace, root: Path) -> int:
    """Time validation at scale or on hostile files, the site build at scale, or the locator
    map with more places, in the project at root (whose schemas/ the generated ones use)."""
    if args.hostile:
        for name, seconds, problems in hostile_times(root / "schemas"):
            print(f"{seconds:6.2f} s  {problems:6,} problems  {name}")
        return 0
    if args.places:
        print(map_table([map_run(root, n) for n in args.places]))
        return 0
    counts: list[int] = args.events or [10_000]
    if args.site:
        return site_command(counts, root, args.output, args.work, cards=not args.no_share_cards)
    for events in counts:
        files, seconds = scale_time(events, root / "schemas")
        per_event = seconds / events * 1000
        print(f"{files} files validated in {seconds:.2f} s ({per_event:.2f} ms per event)")
    return 0
