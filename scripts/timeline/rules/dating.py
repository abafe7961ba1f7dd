"""Dates: each parses, stays inside the story's years, and an event comes no later than
the sources that report it (their published date, bounded by when they were retrieved)."""

from __future__ import annotations

from collections.abc import Iterator

from ..data.dates import DateError, FuzzyDate, parse_date
from ..data.problems import Example, Problem, Rule
from ..data.records import EVENT, SOURCE, Record, is_placeholder, quoted_passages, values_at
from ..data.schema_errors import BAD_DATE, field_name
from .index import Index

DATE_AFTER_SOURCE = Rule(
    "date-after-source",
    "error",
    "no event may be after the sources that report it (every day its date allows counts), and a "
    "source was published no later than it was retrieved",
    "date the event no later than its sources, with '../' and the article's date if need be",
    fails=(
        Example("bad/date-after-source"),
        Example("bad/open-published-after-retrieved"),
    ),
)

DATE_IN_FUTURE = Rule(
    "date-in-future",
    "error",
    "no source is published, retrieved or confirmed after today",
    "correct the date",
    fails=(
        Example("bad/retrieved-in-future"),
        Example("bad/confirmed-in-the-future"),
    ),
)

DATE_OUT_OF_RANGE = Rule(
    "date-out-of-range",
    "error",
    "an event's date starts no earlier than 1900 and its known ends are at most 10 years apart",
    "date the development itself, or write '../' and the article's date",
    fails=(
        Example("fabricated/event-dated-from-year-1"),
        Example("fabricated/event-spanning-decades"),
    ),
)

UNBOUNDED_PUBLISHED = Rule(
    "unbounded-published",
    "error",
    "an open-ended published date ('2023-11-21/..') has retrieved, its bound",
    "add retrieved, the day the text was captured",
    fails=(Example("bad/open-published-without-retrieved"),),
)

_DATES = {SOURCE.name: ("published", "retrieved", "confirmed.date"), EVENT.name: ("date",)}  # by kind


def check_dates(record: Record, index: Index) -> Iterator[Problem]:
    """Dates are real; no source is published (or captured, or confirmed) after today; no event
    after its sources."""
    patterns = _DATES.get(record.kind.name, ())
    for key, value in (found for p in patterns for found in values_at(record.data, p)):
        if is_placeholder(value):
            continue
        try:
            date = parse_date(value)
        except DateError as err:
            yield record.doc.problem(key, BAD_DATE, f"{field_name(key)}: {err}")
            continue
        if record.kind is SOURCE and date.earliest > index.today:
            fix = {
                "published": "a source in the archive has already been published: correct the date",
                "retrieved": "a source in the archive has already been captured: correct the date",
            }.get(
                str(key[0]), "its page was read on a day that has passed: run ./dev.sh confirm-source again"
            )
            yield record.doc.problem(
                key, DATE_IN_FUTURE, f"{field_name(key)} {date.display()} is after today; {fix}"
            )
        open_ended = key == ("published",) and date.open_end and "retrieved" not in record.data
        if record.kind is SOURCE and open_ended:
            yield _unbounded(record, date)
        if record.kind is EVENT:
            yield from _out_of_story(record, date)
            yield from _after_sources(record, date, index)


def _unbounded(record: Record, published: FuzzyDate) -> Problem:
    """An open-ended publication date needs the day the text was retrieved as its bound:
    otherwise an event of any day up to today could cite the source."""
    return record.doc.problem(
        ("published",),
        UNBOUNDED_PUBLISHED,
        f"published {published.display()} has no end; add retrieved, the day the text was captured "
        "(or '../YYYY-MM-DD', on or before a day), which is the last day it can have been published",
    )


FIRST_YEAR = 1900  # no event of this story, nor anything its articles recall, is older

MAX_YEARS = 10  # an event is one development, not an era


def _out_of_story(record: Record, date: FuzzyDate) -> Iterator[Problem]:
    """An event is something that happened: its known days are in modern times and no more
    than MAX_YEARS apart (a span from year 1 would also make every chart's axis huge)."""
    if date.start.earliest.year < FIRST_YEAR:
        yield record.doc.problem(
            ("date",),
            DATE_OUT_OF_RANGE,
            f"date {date.display()} is before {FIRST_YEAR}; an event is something that happened in "
            "this story: correct the date, or write '../YYYY-MM-DD' (on or before the article's date)",
        )
    elif not (date.open_start or date.open_end) and date.latest.year - date.earliest.year > MAX_YEARS:
        yield record.doc.problem(
            ("date",),
            DATE_OUT_OF_RANGE,
            f"date {date.display()} spans more than {MAX_YEARS} years; an event is one development: "
            "date it as narrowly as its article allows, or write '../YYYY-MM-DD' (on or before a day)",
        )


def _after_sources(record: Record, date: FuzzyDate, index: Index) -> Iterator[Problem]:
    """Every day the date allows, open ends included, is on or before each reporting source."""
    # Sources in a disagreement's accounts may be earlier reports compared with this one.
    reporting = (c for path, c in quoted_passages(record.data) if path[0] != "disagreements")
    cited = {source for c in reporting if isinstance(source := c.get("source"), str)}
    for source in sorted(cited):
        published = index.published_by(source)
        if published is None or date.latest <= published:
            continue
        was = index.was_published(source)
        if date.earliest > published:
            message = f"date {date.display()} is after {was}; a source cannot report a later event"
        elif date.open_end:
            message = (
                f"date {date.display()} has no end, but {was}; write "
                f"{date.start.earliest.isoformat()}/{published.isoformat()} or a narrower span"
            )
        else:
            message = (
                f"date {date.display()} runs to {date.latest.isoformat()}, after {was}; "
                "end it no later than the source"
            )
        yield record.doc.problem(("date",), DATE_AFTER_SOURCE, f"{message}: correct the date or the citation")
