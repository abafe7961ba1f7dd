"""How dates, numbers and spans of time read on a page: the small pieces of wording that
the views, the charts and the digest share.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..data.dates import FuzzyDate, Precision
from ..data.model import Event, Figure
from ..data.vocabulary import qualifier_words


def figure_text(figure: Figure) -> str:
    """'more than 31,000 suspects', 'could be at least 120,000 people': as the articles write
    them, with the quote's hedge wherever the number is shown."""
    hedge = f"{figure.hedge} " if figure.hedge else ""
    return f"{hedge}{qualifier_words(figure.qualifier)}{as_written(figure.value)} {figure.unit}"


def figure_sentence(figure: Figure) -> str:
    """The number in one clause, as the quote says it: 'At least 120,000 people could be
    trapped in scam compounds in Myanmar', then its period; without the words of what it
    counts, the figure's text."""
    if figure.counts:
        words = [f"{qualifier_words(figure.qualifier)}{as_written(figure.value)} {figure.unit}"]
        words += [w for w in (figure.hedge, figure.counts) if w]
    else:
        words = [figure_text(figure)]
    text = " ".join([*words, figure.period or ""]).strip()
    return text[:1].upper() + text[1:]


def as_written(value: int) -> str:
    """Round billions and millions in words ('3 billion', '41.4 million'), else '31,000'."""
    for word, size in (("billion", 10**9), ("million", 10**6)):
        if value >= size and value % (size // 10) == 0:
            return f"{f'{value / size:.1f}'.removesuffix('.0')} {word}"
    return f"{value:,}"


def unless_latest(changed: str | None, latest: str | None) -> str | None:
    """An event's last change, only when it differs from the latest of all events: on a
    list of events, the same date on every one says nothing."""
    return None if changed == latest else changed


def machine_date(date: FuzzyDate) -> str | None:
    """A valid HTML datetime value for a single, exact point, else None."""
    if date.end or date.open_end or date.open_start or date.start.approximate or date.text.startswith("["):
        return None
    return date.text


def month_label(event: Event) -> str:
    """The heading an event is listed under: one a period. An event known only to its month
    sits under that month's heading, after its dated events (its date says so); one known
    only to its year, in the year's last group, after December."""
    start = event.date.start
    if start.precision is Precision.YEAR:
        return f"{start.earliest.year}, month not known"
    return start.earliest.strftime("%B %Y")


def continues(date: FuzzyDate) -> str | None:
    """'Continues to 21 November 2023' for a span listed at its start that ends after the
    month (or the year) it is listed under; None when it ends there or is not a span."""
    if date.end is None or date.choices:
        return None
    start, end = date.start.earliest, date.end.latest
    if date.start.precision is Precision.YEAR:
        ends_later = end.year != start.year
    else:
        ends_later = (end.year, end.month) != (start.year, start.month)
    return f"Continues to {date.end.display()}" if ends_later else None


_GROUPED_NUMBER = re.compile(r"(?<![\d,])\d{1,3}(?:,\d{3})+(?![\d,]*\d)")


def plain_numbers(*texts: str) -> str:
    """'41000' for each '41,000' in the texts, each once: the search index then finds a
    number typed either way."""
    found = (m.group().replace(",", "") for text in texts for m in _GROUPED_NUMBER.finditer(text))
    return " ".join(dict.fromkeys(found))


def span(events: Iterable[Event]) -> str:
    """'June 2023 to 5 January 2024': from the first event's date to the last's; just '2023'
    when the last is known only to the year the first is in (never 'July 2023 to 2023')."""
    ordered = list(events)
    if not ordered:
        return ""
    first, last = ordered[0].date, ordered[-1].date
    if (
        last.precision is Precision.YEAR
        and last.end is None
        and not last.open_start
        and first.start.earliest.year == last.start.earliest.year
    ):
        return last.display()
    dates = [first.display(), last.display()]
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
