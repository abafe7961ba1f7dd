"""The archived article texts: pinned by their SHA-256, and cut down to the article body.

A quote is only as good as the text it is checked against. So each source record pins
its text's SHA-256 (a changed archive fails until a maintainer confirms the new text
and its hash), and says which lines are not the article (captions, "Advertisement",
other stories' headlines), so that no quote can be taken from them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .files import MAX_ARCHIVE_BYTES, read_limited, relative
from .problems import Example, Problem, Rule
from .quotes import Archive
from .reading_rules import ENCODING
from .records import PLACEHOLDER_LEFT, SOURCE, Record, is_placeholder
from .schema_errors import BAD_LINES

MISSING_ARCHIVE = Rule(
    "missing-archive",
    "error",
    "every source record has its archived text, sources/<id>.txt",
    "add the article's text as captured",
    fails=(Example("bad/missing-archive"),),
)

ORPHAN_ARCHIVE = Rule(
    "orphan-archive",
    "error",
    "every archived text has its source record",
    "add sources/<id>.yml, or remove the text",
    fails=(Example("bad/orphan-archive"),),
)

ARCHIVE_CHANGED = Rule(
    "archive-changed",
    "error",
    "an archived text is byte for byte the one whose SHA-256 its record pins",
    "restore the text; a maintainer who checked a new text sets the new pin",
    fails=(Example("fabricated/edited-archive"),),
)

_SHA256 = re.compile(r"[0-9a-f]{64}")
_LINES = re.compile(r"([0-9]{1,7})(?:-([0-9]{1,7}))?")


def sha256(raw: bytes) -> str:
    """The archive's fingerprint, over its bytes exactly as stored."""
    return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class Loaded:
    archives: Mapping[str, Archive]  # by source id
    problems: list[Problem]


def load_archives(root: Path, files: list[Path], records: list[Record]) -> Loaded:
    """Read each source's text, check its pin, and split it into article-body segments."""
    sources = {r.stem: r for r in records if r.kind is SOURCE}
    archives: dict[str, Archive] = {}
    problems: list[Problem] = []
    for path in files:
        shown = relative(path, root)
        raw, read_problems = read_limited(
            path, shown, MAX_ARCHIVE_BYTES, "an article's text is far smaller: keep the article alone"
        )
        problems += read_problems
        record = sources.get(path.stem)
        if record is None:
            problems.append(
                ORPHAN_ARCHIVE.problem(
                    shown, 1, 1, f"no sources/{path.stem}.yml describes this text; add one or remove the text"
                )
            )
        if raw is None:
            continue
        text, text_problems = _text(raw, shown)
        problems += text_problems
        if record is None or text is None:
            continue
        problems += check_pin(record, raw, shown)
        excluded, line_problems = not_article_lines(record, _line_count(text))
        problems += line_problems + not_article_lines(record, _line_count(text), "not_carried")[1]
        archives[path.stem] = Archive.of(text, excluded)
    problems += _missing(root, records)
    return Loaded(archives, problems)


def _text(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """An archive's text, None when it is not UTF-8; a problem too if it is still the placeholder."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, [ENCODING.problem(shown, 1, 1, "the archived text is not UTF-8; save it as UTF-8")]
    if is_placeholder(text.strip()):
        message = "paste the article's text, as captured, over the placeholder"
        return text, [PLACEHOLDER_LEFT.problem(shown, 1, 1, message)]
    return text, []


def _line_count(text: str) -> int:
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def check_pin(record: Record, raw: bytes, shown: str) -> list[Problem]:
    """The text must be byte for byte the one whose SHA-256 the record pins."""
    pinned, actual = record.data.get("archive_sha256"), sha256(raw)
    if not isinstance(pinned, str) or not _SHA256.fullmatch(pinned) or pinned == actual:
        return []  # a missing or malformed pin is the schema's to report
    return [
        record.doc.problem(
            ("archive_sha256",),
            ARCHIVE_CHANGED,
            f"{shown} is not the text this record pins (its SHA-256 is {actual}); an archived "
            "text stays as captured: restore it, or, once a maintainer has checked the new text "
            "against the published article, set archive_sha256 to the new value",
        )
    ]


def not_article_lines(
    record: Record, line_count: int, key: str = "not_article"
) -> tuple[set[int], list[Problem]]:
    """The line numbers the record lists under key (not part of the article, or of the
    body but not carried), and mistakes in them."""
    excluded: set[int] = set()
    problems: list[Problem] = []
    items = record.data.get(key)
    for i, item in enumerate(items if isinstance(items, list) else []):
        span = line_span(item.get("lines") if isinstance(item, dict) else None)
        if span is None:
            continue  # the schema reports the notation
        first, last = span
        where = (key, i, "lines")
        if first < 1 or last < first:
            problems.append(
                record.doc.problem(where, BAD_LINES, f"lines {first}-{last}: write the lower number first")
            )
        elif last > line_count:
            problems.append(
                record.doc.problem(
                    where,
                    BAD_LINES,
                    f"line {last} is past the end of sources/{record.stem}.txt, which has {line_count} lines",
                )
            )
        elif overlap := excluded.intersection(range(first, last + 1)):
            problems.append(
                record.doc.problem(
                    where, BAD_LINES, f"line {min(overlap)} is already listed above; list each line once"
                )
            )
        else:
            excluded.update(range(first, last + 1))
    return excluded, problems


def listed_lines(spans: Iterable[Any]) -> set[int]:
    """Every line number a checked record's not_article spans cover ('25-44', 7)."""
    lines: set[int] = set()
    for value in spans:
        first, last = line_span(value) or (0, -1)
        lines.update(range(first, last + 1))
    return lines


def line_span(value: Any) -> tuple[int, int] | None:
    """'25-44' -> (25, 44); 7 or '7' -> (7, 7); None when not in that notation."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value, value
    match = _LINES.fullmatch(value) if isinstance(value, str) else None
    if not match:
        return None
    first = int(match[1])
    return first, int(match[2] or first)


def _missing(root: Path, records: list[Record]) -> list[Problem]:
    """Sources without a text (a link or an odd name in its place was reported already)."""
    return [
        record.doc.problem(
            ("id",),
            MISSING_ARCHIVE,
            f"the archived text sources/{record.stem}.txt is missing; add the article's text "
            "as captured, so that quotes can be checked",
        )
        for record in records
        if record.kind is SOURCE and not _present(root / "sources" / f"{record.stem}.txt")
    ]


def _present(path: Path) -> bool:
    return path.exists() or path.is_symlink()
