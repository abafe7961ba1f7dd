"""The preview's memory of the pages it made, so that a save makes again only what it changed.

A save under the preview mostly changes the words of an event: its title, summary or
details, or the words of a quote. Those words show only on the pages that link to the
event (every list links each event it shows; each event page links its neighbours), so
a part of the site (see pages.Part) that links none of the edited events is kept as it
was made. Anything else (an event's date, topics, entities, sources or figures, an event
added or removed, an entity, a source, a setting) can move events between pages or
change what every page says, and then every part is made again. A turning point's title
labels charts that do not link it, so it counts as anything else.

What the preview converges to is what a full build makes, byte for byte: see
tests/test_dirty_preview.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property

from ..data.model import Event
from ..data.paths import Output
from ..rules.workers import mapped
from .pages import Part
from .views import Context

# A link's target, in Markdown ([text](target)) or in HTML (href="target").
LINK_TARGET = re.compile(r'(?:\]\(|href=")([^)"\s]*)')


@dataclass(frozen=True)
class Made:
    """A part's outputs as last made; which events they link to is worked out when first asked."""

    outputs: tuple[Output, ...]

    @cached_property
    def links(self) -> frozenset[str]:
        """The pages its links lead to, by name (events/x.md: x), and the anchors (#x: x)."""
        found: set[str] = set()
        for output in self.outputs:
            if isinstance(output.content, str):
                for target in LINK_TARGET.findall(output.content):
                    page, _, anchor = target.partition("#")
                    found.update((anchor, page.rpartition("/")[2].removesuffix(".md")))
        return frozenset(found)


@dataclass(frozen=True)
class Memory:
    """What the last build was made from, each part it made, by name, and what it kept."""

    ctx: Context
    parts: dict[str, Made]
    edited: frozenset[str] | None = None  # the events edited since the build before; None: all made again
    cards: Mapping[str, tuple[str, Output]] = field(default_factory=dict)  # see share.kept_cards

    def read_links(self) -> None:
        """Work out now which events each part links to, rather than on the next save."""
        for made in self.parts.values():
            _ = made.links


def remake(
    ctx: Context, parts: Sequence[Part], last: Memory | None, preview: bool = False
) -> tuple[list[Output], Memory]:
    """Every part's outputs, made again unless the last build made it and no edit since
    touches it; and the memory of this build, for the next one. A full build of a large
    project makes its parts in worker processes (see rules/workers.py); the preview makes
    them here, since its saves reuse what that leaves in this process's caches (every
    event's summary rendered: the feed shows them all)."""
    edited = edited_events(last.ctx, ctx) if last else None
    made = {part.name: kept for part in parts if (kept := _kept(part, last, edited)) is not None}
    todo = [part for part in parts if part.name not in made]
    fresh = mapped(lambda part: Made(tuple(part.make())), todo, spread=not preview)
    made.update(zip([part.name for part in todo], fresh, strict=True))
    outputs = [output for part in parts for output in made[part.name].outputs]
    # A part that shows every event is made again at every save: nothing to remember.
    return outputs, Memory(ctx, {p.name: made[p.name] for p in parts if not p.every_event}, edited)


def _kept(part: Part, last: Memory | None, edited: frozenset[str] | None) -> Made | None:
    """The part as the last build made it, if no edit since touches it."""
    kept = last.parts.get(part.name) if last and not part.every_event else None
    if kept is None or edited is None or (kept.links | part.about) & edited:
        return None
    return kept


def edited_events(old: Context, new: Context) -> frozenset[str] | None:
    """The events of which only words changed (see the module's docstring); None when
    anything else changed."""
    if (old.site, old.latest_change) != (new.site, new.latest_change):
        return None
    before, after = old.data, new.data
    if (before.entities, before.sources, before.vocabulary, before.archives) != (
        after.entities,
        after.sources,
        after.vocabulary,
        after.archives,
    ):
        return None
    if list(map(_placing, before.events)) != list(map(_placing, after.events)):
        return None
    return frozenset(e.id for e, was in zip(after.events, before.events, strict=True) if e != was)


def _placing(event: Event) -> tuple[object, ...]:
    """The event without the words that show only where it is linked."""
    if event.key:
        return (event,)
    words = ("title", "summary", "details", "citations")
    quoted = tuple(c.source for c in event.citations)
    return (*(getattr(event, f.name) for f in fields(event) if f.name not in words), quoted)
