"""Where each page of the site goes, how pages link to each other, and what an output is.

Links are relative Markdown links between .md source paths, so that the site generator
checks them and makes them work under any sub-path.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from .vocabulary import TOPIC

HOME = "index.md"
TIMELINE = "timeline.md"
FIGURES = "figures.md"
DISAGREEMENTS = "figures/disagreements.md"  # when the figures page is split
TOPICS_INDEX = "topics/index.md"
ENTITIES_INDEX = "entities/index.md"
SOURCES_INDEX = "sources/index.md"
INDEX_FOLDER = "pagefind"  # where Pagefind writes the search index in the site (its default)


EVENTS_FOLDER = "events"  # each event's own page: events/<id>.md
SHARE_FOLDER = "assets/share"  # each page's share card (og:image), drawn by the build

# The first part of the path of everything the site generates from the data: its pages,
# their continuations (timeline/2023.md, figures/measure/…, entities/<id>/2.md), the
# events' own pages, the timeline's maps (timeline/pages/) and the exports (data/,
# feed.xml, events.ics) and the share cards (assets/share/).
GENERATED = frozenset(
    {
        TIMELINE,
        FIGURES,
        TIMELINE.removesuffix(".md"),
        FIGURES.removesuffix(".md"),
        EVENTS_FOLDER,
        SHARE_FOLDER,
    }
    | {index.partition("/")[0] for index in (TOPICS_INDEX, ENTITIES_INDEX, SOURCES_INDEX)}
    | {"data", "feed.xml", "events.ics"}
)


def address_name(path: str) -> str:
    """The name that a path's first part gives its address on the site, in lower case (as
    on a file system that ignores letter case): timeline for timeline.md, timeline/2023.md
    and timeline.json alike."""
    return path.partition("/")[0].partition(".")[0].lower()


def is_generated(path: str) -> bool:
    """Whether the site may generate a file whose address starts as path's (relative to
    docs/) does, whatever the data: a hand-written page there would replace it, be
    replaced, or land in its folder."""
    return address_name(path) in {address_name(generated) for generated in GENERATED}


@dataclass(frozen=True)
class Output:
    """One file of the site: its path, its content, and the data file behind it (for edit links)."""

    path: str
    content: str | bytes
    data_file: str | None = None


def entity_page(entity_id: str, kind: str) -> str:
    return f"{'topics' if kind == TOPIC else 'entities'}/{entity_id}.md"


def event_page(event_id: str) -> str:
    """An event's own page, with everything about it: the timeline links each entry there."""
    return f"{EVENTS_FOLDER}/{event_id}.md"


def page_address(page: str) -> str:
    """A page's address from the site's root, as MkDocs serves it (directory URLs):
    events/x.md -> events/x/, index.md -> the root."""
    folder = page.removesuffix(".md").removesuffix("index")
    return folder if not folder or folder.endswith("/") else folder + "/"


# Each page's share card, the picture a link preview shows: under the theme's assets/,
# where the validator keeps hand-written pages out.


def share_image(page: str) -> str:
    """A page's share card: assets/share/events/x.png for events/x.md, assets/share/index.png
    for the home page (named after the page's address, as the theme knows only that)."""
    return f"{SHARE_FOLDER}/{page_address(page).rstrip('/') or 'index'}.png"


def source_page(source_id: str) -> str:
    return f"sources/{source_id}.md"


CONFIRMATION_ANCHOR = "confirmation"  # the source page's section on whether its text was confirmed


def measure_page(measure: str) -> str:
    """A measure's own page of figures, when the figures page is split."""
    return f"figures/measure/{measure}.md"


def page_paths(first: str, count: int) -> list[str]:
    """The pages of a long list: the first page, then first/2.md, first/3.md, …"""
    return [first, *(f"{first.removesuffix('.md')}/{n}.md" for n in range(2, count + 1))]


def link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A relative link between two pages' source paths, as Markdown expects."""
    target = relative(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


@lru_cache(maxsize=1 << 16)
def relative(path: str, start: str) -> str:
    """posixpath.relpath(path, start), worked out from the two paths' parts alone when
    neither starts at the root or climbs ("..").

    relpath asks the system for the working directory twice a call, and a build of a few
    thousand events makes tens of thousands of links, most of them more than once (from
    each page of a folder to the same page)."""
    to, base = _parts(path), _parts(start)
    if to is None or base is None:
        return posixpath.relpath(path, start)
    common = len(posixpath.commonprefix([to, base]))
    return "/".join([posixpath.pardir] * (len(base) - common) + to[common:]) or posixpath.curdir


def _parts(path: str) -> list[str] | None:
    """A relative path's folders and name, as relpath sees them (None: leave it to relpath)."""
    if not path or path.startswith("/"):
        return None
    parts = [part for part in path.split("/") if part not in ("", posixpath.curdir)]
    return None if posixpath.pardir in parts else parts
