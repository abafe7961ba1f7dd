"""Each event's own page: the whole record and its proof, each quote shown in its context
in the archived article, with the line it is on, the event's place in story order and its
own title, description and structured data.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..data.markup import plain_text, safe_url
from ..data.model import Citation, Event
from ..data.paths import Output, event_page, link, page_address, source_page
from ..data.quotes import Place
from ..data.vocabulary import TOPIC
from .search import number_forms
from .structured import event_ld, json_ld
from .templating import fill
from .views import (
    ChipView,
    Context,
    DisagreementView,
    EventView,
    LinkView,
    around,
    event_view,
    unconfirmed_link,
)

CONTEXT_CHARS = 280  # at most this much of the article on either side of a quote
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")


@dataclass(frozen=True)
class Passage:
    """A quote in its context: the sentence or so before it and after it, on its lines."""

    before: str
    quote: str
    after: str
    lines: str  # 'line 12', 'lines 12–13'


@dataclass(frozen=True)
class SourcedQuote:
    """One citation as the event page shows it: the article, the quote in context, and
    where to read the article (its source page, its address, an archived copy)."""

    number: int
    anchor: str
    label: str
    quote: str
    passage: Passage | None  # None for a model built without its archives (Dataset.archives)
    source_link: str
    original: str | None
    archived: str | None
    unconfirmed: str | None


@dataclass(frozen=True)
class EventPage:
    event: EventView
    details: str | None
    quotes: tuple[SourcedQuote, ...]
    disagreements: tuple[DisagreementView, ...]  # conflicts first, then those reported differently
    topics: tuple[ChipView, ...]
    entities: tuple[ChipView, ...]
    timeline: str  # the event's entry on the timeline
    previous: LinkView | None
    next: LinkView | None
    numbers: str = ""  # its figures as readers write them (31000 31,000 31 000), for search
    changed: str | None = None  # when its data file last changed: always said on its own page


def passage(place: Place) -> Passage:
    """The quote with the rest of its sentence and one more on either side, as archived."""
    first = place.text.rfind("\n", 0, place.start) + 1
    last = place.text.find("\n", place.end)
    before = _lead(place.text[first : place.start])
    after = _tail(place.text[place.end : len(place.text) if last == -1 else last])
    lines = (
        f"line {place.first_line}"
        if place.first_line == place.last_line
        else f"lines {place.first_line}–{place.last_line}"
    )
    quote = " ".join(place.text[place.start : place.end].split())
    return Passage(before, quote, after, lines)


def _lead(text: str) -> str:
    """The end of a line before a quote: the sentence the quote starts in and the one before."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    kept = text[ends[-2] if len(ends) > 1 else 0 :]
    if len(kept) > CONTEXT_CHARS:
        kept = "…" + kept[-CONTEXT_CHARS:].split(" ", 1)[-1]
    return kept


def _tail(text: str) -> str:
    """The start of a line after a quote: the rest of the quote's sentence and the next one."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]  # after its closing marks
    kept = text[: ends[1] if len(ends) > 1 else len(text)].rstrip()
    if len(kept) > CONTEXT_CHARS:
        kept = kept[:CONTEXT_CHARS].rsplit(" ", 1)[0] + "…"
    return kept


def sourced_quotes(ctx: Context, page: str, citations: Sequence[Citation]) -> tuple[SourcedQuote, ...]:
    quotes = []
    for number, citation in enumerate(citations, start=1):
        source = ctx.data.sources[citation.source]
        archive = ctx.data.archives.get(citation.source)
        place = archive.locate(citation.quote) if archive else None
        quotes.append(
            SourcedQuote(
                number=number,
                anchor=f"source-{number}",
                label=source.cited_as,
                quote=citation.quote,
                passage=passage(place) if place else None,
                source_link=link(page, source_page(source.id)),
                original=safe_url(source.url),
                archived=safe_url(source.archive_url),
                unconfirmed=unconfirmed_link(ctx, page, source.id),
            )
        )
    return tuple(quotes)


def event_page_view(ctx: Context, at: int) -> EventPage:
    event = ctx.data.events[at]
    page = event_page(event.id)
    view = event_view(ctx, page, event)
    previous, following = (
        LinkView(e.title, link(page, event_page(e.id))) if e else None for e in around(ctx.data.events, at)
    )
    return EventPage(
        event=view,
        details=event.details,
        quotes=sourced_quotes(ctx, page, event.citations),
        disagreements=tuple(sorted(view.disagreements, key=lambda d: not d.conflict)),
        topics=tuple(c for c in view.chips if c.kind == TOPIC),
        entities=tuple(c for c in view.chips if c.kind != TOPIC),
        timeline=ctx.event_link(page, event.id),
        previous=previous,
        next=following,
        numbers=" ".join(dict.fromkeys(form for f in event.figures for form in number_forms(f.value))),
        changed=ctx.site.changed.get(event.path),
    )


def event_outputs(ctx: Context, at: int) -> list[Output]:
    """The page of the event at `at` in date order, and a forwarding page at each former id."""
    event = ctx.data.events[at]
    markdown = fill(
        "event_page.md.j2",
        p=event_page_view(ctx, at),
        description=plain_text(event.summary),
        structured=json_ld(event_ld(event, ctx.site)),
    )
    return [
        Output(event_page(event.id), markdown, event.path),
        *(moved_page(event, old) for old in event.former_ids),
    ]


def moved_page(event: Event, former_id: str) -> Output:
    """A page at a renamed event's former address that forwards to its page: old links work."""
    folder = event_page(former_id).removesuffix(".md")
    target = posixpath.relpath(page_address(event_page(event.id)), folder) + "/"
    return Output(f"{folder}/index.html", fill("event_moved.html.j2", title=event.title, target=target))
