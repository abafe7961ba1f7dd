"""Properties of a project's content that every correct contribution keeps, as functions of
its data and its built site: tests/test_content.py applies them to the real data, and
tests/test_contribution.py to a copy with a contribution added."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any

from timeline.contrib.scaffold import id_date
from timeline.data.dates import parse_date
from timeline.data.model import Dataset
from timeline.data.paths import INDEX_FOLDER


def ids_with_unsupported_dates(data: Dataset) -> list[str]:
    """Events whose id starts with a day, month or year that not every possible day of their
    date falls in (an id starts with the date its date supports, or with none)."""
    wrong = []
    for event in data.events:
        prefix = re.match(r"[0-9]{4}(?:-[0-9]{2}){0,2}(?=-)", event.id)
        if (prefix[0] if prefix else "") != id_date(event.date.text):
            wrong.append(event.id)
        elif prefix:
            named = parse_date(prefix[0])
            if not named.earliest <= event.date.earliest or not event.date.latest <= named.latest:
                wrong.append(event.id)
    return wrong


def unreachable_events(data: Dataset, site: Path) -> dict[str, list[str]]:
    """Where each event cannot be found on a built site: the timeline, the data export, search."""
    timeline = "".join(p.read_text(encoding="utf-8") for p in (site / "timeline").rglob("index.html"))
    exported = {e["id"] for e in json.loads((site / "data" / "events.json").read_text())["events"]}
    searchable = {anchor for fragment in search_fragments(site) for anchor in fragment["anchors"]}
    missing: dict[str, list[str]] = {}
    for event in data.events:
        where = [
            name
            for name, found in (
                ("timeline", f'id="{event.id}"' in timeline),
                ("events.json", event.id in exported),
                ("search", event.id in searchable),
            )
            if not found
        ]
        if where:
            missing[event.id] = where
    return missing


def search_fragments(site: Path) -> list[dict[str, Any]]:
    """Each page's record in Pagefind's index: its address, its text and the ids of its
    anchors, as a reader's search finds them (gzip, then "pagefind_dcd" and the JSON)."""
    fragments = []
    for path in sorted((site / INDEX_FOLDER / "fragment").iterdir()):
        raw = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        fragment = json.loads(raw)
        fragments.append({**fragment, "anchors": [a["id"] for a in fragment.get("anchors", [])]})
    return fragments
