"""The real project at scale: its events copied under new ids until there are N.

The synthetic project measures a site whose shape is chosen; this one measures the real
data's own: the same quotes, references, entities and sources, each event repeated as
`<id>-copy-<k>`. The copies are not key events (editors choose five to eight), and in the
last, partial copy an event relates to no other (the one it names may not be copied).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .synthetic import copy_site

COPY_FOLDERS = ("entities", "sources")  # copied as they are


def real_event_count(real: Path) -> int:
    return len(list((real / "events").glob("*.yml")))


def make_copied_project(folder: Path, events: int, real: Path, cards: bool = True) -> Path:
    """The real project in folder, its events copied until there are `events` of them."""
    originals = sorted((real / "events").glob("*.yml"))
    if events < len(originals):
        raise ValueError(f"the real data has {len(originals)} events: ask for at least as many")
    copy_site(folder, real, cards)
    for part in COPY_FOLDERS:
        shutil.copytree(real / part, folder / part, dirs_exist_ok=True)
    (folder / "events").mkdir(exist_ok=True)
    texts = {path.stem: path.read_text(encoding="utf-8") for path in originals}
    names = "|".join(map(re.escape, sorted(texts, key=len, reverse=True)))  # the longest first
    ids = re.compile(rf"(?<![\w-])({names})(?![\w-])")
    stems = list(texts)
    for n in range(events):
        copy, stem = divmod(n, len(stems))
        text, name = texts[stems[stem]], stems[stem]
        if copy:
            partial = events < (copy + 1) * len(stems)
            text, name = _copy(text, ids, f"-copy-{copy}", partial), f"{name}-copy-{copy}"
        (folder / "events" / f"{name}.yml").write_text(text, encoding="utf-8")
    return folder


def _copy(text: str, ids: re.Pattern[str], suffix: str, partial: bool) -> str:
    """An event's record as copy `suffix`: every event id in it renamed, and not a key event."""
    text = ids.sub(lambda m: m[1] + suffix, text)
    for key in ("key", "label", *(["related_reports"] if partial else [])):
        text = _without(text, key)
    return text


def _without(text: str, key: str) -> str:
    """The record without a top-level key and the lines indented under it."""
    lines, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line[:1] not in (" ", "-", "\n", ""):
            skipping = line.startswith(f"{key}:")
        if not skipping:
            lines.append(line)
    return "".join(lines)
