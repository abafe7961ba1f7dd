"""The validator's process pool: the same results in the same order, in workers only where
that pays and is safe, and here when no worker can start."""

from __future__ import annotations

import os
import threading

import pytest

from conftest import in_fresh_process
from timeline.rules import workers
from timeline.rules.workers import PAYS_FROM, mapped

PROCESSORS = len(os.sched_getaffinity(0))


def _pids(count: int) -> list[int]:
    return mapped(lambda _: os.getpid(), range(count))


def _where_a_job_ran(count: int) -> tuple[int, set[int]]:
    """In a fresh process: its own id, and those of the processes that ran a job's items."""
    return os.getpid(), set(_pids(count))


def test_results_come_in_order_whatever_the_function_closes_over():
    offset = 7  # a closure: nothing but the items' bounds is sent to a worker
    items = list(range(PAYS_FROM * 2))
    assert mapped(lambda n: n * n + offset, items) == [n * n + offset for n in items]


def test_a_large_job_runs_in_worker_processes_on_a_machine_with_several():
    here, ran_in = in_fresh_process(_where_a_job_ran, PAYS_FROM * 2)
    if PROCESSORS > 1:
        assert here not in ran_in and len(ran_in) > 1
    else:
        assert ran_in == {here}


def test_a_small_job_runs_here():
    here, ran_in = in_fresh_process(_where_a_job_ran, PAYS_FROM - 1)
    assert ran_in == {here}


def test_no_fork_while_another_thread_runs():
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert set(_pids(PAYS_FROM * 2)) == {os.getpid()}
    finally:
        release.set()
        other.join()


def test_the_work_is_done_here_when_no_process_can_start(monkeypatch: pytest.MonkeyPatch):
    def refused(*args: object, **kwargs: object) -> None:
        raise OSError("no more processes")

    monkeypatch.setattr(workers, "ProcessPoolExecutor", refused)
    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)  # as if no other thread ran
    assert mapped(lambda n: -n, range(PAYS_FROM * 2)) == [-n for n in range(PAYS_FROM * 2)]
    assert workers._job is None  # the next pool starts clean


def _where_a_kept_job_ran(count: int) -> tuple[int, set[int]]:
    return os.getpid(), set(mapped(lambda _: os.getpid(), range(count), spread=False))


def test_a_job_not_to_spread_runs_here_however_large():
    here, ran_in = in_fresh_process(_where_a_kept_job_ran, PAYS_FROM * 2)
    assert ran_in == {here}
