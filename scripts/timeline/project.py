"""One run over a project folder: find the files, load, check, and build the model.

This is the only entry point the command line and the site build need:
``validate(root)`` returns every problem, and the model when there are none.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .check import check_records
from .load import load_bytes
from .model import Dataset, build
from .problems import Problem
from .quotes import normalise
from .records import KINDS, SOURCE, Record, is_placeholder, kind_of
from .schema import SchemaChecker


@dataclass(frozen=True)
class Result:
    problems: list[Problem]
    files_checked: int
    dataset: Dataset | None  # None when any problem was found anywhere in the project

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class _Files:
    records: list[Path]
    archives: list[Path]
    misnamed: list[Path]


def _discover(root: Path) -> _Files:
    """Data files by folder: *.yml records, sources/*.txt archives, and misnamed *.yaml."""
    found = _Files([], [], [])
    for kind in KINDS:
        folder = root / kind.folder
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            if path.name.startswith("."):
                continue
            if path.suffix == ".yml":
                found.records.append(path)
            elif path.suffix == ".yaml":
                found.misnamed.append(path)
            elif path.suffix == ".txt" and kind is SOURCE:
                found.archives.append(path)
    return found


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _read_each(root: Path, files: list[Path], problems: list[Problem]) -> Iterator[tuple[Path, str, bytes]]:
    """Each readable file with the path shown to people; an unreadable one is a problem."""
    for path in files:
        shown = _relative(path, root)
        try:
            yield path, shown, path.read_bytes()
        except OSError as err:
            problems.append(Problem(shown, 1, 1, "unreadable", f"cannot read the file ({err.strerror})"))


def _load_records(
    root: Path, files: list[Path], schemas: SchemaChecker
) -> tuple[list[Record], list[Problem]]:
    records: list[Record] = []
    problems: list[Problem] = []
    for _, shown, raw in _read_each(root, files, problems):
        doc, load_problems = load_bytes(raw, shown)
        problems += load_problems
        if doc is None:
            continue
        kind = kind_of(shown)
        record = Record(kind, doc, raw.split(b"\n", 1)[0].decode("utf-8"))
        problems += schemas.check(kind, doc)
        records.append(record)
    return records, problems


def _load_archives(
    root: Path, files: list[Path], records: list[Record]
) -> tuple[dict[str, str], list[Problem]]:
    """Normalised archived texts by source id, and problems with missing or stray ones."""
    archives: dict[str, str] = {}
    problems: list[Problem] = []
    for path, shown, raw in _read_each(root, files, problems):
        try:
            archives[path.stem] = normalise(raw.decode("utf-8"))
            if is_placeholder(archives[path.stem]):
                problems.append(
                    Problem(
                        shown,
                        1,
                        1,
                        "placeholder",
                        "paste the article's text, as captured, over the placeholder",
                    )
                )
        except UnicodeDecodeError:
            problems.append(
                Problem(shown, 1, 1, "encoding", "the archived text is not UTF-8; save it as UTF-8")
            )
    source_ids = {r.stem for r in records if r.kind is SOURCE}
    for path in files:
        if path.stem not in source_ids:
            problems.append(
                Problem(
                    _relative(path, root),
                    1,
                    1,
                    "orphan-archive",
                    f"no sources/{path.stem}.yml describes this text; add one or remove the text",
                )
            )
    for record in records:
        if (
            record.kind is SOURCE
            and record.stem not in archives
            and not any(p.path == f"sources/{record.stem}.txt" for p in problems)
        ):
            problems.append(
                record.doc.problem(
                    ("id",),
                    "missing-archive",
                    f"the archived text sources/{record.stem}.txt is missing; add the article's text "
                    "as captured, so that quotes can be checked",
                )
            )
    return archives, problems


def validate(root: Path, only: list[str] | None = None) -> Result:
    """Check every data file under root; report problems in `only` (relative paths) if given."""
    root = root.resolve()
    schemas = SchemaChecker(root / "schemas")
    files = _discover(root)
    problems = [
        Problem(_relative(p, root), 1, 1, "file-name", f"data files end in .yml; rename it to {p.stem}.yml")
        for p in files.misnamed
    ]
    records, load_problems = _load_records(root, files.records, schemas)
    archives, archive_problems = _load_archives(root, files.archives, records)
    problems += load_problems + archive_problems + check_records(records, archives)
    problems = sorted(set(problems))
    dataset = None if problems else build(records)
    checked = [_relative(p, root) for p in files.records + files.archives + files.misnamed]
    if only is not None:
        problems = [p for p in problems if _selected(p.path, only)]
        checked = [c for c in checked if _selected(c, only)]
    return Result(problems, len(checked), dataset)


def _selected(path: str, only: list[str]) -> bool:
    return any(path == o or path.startswith(o.rstrip("/") + "/") for o in only)
