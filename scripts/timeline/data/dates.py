"""Precision-aware dates: the subset of EDTF (Library of Congress) the data uses.

The subset is small enough that a regular expression and the standard calendar parse
it exactly; the general EDTF parser on PyPI (edtf 5.0.2) takes about 10 ms a date and
accepts 29 February in any year, so it is not used.

A news article rarely gives an exact day, so every date in the data says how precise
it is: ``2023-11-21`` (a day), ``2023-11`` (a month), ``2023`` (a year), an interval
``2023-11-13/2023-11-19``, an open end ``2023-11-21/..`` ("on or after"), and a
trailing ``~`` for "about" (``2023-08~``). Each date knows its earliest and latest
possible day, so that pages can sort by it and checks can compare it, and it displays
itself no more precisely than it was written. ``../2023-11-21`` ("on or before") is
for what an article reports without a date of its own. EDTF's set notation
``[2023-08-16,2023-08-23]`` means exactly one of the listed days (or months, or years):
"on Wednesday" in an article that may be of Tuesday or of Wednesday is one of two days,
not every day between them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from functools import cached_property, lru_cache
from itertools import pairwise

from .problems import shown

# The notation, defined once: the JSON Schema's date pattern is this text (a test holds
# them equal), and the parser reads a date by the same pattern. One point is a year,
# then optionally the month and day, each two digits so that "2023-1-5" (ambiguous to
# readers of other locales) is refused; ASCII digits only; "~" for "about".
POINT = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?~?"
SCHEMA_PATTERN = rf"^(\.\./{POINT}|{POINT}(/({POINT}|\.\.))?|\[{POINT}(,{POINT})+\])$"
_SYNTAX = re.compile(SCHEMA_PATTERN)

HINT = (
    "write YYYY-MM-DD, YYYY-MM or YYYY, START/END for a span, START/.. for "
    "'on or after', ../END for 'on or before', [A,B] for 'one of these days', and add ~ for "
    "'about' (e.g. 2023-08~)"
)


class DateError(ValueError):
    """The text is not a date in the project's notation; the message says why."""


class Precision(Enum):
    YEAR = 1
    MONTH = 2
    DAY = 3


@dataclass(frozen=True)
class Point:
    """One calendar point at a precision, possibly approximate."""

    earliest: dt.date
    latest: dt.date
    precision: Precision
    approximate: bool

    def display(self) -> str:
        return ("about " if self.approximate else "") + _plain(self.earliest, self.precision)


@dataclass(frozen=True)
class FuzzyDate:
    """A date as written in the data: a point, a closed span, or a span open at one end.

    "../END" is stored with END as its start and open_start set, so that it sorts
    where it is last known to have happened. A set "[A,B]" keeps its points in `choices`
    and its first and last point as start and end, which give its bounds.
    """

    text: str
    start: Point
    end: Point | None = None  # None: a single point
    open_end: bool = False  # True: "START/..", on or after START
    open_start: bool = False  # True: "../END", on or before END
    choices: tuple[Point, ...] = ()  # set notation "[A,B]": exactly one of these points

    @property
    def earliest(self) -> dt.date:
        """The earliest day this date can mean ("about" widens by one unit)."""
        return dt.date.min if self.open_start else _widen(self.start, -1)

    @property
    def latest(self) -> dt.date:
        """The latest day this date can mean; date.max for an open end."""
        if self.open_end:
            return dt.date.max
        return _widen(self.end or self.start, +1)

    @property
    def sort_key(self) -> tuple[int, int, int, bool, dt.date, str]:
        """Where the date sits on the timeline, claiming no more than it knows: at its start
        (an "on or before" date at its bound, a span where it begins); a date known only to
        the month after that month's days, one known only to the year after its months.
        Within a place, "on or before" first, then the shorter before the longer."""
        start, precision = self.start.earliest, self.start.precision
        month = 13 if precision is Precision.YEAR else start.month
        day = start.day if precision is Precision.DAY else 32
        last = dt.date.max if self.open_end else (self.end or self.start).latest
        return (start.year, month, day, not self.open_start, last, self.text)

    @property
    def precision(self) -> Precision:
        """The coarsest precision of either end: what the date can honestly claim."""
        ends = list(self.choices) or [self.start] + ([self.end] if self.end else [])
        return min((p.precision for p in ends), key=lambda p: p.value)

    def display(self) -> str:
        """The date in words, no more precise than written (e.g. '13–19 November 2023')."""
        return self._words

    @cached_property
    def _words(self) -> str:
        """Worked out once: a page shows an event's date in its list, its chart and its links."""
        if self.open_end:
            return f"{self.start.display()} or later"
        if self.open_start:
            return f"{self.start.display()} or earlier"
        if self.choices:
            return _display_choices(self.choices)
        if self.end is None:
            return self.start.display()
        return _display_span(self.start, self.end)

    def iso_bounds(self) -> tuple[str | None, str | None]:
        """Earliest and latest strict day as ISO strings (None for an open end)."""
        first = None if self.open_start else self.start.earliest.isoformat()
        last = None if self.open_end else (self.end or self.start).latest.isoformat()
        return first, last


