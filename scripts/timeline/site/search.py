"""The search index: Pagefind, run on the built site, writes it in chunks.

A reader's query downloads the chunks for its words and the fragments of the results it
shows, not the whole index, so a query stays small however large the timeline grows.
Pagefind's Python package ships its binary, so it installs with pip like the rest.

Each event is one search record, its own page (events/<id>/): the pages that list events
leave their entries out of the index, so an event's title finds the event, not a period of
the timeline that mentions it among thirty others.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ..data.model import Dataset
from ..data.paths import Output, entity_page, event_page, page_address

NAMES = "timeline/names.json"  # what an empty search suggests from, in a folder only the build writes

# What the index leaves out on every page: each heading's "¶" permalink, the timeline's
# entries (each event's page is its record), its ordering note, every "Data last
# changed" line (interface text, on every page, that would match every query), the
# links to the previous and next pages in story order and the groups of reports that may
# be of one incident (other records' titles and notes: a page would be found by others'
# words), the disagreements of a topic's or entity's events (each is on its event's
# page, which a search for its accounts finds) and how an event's date was worked out (a
# note on method). Pagefind holds every indexed word in memory until it writes the index,
# about 300 bytes each at its peak: what is not indexed also bounds the build's memory.
# Both engines' builds are indexed here: the Zensical adapter switches off Zensical's own
# index.
NOT_INDEXED = (
    ".headerlink",
    ".tl-event-title",
    ".tl-event",
    ".tl-order",
    ".tl-changed",
    ".tl-neighbours",
    ".tl-basis",
    ".tl-report-group",
    ".tl-disagreements",
)


def index_command(site: Path) -> list[str]:
    """The command that indexes site in place (into site/INDEX_FOLDER/)."""
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--silent",
        "--exclude-selectors",
        ", ".join(NOT_INDEXED),
    ]


def build_search_index(site: Path) -> str | None:
    """Index site in place; a message saying what went wrong, or None."""
    done = subprocess.run(index_command(site), capture_output=True, text=True, check=False)
    if done.returncode:
        return index_failure(done.stderr or done.stdout)
    return None


def index_failure(output: str) -> str:
    """What to say when Pagefind fails, with what it printed."""
    return f"the search index could not be built: {output.strip()}"


def number_forms(value: int) -> tuple[str, ...]:
    """The ways readers write a number: 31000, 31,000 and 31 000, so each finds it."""
    grouped = f"{value:,}"
    return tuple(dict.fromkeys((str(value), grouped, grouped.replace(",", " "))))


def search_names(data: Dataset) -> Output:
    """Every event's title and entity's name with its address from the site's root: a
    search that finds nothing suggests the closest of them, without a second index."""
    pages = [(e.title, event_page(e.id)) for e in data.events]
    pages += [(e.name, entity_page(e.id, e.kind)) for e in data.entities.values()]
    names = [[name, page_address(page)] for name, page in pages]
    return Output(NAMES, json.dumps(names, ensure_ascii=False, separators=(",", ":")))
