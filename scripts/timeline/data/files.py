"""Which files a project holds, and reading them without trusting them.

A data folder holds exactly the files the project reads: a file it would skip (a
sub-folder, ``.YML``, a name that is not an id) is reported, never ignored, so that
"0 errors" means every file was read. Links are refused everywhere the build reads,
``docs/`` included: a link can point anywhere on the machine that builds the site.
Sizes are checked before reading, and no read goes past the limit.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .load import MAX_BYTES, Document, load_bytes
from .problems import Problem
from .reading_rules import FILE_NAME, FILE_TOO_LARGE, NOT_A_REGULAR_FILE, UNEXPECTED_FILE, UNREADABLE
from .records import KINDS, SOURCE, Kind

DOCS = "docs"
THEME = "overrides"  # the theme's own files, which mkdocs.yml's custom_dir names
FOLDER_NOTES = "README.md"  # each data folder may explain itself
MAX_ARCHIVE_BYTES = 2 * 1024 * 1024  # an article's text is some kilobytes
LINK = (
    "this is a symbolic link; the build reads only files kept in the repository: "
    "replace the link with the file itself"
)
SPECIAL = "this is not a regular file (a device, socket or pipe); remove it"


@dataclass
class Files:
    """The files to read, by role, and the problems found while listing them."""

    records: list[Path] = field(default_factory=list)
    archives: list[Path] = field(default_factory=list)
    pages: list[Path] = field(default_factory=list)  # the hand-written pages in docs/
    problems: list[Problem] = field(default_factory=list)


def discover(root: Path, id_pattern: str) -> Files:
    """Every record and archived text under root; a problem for anything unexpected."""
    found = Files()
    is_id = re.compile(id_pattern)
    for kind in KINDS:
        folder = root / kind.folder
        if _refuse_link(root, folder, found.problems) or not folder.is_dir():
            continue
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            _classify_entry(root, kind, entry, is_id, found)
    docs = root / DOCS
    if not _refuse_link(root, docs, found.problems) and docs.is_dir():
        for folder_name, folders, names in os.walk(docs):  # does not follow links
            for name in sorted(folders + names):
                path = Path(folder_name) / name
                if not _refuse_link(root, path, found.problems) and not _refuse_special(
                    root, path, found.problems
                ):
                    _classify_page(root, path, found)
    return found


def _classify_page(root: Path, path: Path, found: Files) -> None:
    """A page, or a problem: docs/ holds only Markdown pages. Anything else there (a
    script, a style sheet, an image, a template) would be published as is, and at a path
    the theme uses it would replace the theme's own file on every page."""
    if path.is_dir():
        return
    if path.suffix == ".md":
        found.pages.append(path)
        return
    shown = relative(path, root)
    theirs = Path(THEME, *path.relative_to(root / DOCS).parts)
    clash = f"; it would replace the theme's {theirs.as_posix()}" if (root / theirs).is_file() else ""
    found.problems.append(
        UNEXPECTED_FILE.problem(
            shown,
            1,
            1,
            f"{DOCS}/ holds only .md pages{clash}: a script, style sheet, image or template "
            f"belongs in {THEME}/, which a code owner reviews; move or remove this file",
        )
    )


def _classify_entry(
    root: Path, kind: Kind, entry: os.DirEntry[str], is_id: re.Pattern[str], found: Files
) -> None:
    """A data folder's entry filed as a record or an archived text, or a problem naming the fix.

    Long because it asks the entry one question after another, each answered from what the
    folder listing already says of it (its type spares a system call per question, three
    for each of a large project's files), and each wrong answer is a problem of its own.
    """
    problems, path = found.problems, Path(entry.path)
    if entry.is_symlink():
        problems.append(_not_regular(root, path, LINK))
        return
    if not (entry.is_file(follow_symlinks=False) or entry.is_dir(follow_symlinks=False)):
        problems.append(_not_regular(root, path, SPECIAL))
        return
    shown = relative(path, root)
    if entry.is_dir(follow_symlinks=False):
        problems.append(
            UNEXPECTED_FILE.problem(
                shown, 1, 1, f"sub-folders are not read; move its files into {kind.folder}/"
            )
        )
        return
    if path.name == FOLDER_NOTES:
        return
    stem, _, extension = path.name.rpartition(".")
    expected = "<id>.yml records and <id>.txt archived texts" if kind is SOURCE else "<id>.yml records"
    if extension == "yml" or (extension == "txt" and kind is SOURCE):
        if is_id.fullmatch(stem):
            (found.records if extension == "yml" else found.archives).append(path)
        else:
            problems.append(
                FILE_NAME.problem(
                    shown,
                    1,
                    1,
                    f"'{stem}' is not an id, so the file would not be read; name it with lower-case "
                    "letters, digits and single hyphens, e.g. 'ming-xuechang.yml'",
                )
            )
    elif extension.lower() in ("yml", "yaml"):
        problems.append(FILE_NAME.problem(shown, 1, 1, f"data files end in .yml; rename it to {stem}.yml"))
    else:
        problems.append(
            UNEXPECTED_FILE.problem(
                shown,
                1,
                1,
                f"{kind.folder}/ holds only {expected} (and {FOLDER_NOTES}); move or remove this file",
            )
        )