def _plain(day: dt.date, precision: Precision) -> str:
    if precision is Precision.YEAR:
        return f"{day.year}"
    if precision is Precision.MONTH:
        return f"{calendar.month_name[day.month]} {day.year}"
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def _display_span(start: Point, end: Point) -> str:
    """Share the month and year between the ends where they are the same."""
    same_shape = start.precision is end.precision and not (start.approximate or end.approximate)
    s, e = start.earliest, end.earliest
    if same_shape and start.precision is Precision.DAY and (s.year, s.month) == (e.year, e.month):
        return f"{s.day}–{e.day} {calendar.month_name[e.month]} {e.year}"
    if same_shape and start.precision is Precision.DAY and s.year == e.year:
        return f"{s.day} {calendar.month_name[s.month]} – {_plain(e, Precision.DAY)}"
    if same_shape and start.precision is Precision.MONTH and s.year == e.year:
        return f"{calendar.month_name[s.month]}–{_plain(e, Precision.MONTH)}"
    return f"{start.display()} – {end.display()}"


def _display_choices(points: tuple[Point, ...]) -> str:
    """'16 or 23 August 2023': share the month and year where every point has them alike."""
    days = [p.earliest for p in points]
    precisions = {p.precision for p in points}
    exact = not any(p.approximate for p in points)
    alike = len(precisions) == 1 and exact and len({d.year for d in days}) == 1
    month, year = calendar.month_name[days[0].month], days[0].year
    if alike and precisions == {Precision.DAY} and len({d.month for d in days}) == 1:
        words, tail = [str(d.day) for d in days], f" {month} {year}"
    elif alike and precisions == {Precision.DAY}:
        words, tail = [f"{d.day} {calendar.month_name[d.month]}" for d in days], f" {year}"
    elif alike and precisions == {Precision.MONTH}:
        words, tail = [calendar.month_name[d.month] for d in days], f" {year}"
    else:
        words, tail = [p.display() for p in points], ""
    return f"{', '.join(words[:-1])} or {words[-1]}{tail}"


def _widen(point: Point, direction: int) -> dt.date:
    """Widen an approximate point by one unit of its precision in one direction."""
    day = point.earliest if direction < 0 else point.latest
    if not point.approximate:
        return day
    try:
        return _step(day, point.precision, direction)
    except (ValueError, OverflowError):  # "about" year 1 or 9999: the calendar's own limits
        return dt.date.min if direction < 0 else dt.date.max


def _step(day: dt.date, precision: Precision, direction: int) -> dt.date:
    if precision is Precision.DAY:
        return day + dt.timedelta(days=direction)
    if precision is Precision.MONTH:
        month_index = day.year * 12 + day.month - 1 + direction
        year, month = divmod(month_index, 12)
        last = calendar.monthrange(year, month + 1)[1]
        return dt.date(year, month + 1, 1 if direction < 0 else last)
    return dt.date(day.year + direction, 1, 1) if direction < 0 else dt.date(day.year + 1, 12, 31)


def _point(text: str) -> Point:
    """One point's bounds; the calendar refuses impossible months and days."""
    approximate = text.endswith("~")
    parts = [int(p) for p in text.rstrip("~").split("-")]
    year = parts[0]
    month, day = [*parts[1:], None, None][:2]
    if year < 1:
        raise DateError(f"'{text}' is not a real calendar date (there is no year 0)")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"'{text}' is not a real calendar date (there is no month {month:02d})")
    last_day = calendar.monthrange(year, month or 12)[1]
    if day is not None and not 1 <= day <= last_day:
        name = calendar.month_name[month or 12]
        raise DateError(f"'{text}' is not a real calendar date ({name} {year} has {last_day} days)")
    earliest = dt.date(year, month or 1, day or 1)
    latest = dt.date(year, month or 12, day or last_day)
    return Point(earliest, latest, Precision(len(parts)), approximate)


@lru_cache(maxsize=65_536)  # every day of 180 years: the validator and every page look dates up again
def parse_date(text: str) -> FuzzyDate:
    """Parse a date in the project's notation, or raise DateError saying what to write."""
    if not isinstance(text, str):
        raise DateError(f"{shown(repr(text))} is not a date written as text; {HINT}")
    if not _SYNTAX.fullmatch(text):
        raise DateError(f"'{shown(text)}' is not in the date notation; {HINT}")
    if text.startswith("["):
        return _one_of(text, [_point(p) for p in text[1:-1].split(",")])
    if text.startswith("../"):
        return FuzzyDate(text, _point(text[3:]), open_start=True)
    first, _, last = text.partition("/")
    start = _point(first)
    if last == "..":
        return FuzzyDate(text, start, open_end=True)
    if not last:
        return FuzzyDate(text, start)
    end = _point(last)
    if end.latest < start.earliest:
        raise DateError(f"'{text}' ends before it starts; write the earlier date first")
    if end == start:
        raise DateError(f"'{text}' starts and ends on the same date; write it once")
    return FuzzyDate(text, start, end)


def _one_of(text: str, points: list[Point]) -> FuzzyDate:
    """A set "[A,B,…]": its points in order, none overlapping the next."""
    for before, after in pairwise(points):
        if after.earliest <= before.latest:
            raise DateError(f"'{text}' lists its dates out of order or overlapping; list each once, in order")
    return FuzzyDate(text, points[0], points[-1], choices=tuple(points))
