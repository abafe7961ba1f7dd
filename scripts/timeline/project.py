"""One run over a project folder: find the files, load, check, and build the model.

This is the only entry point the command line and the site build need:
``validate(root)`` returns every problem, and the model when there are none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .archives import load_archives
from .check import check_records
from .files import discover, read_limited, relative
from .load import MAX_BYTES, load_bytes
from .model import Dataset, build
from .problems import Problem
from .records import Record, kind_of
from .rules import story_warnings
from .schema import SchemaChecker


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
    records: list[Record] = []
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
        records.append(Record(kind, doc, raw.split(b"\n", 1)[0].decode("utf-8"), failed))
    return records, problems


def validate(root: Path, only: list[str] | None = None, today: dt.date | None = None) -> Result:
    """Check every data file under root; report problems in `only` (relative paths) if given.

    today is the build date (UTC by default): no source can be published after it.
    """
    root = root.resolve()
    schemas = SchemaChecker(root / "schemas")
    files = discover(root, schemas.id_pattern)
    records, load_problems = _load_records(root, files.records, schemas)
    loaded = load_archives(root, files.archives, records)
    today = today or dt.datetime.now(dt.UTC).date()
    problems = files.problems + load_problems + loaded.problems
    problems += check_records(records, loaded.archives, today)
    if not any(p.is_error for p in problems):
        problems += story_warnings(records)
    problems = sorted(set(problems))
    dataset = None if any(p.is_error for p in problems) else build(records, schemas.vocabulary)
    checked = [relative(p, root) for p in files.records + files.archives]
    checked += sorted({p.path for p in files.problems})
    if only is not None:
        problems = [p for p in problems if _selected(p.path, only)]
        checked = [c for c in checked if _selected(c, only)]
    return Result(problems, len(checked), dataset)


def _selected(path: str, only: list[str]) -> bool:
    return any(path == o or path.startswith(o.rstrip("/") + "/") for o in only)
