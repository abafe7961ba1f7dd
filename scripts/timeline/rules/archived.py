"""The rules on the archived texts as files: every source has its text and every text its
source, byte for byte the text its record pins, and its lists of lines name lines it has."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..data.archives import ArchivedText, not_article_lines
from ..data.files import relative
from ..data.problems import Example, Problem, Rule
from ..data.records import SOURCE, Record
from .index import Context

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


def orphan_texts(context: Context) -> Iterator[Problem]:
    """Texts that no source record describes (read or not)."""
    sources = {r.stem for r in context.records if r.kind is SOURCE}
    for path in context.archive_paths:
        if path.stem not in sources:
            yield ORPHAN_ARCHIVE.problem(
                relative(path, context.root),
                1,
                1,
                f"no sources/{path.stem}.yml describes this text; add one or remove the text",
            )


def pins_and_lines(context: Context) -> Iterator[Problem]:
    """Each text read against its record: the pin, and the lines not_article and not_carried name."""
    for record in context.records:
        if record.kind is SOURCE and (text := context.texts.get(record.stem)) is not None:
            yield from check_pin(record, text)
            for key in ("not_article", "not_carried"):
                yield from not_article_lines(record, text.line_count, key)[1]


def check_pin(record: Record, text: ArchivedText) -> list[Problem]:
    """The text must be byte for byte the one whose SHA-256 the record pins."""
    pinned, actual = record.data.get("archive_sha256"), text.sha256
    if not isinstance(pinned, str) or not _SHA256.fullmatch(pinned) or pinned == actual:
        return []  # a missing or malformed pin is the schema's to report
    return [
        record.doc.problem(
            ("archive_sha256",),
            ARCHIVE_CHANGED,
            f"{text.shown} is not the text this record pins (its SHA-256 is {actual}); an archived "
            "text stays as captured: restore it, or, once a maintainer has checked the new text "
            "against the published article, set archive_sha256 to the new value",
        )
    ]


def missing_texts(context: Context) -> list[Problem]:
    """Sources without a text (a link or an odd name in its place was reported already)."""
    return [
        record.doc.problem(
            ("id",),
            MISSING_ARCHIVE,
            f"the archived text sources/{record.stem}.txt is missing; add the article's text "
            "as captured, so that quotes can be checked",
        )
        for record in context.records
        if record.kind is SOURCE and not _present(context.root / "sources" / f"{record.stem}.txt")
    ]


def _present(path: Path) -> bool:
    return path.exists() or path.is_symlink()