def _refuse_link(root: Path, path: Path, problems: list[Problem]) -> bool:
    if not path.is_symlink():
        return False
    problems.append(_not_regular(root, path, LINK))
    return True


def _refuse_special(root: Path, path: Path, problems: list[Problem]) -> bool:
    mode = path.lstat().st_mode
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return False
    problems.append(_not_regular(root, path, SPECIAL))
    return True


def _not_regular(root: Path, path: Path, message: str) -> Problem:
    return NOT_A_REGULAR_FILE.problem(relative(path, root), 1, 1, message)


def find_project(start: Path) -> Path | None:
    """The project folder start is in: the nearest folder upwards that has schemas/ and events/."""
    for folder in [start, *start.parents]:
        if (folder / "schemas").is_dir() and (folder / "events").is_dir():
            return folder
    return None


def relative(path: Path, root: Path) -> str:
    # The common case by string slicing: pathlib's relative_to costs more than reading a
    # small file, and every file of a project is shown this way. A Path's text is already
    # normalised, and so is any tail of it after a separator.
    text, base = str(path), str(root)
    if os.sep == "/" and base != "/" and len(text) > len(base) + 1 and text.startswith(base + "/"):
        return text[len(base) + 1 :]
    return path.relative_to(root).as_posix()


def read_limited(path: Path, shown: str, limit: int, what: str) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or a problem: checked to be a regular file under limit before reading."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            return None, [NOT_A_REGULAR_FILE.problem(shown, 1, 1, "this is not a regular file; replace it")]
        if info.st_size > limit:
            return None, [_too_large(shown, info.st_size, limit, what)]
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            raw = _read_up_to(fd, limit + 1, info.st_size + 1)
        finally:
            os.close(fd)
    except OSError as err:
        return None, [UNREADABLE.problem(shown, 1, 1, f"cannot read the file ({err.strerror})")]
    if len(raw) > limit:
        return None, [_too_large(shown, len(raw), limit, what)]
    return raw, []


def read_record(path: Path, shown: str) -> tuple[Document | None, str, list[Problem]]:
    """A record's file read (no further than MAX_BYTES) and loaded: its document (None when
    it cannot be read or loaded), its first line (where the modeline belongs) and its
    problems. Every command that reads records reads them here (the validator in its two
    steps, read_record_bytes and load_record, to skip loading a file it loaded before)."""
    raw, problems = read_record_bytes(path, shown)
    if raw is None:
        return None, "", problems
    document, first_line, load_problems = load_record(raw, shown)
    return document, first_line, problems + load_problems


def read_record_bytes(path: Path, shown: str) -> tuple[bytes | None, list[Problem]]:
    """A record's file as bytes, no further than MAX_BYTES (None when it cannot be read)."""
    return read_limited(path, shown, MAX_BYTES, "one record per file keeps each file small")


def load_record(raw: bytes, shown: str) -> tuple[Document | None, str, list[Problem]]:
    """A record's bytes loaded: its document (None when they cannot be), its first line and
    the problems of loading it."""
    document, problems = load_bytes(raw, shown)
    if document is None:
        return None, "", problems
    end = raw.find(b"\n")
    return document, raw[: end if end >= 0 else len(raw)].decode("utf-8"), problems


def _read_up_to(fd: int, most: int, expected: int) -> bytes:
    """At most `most` bytes. The size the file was listed with (plus one byte, to see its
    end) is asked for first: asking for the largest size allowed would cost every small
    file a buffer of that size. A file that grew meanwhile is read on in small pieces."""
    chunks: list[bytes] = []
    left, ask = most, min(most, max(expected, 1))
    while left > 0:
        chunk = os.read(fd, ask)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
        ask = min(left, 64 * 1024)
    return b"".join(chunks)


def _too_large(shown: str, size: int, limit: int, what: str) -> Problem:
    return FILE_TOO_LARGE.problem(
        shown, 1, 1, f"the file is {size:,} bytes, over the limit of {limit:,}; {what}"
    )
