"""One run over a project folder: find the files, load, check, and build the model.

This is the only entry point the command line and the site build need:
``validate(root)`` returns every problem, and the model when there are none.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..data.archives import load_archives
from ..data.files import discover, read_record, relative
from ..data.model import Dataset, build
from ..data.problems import Problem
from ..data.records import Record, kind_of
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


def _load_records(
    root: Path, files: list[Path], schemas: SchemaChecker
) -> tuple[list[Record], list[Problem]]:
    """Each file read, loaded and checked against its schema: the records, and the problems."""
    records: list[Record] = []
    problems: list[Problem] = []
    for path in files:
        shown = relative(path, root)
        doc, first_line, read_problems = read_record(path, shown)
        problems += read_problems
        kind = kind_of(shown)  # always known: discovery lists the data folders' files only
        if doc is None or kind is None:
            continue
        schema_problems, failed = schemas.check(kind, doc)
        problems += schema_problems
        records.append(Record(kind, doc, first_line, failed))
    return records, problems


def validate(root: Path, only: list[str] | None = None, today: dt.date | None = None) -> Result:
    """Check every data file under root; report problems in `only` (relative paths) if given.

    today is the build date (UTC by default): no source can be published after it.
    """
    with _no_cycle_collection():
        return _validate(root.resolve(), only, today)


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
    dataset = (
        None if any(p.is_error for p in problems) else build(records, schemas.vocabulary, loaded.archives)
    )
    checked = [relative(p, root) for p in files.records + files.archives + files.pages]
    checked += sorted({p.path for p in files.problems})
    if only is not None:
        problems = [p for p in problems if _selected(p.path, only)]
        checked = [c for c in checked if _selected(c, only)]
    return Result(problems, len(checked), dataset)


def _selected(path: str, only: list[str]) -> bool:
    return any(path == o or path.startswith(o.rstrip("/") + "/") for o in only)
