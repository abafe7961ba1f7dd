"""Work on many independent items spread over the machine's processors, where it pays:
the validator's files and records, and a build's parts of the site (site/remake.py).

After Black's concurrency.py: a pool only for a large project, since starting one costs
more than a small project's whole run, and the same work done in this process whenever a
pool cannot start (one processor, no fork on this system, other threads running, or the
system refusing new processes). The workers are forked, so they start with the run's
state: they are sent only which items to take, and send back only each item's result, so
whatever else an item's function keeps is lost with its worker.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import pairwise
from multiprocessing import get_all_start_methods, get_context
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Items below which a pool costs more than it saves: a forked worker starts in about 20 ms;
# checking a record takes about 0.2 ms, making a part of the site a few.
PAYS_FROM = 1000
SPANS_PER_WORKER = 16  # small spans, so that a worker done early takes another, and the
# few long items (the exports, the figures) do not leave one worker with a long tail

# The work of the pool running now, which the forked workers inherit.
_job: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def mapped(function: Callable[[Item], Result], items: Sequence[Item], *, spread: bool = True) -> list[Result]:
    """function of each item, in order: in worker processes when that pays, else here (and
    always here if not `spread`: what the work leaves in this process's caches is wanted)."""
    workers = _workers(len(items)) if spread else 1
    if workers > 1:
        try:
            return _in_pool(function, items, workers)
        except (OSError, BrokenProcessPool):  # no processes to be had: the work is done here
            pass
    return [function(item) for item in items]


def _workers(items: int) -> int:
    """How many processes to use: one when a pool would not pay or could not fork safely
    (forking a process that runs other threads can copy a lock another thread holds)."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    forks = "fork" in get_all_start_methods() and threading.active_count() == 1
    return min(usable, items // (PAYS_FROM // 2)) if forks and items >= PAYS_FROM else 1


def _in_pool(function: Callable[[Item], Result], items: Sequence[Item], workers: int) -> list[Result]:
    global _job
    count = workers * SPANS_PER_WORKER
    bounds = [len(items) * n // count for n in range(count + 1)]
    _job = (function, items)
    try:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            done = pool.map(_span, pairwise(bounds))
            return [result for span in done for result in span]
    finally:
        _job = None


def _span(bounds: tuple[int, int]) -> list[Any]:
    """In a worker: the job's function of the items from bounds[0] to bounds[1]."""
    assert _job is not None, "a worker runs only within _in_pool"
    function, items = _job
    return [function(item) for item in items[bounds[0] : bounds[1]]]
