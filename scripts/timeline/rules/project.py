"""One run over a project folder: find the files, load, check, and build the model.

This is the only entry point the command line and the site build need:
``validate(root)`` returns every problem, and the model when there are none (built when
first asked for: a run that only reports problems needs none).
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path

from ..data.archives import load_archives
from ..data.files import discover, load_record, read_record_bytes, relative
from ..data.model import Dataset, build
from ..data.problems import Problem
from ..data.records import Record, kind_of
from ..data.schema import SchemaChecker
from .index import Context, Index
from .registry import run_checks
from .workers import mapped


@dataclass(frozen=True)
class Result:
    problems: list[Problem]
    files_checked: int
    model: Callable[[], Dataset] | None = field(default=None, repr=False)  # None after any error

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    @cached_property
    def dataset(self) -> Dataset | None:
        """The model, built the first time it is asked for; None when any error was found
        anywhere in the project."""
        if self.model is None:
            return None
        with _no_cycle_collection():
            return self.model()


@dataclass
class Loads:
    """Each record file as last loaded and checked against its schema, by its path and the
    digest of its bytes: the preview's validator loads again only the files a save changed.
    `schemas` is the digest of the schemas they were checked against (when it changes, every
    file is loaded again)."""

    schemas: str = ""
    files: dict[str, tuple[bytes, Record | None, list[Problem]]] = field(default_factory=dict)
    # The records that passed every check of one record (registry.RECORD_CHECKS) in a run
    # over the same `frame` (the files' paths, the index and the archived texts).
    frame: tuple[object, ...] = ()
    clean: dict[int, Record] = field(default_factory=dict)


def _load_records(
    root: Path, files: list[Path], schemas: SchemaChecker, loads: Loads
) -> tuple[list[Record], list[Problem]]:
    """Each file read, loaded and checked against its schema: the records, and the problems.
    Only the files whose bytes changed since loads last saw them are loaded again (all of
    them in a new run, in worker processes when there are many)."""
    if loads.schemas != schemas.digest:
        loads.schemas, loads.files = schemas.digest, {}
    problems: list[Problem] = []
    read: list[tuple[str, bytes, bytes]] = []  # each readable file: its path, digest and bytes
    for path in files:
        shown = relative(path, root)
        raw, read_problems = read_record_bytes(path, shown)
        problems += read_problems
        if raw is not None:
            read.append((shown, hashlib.blake2b(raw, digest_size=16).digest(), raw))
    changed = [item for item in read if loads.files.get(item[0], (b"",))[0] != item[1]]
    loaded = mapped(lambda item: _checked_record(item[2], item[0], schemas), changed)
    for (shown, digest, _), (record, more) in zip(changed, loaded, strict=True):
        loads.files[shown] = (digest, record, more)
    records: list[Record] = []
    for shown, _, _ in read:
        _, record, more = loads.files[shown]
        problems += more
        if record is not None:
            records.append(record)
    return records, problems


def _checked_record(raw: bytes, shown: str, schemas: SchemaChecker) -> tuple[Record | None, list[Problem]]:
    """A record's bytes loaded and checked against its kind's schema."""
    doc, first_line, problems = load_record(raw, shown)
    kind = kind_of(shown)  # always known: discovery lists the data folders' files only
    if doc is None or kind is None:
        return None, problems
    schema_problems, failed = schemas.check(kind, doc)
    return Record(kind, doc, first_line, failed), problems + schema_problems


def validate(
    root: Path, only: list[str] | None = None, today: dt.date | None = None, loads: Loads | None = None
) -> Result:
    """Check every data file under root; report problems in `only` (relative paths) if given.

    today is the build date (UTC by default): no source can be published after it. loads
    holds the files as the last run loaded them, and is brought up to date (the preview
    keeps one for its session); by default every file is loaded.
    """
    with _no_cycle_collection():
        return _validate(root.resolve(), only, today, loads or Loads())


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused for the run: a large project's records are hundreds
    of thousands of lists and mappings, none of them garbage in a cycle, and collecting
    walks them again and again: measured, a tenth of the run's processor time or more."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _validate(root: Path, only: list[str] | None, today: dt.date | None, loads: Loads) -> Result:
    schemas = SchemaChecker(root / "schemas")
    files = discover(root, schemas.id_pattern)
    records, load_problems = _load_records(root, files.records, schemas, loads)
    loaded = load_archives(root, files.archives, records)
    today = today or dt.datetime.now(dt.UTC).date()
    index = Index.of(records, today, schemas.vocabulary)
    context = Context(records, loaded.archives, loaded.texts, index, root, files.archives, files.pages)
    problems = files.problems + load_problems + loaded.problems
    frame = (context.paths, index.frame(), loaded.archives)
    if loads.frame != frame:
        loads.frame, loads.clean = frame, {}
    problems += run_checks(context, settled=False, clean=loads.clean)
    if not any(p.is_error for p in problems):
        problems += run_checks(context, settled=True)
    problems = sorted(set(problems))
    model = (
        None
        if any(p.is_error for p in problems)
        else partial(build, records, schemas.vocabulary, loaded.archives)
    )
    checked = [relative(p, root) for p in files.records + files.archives + files.pages]
    checked += sorted({p.path for p in files.problems})
    if only is not None:
        problems = [p for p in problems if _selected(p.path, only)]
        checked = [c for c in checked if _selected(c, only)]
    return Result(problems, len(checked), model)


def _selected(path: str, only: list[str]) -> bool:
    return any(path == o or path.startswith(o.rstrip("/") + "/") for o in only)
