"""Generated projects for timing the validator: N events of one shape, and hostile files.

Each hostile case is added to a small valid project; tests/test_bounded.py bounds the
validator's time and problems on them, and `timeline benchmark --hostile` prints them.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from timeline.data import records
from timeline.data.files import MAX_ARCHIVE_BYTES
from timeline.rules.project import Result, validate

SOURCE = (
    records.SOURCE.modeline
    + """
id: wire
title: A wire story
publisher: A wire service
author: null
published: "2024-01-05"
published_basis: stated in the text
url: https://example.org/wire
archive_sha256: {sha}
notes: []
"""
)
TOPIC = (
    records.ENTITY.modeline
    + """
id: topic
name: A topic
kind: topic
summary: The wire service said many suspects were handed over.
citations:
  - source: wire
    quote: suspects were handed over
"""
)
EVENT = (
    records.EVENT.modeline
    + """
id: event-{n}
title: Event number {n}
date: "2023-{month:02d}-{day:02d}"
date_basis: generated
summary: The wire service said {n} suspects were handed over.
topics: [topic]
entities: []
figures:
  - measure: suspects-handed-over
    value: {n}
    qualifier: exactly
    unit: suspects
    source: wire
    quote: "{n} suspects were handed over"
citations:
  - source: wire
    quote: suspects were handed over
"""
)


def make_project(folder: Path, events: int, schemas: Path) -> None:
    """A valid project of `events` generated events, with the given schemas."""
    shutil.copytree(schemas, folder / "schemas")
    for sub in ("events", "entities", "sources"):
        (folder / sub).mkdir()
    numbers = " ".join(f"{n} suspects were handed over." for n in range(events))
    add_source(folder, "wire", numbers)
    (folder / "entities" / "topic.yml").write_text(TOPIC)
    for n in range(events):
        text = EVENT.format(n=n, month=n % 12 + 1, day=n % 28 + 1)
        (folder / "events" / f"event-{n}.yml").write_text(text)


def add_source(folder: Path, source_id: str, text: str) -> None:
    """A source record pinned to its archived text."""
    (folder / "sources" / f"{source_id}.txt").write_text(text)
    sha = hashlib.sha256(text.encode()).hexdigest()
    (folder / "sources" / f"{source_id}.yml").write_text(SOURCE.replace("wire", source_id).format(sha=sha))


# --- hostile files: each is added to a small valid project --------------------------------


def huge_mixed_list(folder: Path) -> None:
    """An event of about 230 KiB whose list holds 40,000 items of mixed types."""
    items = ", ".join(("1", "a", "1.5", "true", "null")[i % 5] for i in range(40_000))
    (folder / "events" / "hostile.yml").write_text(EVENT.format(n=1, month=1, day=1).replace(
        "id: event-1", "id: hostile").replace("entities: []", f"entities: [{items}]"))  # fmt: skip


def many_unknown_references(folder: Path) -> None:
    """3,000 entities that name 38,000 entities that do not exist."""
    for n in range(3_000):
        related = ", ".join(f"missing-{n}-{k}" for k in range(13 if n < 2_000 else 12))
        text = TOPIC.replace("id: topic", f"id: entity-{n}").replace("kind: topic", "kind: group")
        (folder / "entities" / f"entity-{n}.yml").write_text(text + f"related: [{related}]\n")


def huge_archive(folder: Path) -> None:
    """A 95 MB archived text."""
    add_source(folder, "huge", "short")
    with (folder / "sources" / "huge.txt").open("wb") as handle:
        handle.truncate(95_000_000)


def one_word_archive(folder: Path) -> None:
    """A 2 MiB text of one repeated word and one endless token, and quotes that hunt in it."""
    add_source(folder, "words", "a " * 700_000 + "x" * 600_000)
    quotes = "".join(f"  - source: words\n    quote: {q}\n" for q in ["a a b"] * 15 + ["x"] * 14 + ["a"])
    figure = "    source: words\n    quote: a a a\n"
    text = EVENT.format(n=5, month=1, day=1).replace("id: event-5", "id: hunting")
    text = text.replace('    source: wire\n    quote: "5 suspects were handed over"\n', figure)
    (folder / "events" / "hunting.yml").write_text(text.split("citations:")[0] + "citations:\n" + quotes)


def one_token_archive(folder: Path) -> None:
    """A 2 MiB text that is one token, and 30 two-letter quotes that each cut it."""
    add_source(folder, "token", "ab" * (MAX_ARCHIVE_BYTES // 2))
    text = EVENT.format(n=6, month=1, day=1).replace("id: event-6", "id: cutting")
    quotes = "".join("  - source: token\n    quote: ab\n" for _ in range(30))
    (folder / "events" / "cutting.yml").write_text(text.split("citations:")[0] + "citations:\n" + quotes)


def deep_nesting(folder: Path) -> None:
    """A record nested 10,000 levels deep."""
    (folder / "events" / "deep.yml").write_text("a: " + "[" * 10_000 + "]" * 10_000 + "\n")


def bracket_summary(folder: Path) -> None:
    """An event whose summary opens 3,900 square brackets: Markdown would take seconds on it."""
    text = EVENT.format(n=2, month=1, day=1).replace("id: event-2", "id: brackets")
    said = "summary: The wire service said 2 suspects were handed over."
    (folder / "events" / "brackets.yml").write_text(text.replace(said, f"{said} {'[' * 3_900}"))


HOSTILE: dict[str, Callable[[Path], None]] = {
    "a 230 KiB event with a 40,000-item list": huge_mixed_list,
    "3,000 entities with 38,000 unknown references": many_unknown_references,
    "a 95 MB archived text": huge_archive,
    "2 MiB archive of one word, quotes hunting in it": one_word_archive,
    "2 MiB archive of one token, 30 quotes cutting it": one_token_archive,
    "a record nested 10,000 deep": deep_nesting,
    "a summary of 3,900 square brackets": bracket_summary,
}


def time_validation(folder: Path) -> tuple[float, Result]:
    start = time.perf_counter()
    result = validate(folder)
    return time.perf_counter() - start, result


def scale_time(events: int, schemas: Path) -> tuple[int, float]:
    """(files checked, seconds) for a generated project of `events` events."""
    with tempfile.TemporaryDirectory() as tmp:
        make_project(Path(tmp), events, schemas)
        seconds, result = time_validation(Path(tmp))
    if not result.ok:
        raise RuntimeError(f"the generated project does not validate: {result.problems[:3]}")
    return result.files_checked, seconds


def hostile_times(schemas: Path) -> Iterator[tuple[str, float, int]]:
    """(case, seconds, problems found) for each hostile case, added to a small valid project."""
    for name, make in HOSTILE.items():
        with tempfile.TemporaryDirectory() as tmp:
            make_project(Path(tmp), 10, schemas)
            make(Path(tmp))
            seconds, result = time_validation(Path(tmp))
        yield name, seconds, len(result.problems)
