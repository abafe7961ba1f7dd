"""The years our own words give, read against what backs them: the event's own date, the
publication of the sources it cites, and its quotes.

A number our words state as a count must be one a quote states (figures.py); a year is
no count, so that rule lets it pass, and a title could move a sourced event to another
year ("… in 2019") while every quote still matched. A year is backed when the event's
date spans it (its date_basis says why), when a source the record cites was published
in it ("in the Daily Tribune of 5 January 2024"), or when one of its quotes gives it,
in digits or counted back from its source's date ("last year", or "in October", in an
article of January 2024 gives 2023).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..data.dates import FuzzyDate, Point
from ..data.problems import Example, Problem, Rule, shown
from ..data.quotes import normalise
from ..data.records import ENTITY, EVENT, Record, is_placeholder, quoted_passages, values_at
from ..data.schema_errors import field_name
from .editorial import OWN_WORDS, as_read
from .index import Index, read_date
from .numbers import Kind, compatible, read_numbers

YEAR_NOT_BACKED = Rule(
    "year-not-backed",
    "error",
    "every year an event's or entity's own words give is one its date spans, a source it cites was "
    "published in, or a quote gives",
    "write the year as the date or a quote gives it, or cite the passage that gives it",
    fails=(
        Example("fabricated/title-moves-event-to-another-year"),
        Example("fabricated/summary-year-not-backed"),
    ),
)

# Four digits from 1900 to 2099 standing apart from other digits: a year, wherever it
# stands ("in 2023", "2023-11-21", "mid-2019", "the 2010s", "19/11/2019", "FY2019").
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_FOUR_DIGITS = re.compile(r"\d{4}")  # what any year takes, in a text's compatibility forms
# Fields that are not prose but show as words: a figure's measure is a heading.
_SHOWN_AS_WORDS = {EVENT.name: ["figures.*.measure"]}
# A month named without its year: the last such month on or before the article's date.
_MONTH_NUMBERS = {calendar.month_name[number]: number for number in range(1, 13)}
_MONTH = re.compile(rf"\b({'|'.join(_MONTH_NUMBERS)})\b(?! \d{{4}})")


def check_years_in_own_words(record: Record, index: Index) -> Iterator[Problem]:
    """Each year an event's or entity's own words give (see years_in) is backed by its
    date, its sources' dates or its quotes."""
    if record.kind not in (EVENT, ENTITY):
        return
    backed = _Backing(_backings(record.data, index))
    for pattern in [*OWN_WORDS[record.kind.name], *_SHOWN_AS_WORDS.get(record.kind.name, [])]:
        for path, text in values_at(record.data, pattern):
            if is_placeholder(text) or record.has_failed(path):
                continue
            for written, year in years_in(normalise(as_read(pattern, text))):
                if not backed.holds(year) and _dates_read(record.data, index):
                    yield record.doc.problem(
                        path,
                        YEAR_NOT_BACKED,
                        f"{field_name(path)} gives the year {shown(written)}, which "
                        f"{_said(backed.every())}; write the year as the date or a quote gives it, or "
                        "cite the passage that gives it",
                    )


def years_in(text: str) -> list[tuple[str, int]]:
    """The years a text gives, in order: those numbers.py reads as years ("in ２０１９" too),
    and any four digits from 1900 to 2099 apart from other digits that it does not read as
    a count ("2023 suspects", which number-not-in-quotes reads against the quotes)."""
    said = compatible(text)
    if not _FOUR_DIGITS.search(said):  # most of our words give no year: nothing to read
        return []
    numbers = read_numbers(text)
    counts = [range(n.start, n.start + len(n.written)) for n in numbers if n.kind is Kind.QUANTITY]
    found = {n.start: (n.written, int(n.value)) for n in numbers if n.kind is Kind.YEAR}
    for match in _YEAR.finditer(said):
        if not any(match.start() in count for count in counts):
            found.setdefault(match.start(), (match.group(), int(match.group())))
    return [found[start] for start in sorted(found)]


@dataclass
class _Backing:
    """The years that back our words, read only as far as a question needs: nearly every
    year a record writes is its date's or its article's, and its quotes need not be read."""

    rest: Iterator[set[int]]
    found: set[int] = field(default_factory=set)

    def holds(self, year: int) -> bool:
        while year not in self.found:
            if (more := next(self.rest, None)) is None:
                return False
            self.found |= more
        return True

    def every(self) -> set[int]:
        for more in self.rest:
            self.found |= more
        return self.found


def _backings(data: dict[str, Any], index: Index) -> Iterator[set[int]]:
    """The years that back our words, the cheapest first: the date's, the cited sources'
    dates', and those its quotes give."""
    if (date := read_date(data.get("date"))) is not None:
        yield set(_years_of(date))
    passages = [(p.get("source"), p.get("quote")) for _, p in quoted_passages(data)]
    yield {year for source, _ in passages for year in _published_years(source, index)}
    for source, quote in passages:
        if isinstance(quote, str):
            said = compatible(normalise(quote))
            yield {int(y) for y in _YEAR.findall(said)}
            if isinstance(source, str) and source in index.published:
                yield _counted_back(said, index.published[source].start)


def _published_years(source: object, index: Index) -> range:
    """The years a cited source can have been published in (an open end: up to the day its
    text was retrieved); none for a source whose date does not read."""
    if not isinstance(source, str) or (last := index.published_by(source)) is None:
        return range(0)
    return range(index.published[source].start.earliest.year, last.year + 1)


def _dates_read(data: dict[str, Any], index: Index) -> bool:
    """Whether every source the record cites has a date that reads and is not after today:
    a year it would back is not judged while its date is an error of its own."""
    sources = {p.get("source") for _, p in quoted_passages(data)}
    return all(
        isinstance(s, str) and s in index.published and index.published[s].start.earliest <= index.today
        for s in sources
    )


def _counted_back(quote: str, published: Point) -> set[int]:
    """The years a quote's "last year", "last week" or "in October" can mean, counted back
    from each day its article can have been published ("2024-01": any day of January)."""
    said, first, last = quote.lower(), published.earliest, published.latest
    years = {first.year - 1, last.year - 1} if "last year" in said else set()
    if "last month" in said:
        years.update((day.replace(day=1) - dt.timedelta(days=1)).year for day in (first, last))
    if "last week" in said:
        years.update(range((first - dt.timedelta(days=7)).year, (last - dt.timedelta(days=1)).year + 1))
    for month in _MONTH.findall(quote):
        years.update(day.year - (_MONTH_NUMBERS[month] > day.month) for day in (first, last))
    return years


def _years_of(date: FuzzyDate) -> range:
    """The years a date spans as written: an open end adds none past its known bound."""
    points = [date.start, *([date.end] if date.end else []), *date.choices]
    return range(min(p.earliest.year for p in points), max(p.latest.year for p in points) + 1)


def _said(backed: set[int]) -> str:
    """What the record does back, said in a message."""
    if not backed:
        return "nothing in the record gives: it has no date, source or quote that gives a year"
    years = ", ".join(str(y) for y in sorted(backed))
    return f"the record's date, its sources' dates and its quotes do not give (they give {years})"
