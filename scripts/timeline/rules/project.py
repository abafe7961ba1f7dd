"""One run over a project folder: find the files, load, check, and build the model.

This is the only entry point the command line and the site build need:
``validate(root)`` returns every problem, and the model when there are none.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import pickle
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..data.archives import load_archives
from ..data.files import discover, read_limited, relative
from ..data.load import MAX_BYTES, DataPath, Document, load_bytes
from ..data.model import Dataset, build
from ..data.problems import Problem
from ..data.records import KINDS, Record, kind_of
from ..data.schema import SchemaChecker
from .index import Context, Index
from .registry import run_checks


@dataclass(frozen=True)
class Result:
    problems: list[Problem]
    files_checked: int
    dataset: Dataset | None  # None when any error was found anywhere in the project

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


# Loading and the schema check take half a run, file by file, so a large project shares
# them with a second process: a fork, which starts in milliseconds with the compiled
# schemas already in memory, loads nearly half of the files and sends back its records.
# Below this many files the fork and the transfer cost more than they save.
PARALLEL_FROM = 1_000

_Loaded = tuple[list[tuple[str, Document, str, frozenset[DataPath]]], list[Problem]]


def _load_records(
    root: Path, files: list[Path], schemas: SchemaChecker
) -> tuple[list[Record], list[Problem]]:
    loaded, problems = _load_in_two(root, files, schemas) or _load(root, files, schemas)
    kinds = {k.name: k for k in KINDS}  # a kind is compared by identity: not one sent by pickle
    return [Record(kinds[kind], doc, first, failed) for kind, doc, first, failed in loaded], problems


def _load(root: Path, files: list[Path], schemas: SchemaChecker) -> _Loaded:
    """Each file read, loaded and checked against its schema: (kind's name, document,
    line 1, paths that failed) for each record, and the problems."""
    loaded: list[tuple[str, Document, str, frozenset[DataPath]]] = []
    problems: list[Problem] = []
    for path in files:
        shown = relative(path, root)
        raw, read_problems = read_limited(path, shown, MAX_BYTES, "one record per file keeps each file small")
        problems += read_problems
        if raw is None:
            continue
        doc, load_problems = load_bytes(raw, shown)
        problems += load_problems
        kind = kind_of(shown)  # always known: discovery lists files of the data folders only
        if doc is None or kind is None:
            continue
        schema_problems, failed = schemas.check(kind, doc)
        problems += schema_problems
        end = raw.find(b"\n")
        loaded.append((kind.name, doc, raw[: end if end >= 0 else len(raw)].decode("utf-8"), failed))
    return loaded, problems


def _load_in_two(root: Path, files: list[Path], schemas: SchemaChecker) -> _Loaded | None:
    """_load shared with a forked process, or None where that cannot pay or is not safe:
    few files, one processor, no fork (Windows; macOS forks unsafely), or other threads
    running (a fork copies only the calling thread, and any lock another one holds).

    Long because the fork, the second process's work and the first one's wait are read
    together: each side closes the end of the pipe the other one uses."""
    if (
        len(files) < PARALLEL_FROM
        or not sys.platform.startswith("linux")
        or len(os.sched_getaffinity(0)) < 2
        or threading.active_count() > 1
    ):
        return None
    # The second process is slower per file (it copies memory it touches) and must send its
    # records: it takes a little less than half.
    split = len(files) * 11 // 20
    reading, writing = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no process to spare (a limit on their number): load here alone
        os.close(reading)
        os.close(writing)
        return None
    if pid == 0:  # the second process: load the last files, send them, and leave at once
        status = 1
        try:
            os.close(reading)
            sent = pickle.dumps(_load(root, files[split:], schemas), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writing, "wb") as pipe:
                pipe.write(sent)
            status = 0
        finally:
            os._exit(status)  # no clean-up of the first process's: it goes on using them
    os.close(writing)
    try:
        loaded, problems = _load(root, files[:split], schemas)
    finally:
        with os.fdopen(reading, "rb") as pipe:
            received = pipe.read()
        _, status = os.waitpid(pid, 0)
    # Had it failed (it should not), its files are loaded here, to report the same.
    theirs: _Loaded = pickle.loads(received) if status == 0 else _load(root, files[split:], schemas)
    return loaded + theirs[0], problems + theirs[1]


def validate(root: Path, only: list[str] | None = None, today: dt.date | None = None) -> Result:
    """Check every data file under root; report problems in `only` (relative paths) if given.

    today is the build date (UTC by default): no source can be published after it.
    """
    with _no_cycle_collection():
        return _validate(root.resolve(), only, today)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused for the run: a large project's records are hundreds
    of thousands of lists and mappings, none of them garbage in a cycle, and each
    collection of the oldest generation walks them all: a tenth of the run's time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _validate(root: Path, only: list[str] | None, today: dt.date | None) -> Result:
    schemas = SchemaChecker(root / "schemas")
    files = discover(root, schemas.id_pattern)
    records, load_problems = _load_records(root, files.records, schemas)
    loaded = load_archives(root, files.archives, records)
    today = today or dt.datetime.now(dt.UTC).date()
    index = Index.of(records, today, schemas.vocabulary)
    context = Context(records, loaded.archives, loaded.texts, index, root, files.archives, files.pages)
    problems = files.problems + load_problems + loaded.problems
    problems += run_checks(context, settled=False)
    if not any(p.is_error for p in problems):
        problems += run_checks(context, settled=True)
    problems = sorted(set(problems))
    dataset = None if any(p.is_error for p in problems) else build(records, schemas.vocabulary)
    checked = [relative(p, root) for p in files.records + files.archives + files.pages]
    checked += sorted({p.path for p in files.problems})
    if only is not None:
        problems = [p for p in problems if _selected(p.path, only)]
        checked = [c for c in checked if _selected(c, only)]
    return Result(problems, len(checked), dataset)


def _selected(path: str, only: list[str]) -> bool:
    return any(path == o or path.startswith(o.rstrip("/") + "/") for o in only)
