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

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..data.dates import DateError, FuzzyDate, parse_date
from ..data.problems import Example, Problem, Rule, shown
from ..data.quotes import normalise
from ..data.records import ENTITY, EVENT, Record, is_placeholder, quoted_passages, values_at
from ..data.schema_errors import field_name
from .editorial import OWN_WORDS, as_read
from .index import Index
from .numbers import Kind, read_numbers

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

# Four digits a quote holds that can be a year, wherever they stand ("2023-11-21", "in 2023").
_YEAR_DIGITS = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?![\d,]\d)")
# Words that count back from an article's date, and how far back they can reach.
_COUNTED_BACK = {"last year": 366, "last month": 31, "last week": 7}
# A month named without its year: the last such month on or before the article's date.
_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
         "November", "December"),
        start=1,
    )
}  # fmt: skip
_MONTH = re.compile(rf"\b({'|'.join(_MONTH_NUMBERS)})\b(?! \d{{4}})")


def check_years_in_own_words(record: Record, index: Index) -> Iterator[Problem]:
    """Each year (as numbers.py reads one: four digits by a month or after 'in', 'since', …)
    in an event's or entity's own words is backed by its date, its sources or its quotes."""
    if record.kind not in (EVENT, ENTITY):
        return
    backed = _Backing(_backings(record.data, index))
    for pattern in OWN_WORDS[record.kind.name]:
        for path, text in values_at(record.data, pattern):
            if is_placeholder(text) or record.has_failed(path):
                continue
            for number in read_numbers(normalise(as_read(pattern, text))):
                if number.kind is Kind.YEAR and not backed.holds(int(number.value)):
                    yield record.doc.problem(
                        path,
                        YEAR_NOT_BACKED,
                        f"{field_name(path)} gives the year {shown(number.written)}, which "
                        f"{_said(backed.every())}; write the year as the date or a quote gives it, or "
                        "cite the passage that gives it",
                    )


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
    if (date := _date_of(data)) is not None:
        yield set(_years_of(date))
    passages = [(p.get("source"), p.get("quote")) for _, p in quoted_passages(data)]
    published = [index.published[s] for s, _ in passages if isinstance(s, str) and s in index.published]
    yield {year for date in published for year in _years_of(date)}
    for source, quote in passages:
        if isinstance(quote, str):
            said = normalise(quote)
            yield {int(y) for y in _YEAR_DIGITS.findall(said)}
            if isinstance(source, str) and source in index.published:
                yield _counted_back(said, index.published[source].start.earliest)


def _counted_back(quote: str, published: dt.date) -> set[int]:
    """The years a quote's "last year", "last week" or "in October" can mean, counted back
    from the first day its article can have been published."""
    said = quote.lower()
    years = {
        (published - dt.timedelta(days=days)).year for words, days in _COUNTED_BACK.items() if words in said
    }
    for month in _MONTH.findall(quote):
        years.add(published.year if _MONTH_NUMBERS[month] <= published.month else published.year - 1)
    return years


def _date_of(data: dict[str, Any]) -> FuzzyDate | None:
    """The record's date, if it has one that reads (dating.py reports one that does not)."""
    text = data.get("date")
    if not isinstance(text, str):
        return None
    try:
        return parse_date(text)
    except DateError:
        return None


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
