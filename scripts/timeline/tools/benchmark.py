"""`timeline benchmark`: time the validator and the site build at scale.

For the validator: a project of N generated events, and hostile files added to a small
one. For the site: a complete, buildable project of N events (generated, or the real one's
events copied), built by MkDocs and Zensical and measured against the YAML parse floor and
against plain MkDocs and Hugo on the same pages, with every scale budget judged. Timings vary
by machine, so they are reported, not asserted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .copies import real_event_count
from .engines import ENGINES
from .hostile import hostile_times, scale_time
from .maps import map_run, map_table
from .measure import BenchmarkFailed
from .preview import preview_command
from .site import Options, site_benchmark
from .synthetic import MIN_EVENTS
from .table import site_table


def _progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def site_command(counts: Sequence[int], real: Path, options: Options, output: Path | None) -> int:
    """`timeline benchmark --site`: progress on stderr, the table on stdout (and in output)."""
    least = real_event_count(real) if options.data == "real" else MIN_EVENTS
    if min(counts) < least:
        print(f"error: --site --data {options.data} needs at least {least} events", file=sys.stderr)
        return 2
    unknown = sorted(set(options.engines) - set(ENGINES))
    if unknown:
        print(f"error: unknown engine {', '.join(unknown)}; choose from {','.join(ENGINES)}", file=sys.stderr)
        return 2
    try:
        runs = site_benchmark(counts, real, options, _progress)
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
    if args.preview:
        return preview_command(args.events or [], root, cards=not args.no_share_cards)
    counts: list[int] = args.events or [10_000]
    if args.site:
        engines = tuple(e.strip() for e in args.engines.split(",") if e.strip())
        options = Options(engines, args.data, not args.no_share_cards, args.work)
        return site_command(counts, root, options, args.output)
    for events in counts:
        files, seconds = scale_time(events, root / "schemas")
        per_event = seconds / events * 1000
        print(f"{files} files validated in {seconds:.2f} s ({per_event:.2f} ms per event)")
    return 0
