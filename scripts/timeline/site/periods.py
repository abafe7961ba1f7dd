"""Which page of the timeline each event is on, so that no page grows with the data.

A timeline that fits on one page stays one page. A larger one is split by year, a year
that is still too large by month, and a month that is still too large into parts in
date order (the events known only to their year on a page after its months, as the
timeline lists them); the timeline page then becomes an overview of the periods. Small pages also
keep search small: a query downloads a fragment of each page it shows. Each event's
permanent address stays the timeline page and its id (`timeline/#<id>`): the overview
forwards it to the period page (timeline/pages/<n>.json map the events to their pages), so
links shared before a split keep working after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from ..data.dates import Precision
from ..data.model import Event
from ..data.paths import TIMELINE


@dataclass(frozen=True)
class Period:
    """One page of the timeline: its path, its heading, and its events in date order."""

    path: str
    label: str
    events: tuple[Event, ...]


def _year(event: Event) -> int:
    return event.date.start.earliest.year


def _month(event: Event) -> int:
    """The event's month, or 13 when only its year is known: it is listed after the months."""
    start = event.date.start
    return 13 if start.precision is Precision.YEAR else start.earliest.month


def split(events: Iterable[Event], limit: int) -> tuple[Period, ...]:
    """The timeline's pages: one when the events fit, else a page a year or a month."""
    events = tuple(events)
    if len(events) <= limit:
        return (Period(TIMELINE, "Timeline", events),)
    periods: list[Period] = []
    for year, in_year in groupby(events, key=_year):
        year_events = tuple(in_year)
        if len(year_events) <= limit:
            periods.append(Period(f"timeline/{year}.md", str(year), year_events))
            continue
        for month, in_month in groupby(year_events, key=_month):
            month_events = tuple(in_month)
            if month == 13:
                stem, label = f"timeline/{year}-month-unknown", f"{year}, month not known"
            else:
                stem, label = (
                    f"timeline/{year}-{month:02d}",
                    month_events[0].date.start.earliest.strftime("%B %Y"),
                )
            periods += _parts(stem, label, month_events, limit)
    return tuple(periods)


def _parts(stem: str, label: str, events: tuple[Event, ...], limit: int) -> list[Period]:
    """A month on one page, or in parts of at most limit events: stem.md, stem/2.md, …"""
    chunks = [events[i : i + limit] for i in range(0, len(events), limit)]
    if len(chunks) == 1:
        return [Period(f"{stem}.md", label, events)]
    return [
        Period(f"{stem}.md" if n == 1 else f"{stem}/{n}.md", f"{label} ({n} of {len(chunks)})", chunk)
        for n, chunk in enumerate(chunks, start=1)
    ]


def event_pages(periods: Iterable[Period]) -> dict[str, str]:
    """Each event's id, and the page it is on."""
    return {event.id: period.path for period in periods for event in period.events}


def shard_of(event_id: str, shards: int) -> int:
    """The part of the permalink map that holds an event. The map has as many parts as the
    timeline has pages, so forwarding a permalink loads one small part however long the
    timeline. The overview's script computes the same hash (31 * h + character code, in
    32 bits) over the id, which is ASCII."""
    h = 0
    for character in event_id:
        h = (h * 31 + ord(character)) & 0xFFFFFFFF
    return h % shards
