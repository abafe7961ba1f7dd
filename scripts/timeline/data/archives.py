"""The archived article texts, read and cut down to the article body.

A quote is only as good as the text it is checked against. So each source record pins
its text's SHA-256 (rules.archived refuses a changed text until a maintainer confirms
it), and says which lines are not the article (captions, "Advertisement", other stories'
headlines), so that no quote can be taken from them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .files import MAX_ARCHIVE_BYTES, read_limited, relative
from .problems import Problem
from .quotes import Archive
from .reading_rules import ENCODING
from .records import PLACEHOLDER_LEFT, SOURCE, Record, is_placeholder
from .schema_errors import BAD_LINES

_SHA256 = re.compile(r"[0-9a-f]{64}")
_LINES = re.compile(r"([0-9]{1,7})(?:-([0-9]{1,7}))?")


def sha256(raw: bytes) -> str:
    """The archive's fingerprint, over its bytes exactly as stored."""
    return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class ArchivedText:
    """What the rules check of a source's text besides its words: its path as shown, the
    SHA-256 of its bytes and its number of lines."""

    shown: str
    sha256: str
    line_count: int


@dataclass(frozen=True)
class Loaded:
    archives: Mapping[str, Archive]  # by source id: each text that has its record, in segments
    texts: Mapping[str, ArchivedText]  # by source id, for the same texts
    problems: list[Problem]  # what kept a text from being read: its size, its kind, its encoding


def load_archives(root: Path, files: list[Path], records: list[Record]) -> Loaded:
    """Read each source's text and split it into article-body segments, leaving out the
    lines its record lists under not_article (rules.archived checks the rest)."""
    sources = {r.stem: r for r in records if r.kind is SOURCE}
    archives: dict[str, Archive] = {}
    texts: dict[str, ArchivedText] = {}
    problems: list[Problem] = []
    for path in files:
        shown = relative(path, root)
        raw, read_problems = read_limited(
            path, shown, MAX_ARCHIVE_BYTES, "an article's text is far smaller: keep the article alone"
        )
        problems += read_problems
        if raw is None:
            continue
        text, text_problems = _text(raw, shown)
        problems += text_problems
        record = sources.get(path.stem)
        if record is None or text is None:
            continue
        line_count = _line_count(text)
        archives[path.stem] = Archive.of(text, not_article_lines(record, line_count)[0])
        texts[path.stem] = ArchivedText(shown, sha256(raw), line_count)
    return Loaded(archives, texts, problems)


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
