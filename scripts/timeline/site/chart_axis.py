"""The overview chart's time axis: columns of a month (or a year, or a decade) side by
side, each run of empty columns drawn as a narrow break labelled with the time it skips,
so one event of 2021 does not squeeze the rest of the story into a corner and the axis
never jumps silently.
"""

from __future__ import annotations

import calendar
import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from ..data.dates import FuzzyDate

# Sizes in px.
COLUMN = 64  # the width of a month (or a year, or a decade) on the axis
BREAK = 34  # the width of a run of empty columns, drawn as a break with the time it skips
EDGE = 8  # the margin left and right of the axis
MIN_BREAK_COLUMNS = 2  # a run of at least this many empty columns becomes a break
MIN_COLUMNS = 6  # a few events in one month still get an axis wide enough to read
NARROW = 28  # a column narrower than this names its month by its initial ('N', not 'Nov')
TINY = 9  # and one narrower than this, not at all: its year (and the grid) still show
MAX_COLUMNS = 72  # more months than this: a column a year, and then a decade
STEPS = (1, 12, 120)  # months a column: a month, a year, a decade


@dataclass(frozen=True)
class Tick:
    x: float
    month: str  # 'Nov'
    year: str  # '2023' where the year starts or after a break, else ''


@dataclass(frozen=True)
class Break:
    x: float  # the middle of the break
    skipped: str  # the time it leaves out: '17 mo'


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _month_start(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_days(index: int) -> int:
    return calendar.monthrange(index // 12, index % 12 + 1)[1]


def _month_end(index: int) -> dt.date:
    """The month's last day (computed within the month: December 9999 has no next month)."""
    return dt.date(index // 12, index % 12 + 1, _month_days(index))


FIRST_MONTH, LAST_MONTH = _month_index(dt.date.min), _month_index(dt.date.max)


def _finite_days(date: FuzzyDate) -> list[dt.date]:
    """The days that fix a date on the axis: its known ends, and each possible day of a set."""
    days = [p.earliest for p in date.choices]
    if not date.open_start:
        days.append(date.earliest)
    if not date.open_end:
        days.append(date.latest)
    return days


@dataclass(frozen=True)
class Scale:
    """Columns side by side, each `column_width` wide, with each run of empty columns a
    narrow break.

    A column is a month, or on a long axis a year or a decade (`step` months), so that the
    axis never has more than MAX_COLUMNS columns."""

    columns: tuple[int, ...]  # the index of each column drawn (its first month // step), in order
    lefts: tuple[float, ...]  # the x of each column's left edge
    width: float
    step: int = 1  # months a column
    column_width: float = COLUMN  # COLUMN, or less where the axis is fitted to a phone's width

    def first_day(self, column: int) -> dt.date:
        return _month_start(max(column * self.step, FIRST_MONTH))

    def last_day(self, column: int) -> dt.date:
        return _month_end(column * self.step + self.step - 1)

    @property
    def unit(self) -> str:
        return {1: "month", 12: "year"}.get(self.step, "decade")

    def column(self, day: dt.date) -> int:
        return _month_index(day) // self.step

    @property
    def origin(self) -> dt.date:
        return self.first_day(self.columns[0])

    @property
    def end(self) -> dt.date:
        """The last day on the axis."""
        return self.last_day(self.columns[-1])

    def x(self, day: dt.date) -> float:
        """Where the day starts; a day inside a break falls proportionally within it."""
        column = self.column(day)
        i = bisect_right(self.columns, column) - 1
        if i < 0:
            return self.lefts[0]
        if self.columns[i] == column:
            first, last = self.first_day(column), self.last_day(column)
            return self.lefts[i] + (day - first).days / ((last - first).days + 1) * self.column_width
        if i + 1 == len(self.columns):
            return self.lefts[i] + self.column_width
        gap_start, gap_end = self.first_day(self.columns[i] + 1), self.first_day(self.columns[i + 1])
        share = (day - gap_start).days / (gap_end - gap_start).days
        return (
            self.lefts[i]
            + self.column_width
            + share * (self.lefts[i + 1] - self.lefts[i] - self.column_width)
        )

    def after(self, day: dt.date) -> float:
        """Where the day ends."""
        return self.x(day + dt.timedelta(days=1)) if day < self.end else self.lefts[-1] + self.column_width

    def breaks(self) -> tuple[Break, ...]:
        """Each run of columns left out, and how long it is: '17 mo', '3 yr', '2 dec'."""
        unit = {1: "mo", 12: "yr"}.get(self.step, "dec")
        return tuple(
            Break(left + self.column_width + BREAK / 2, f"{following - column - 1} {unit}")
            for left, column, following in zip(self.lefts, self.columns, self.columns[1:], strict=False)
            if following != column + 1
        )

    def words(self, column: int) -> str:
        """A column in words: 'November 2023', '2023' or 'the 1840s'."""
        first = self.first_day(column)
        if self.step == 1:
            return f"{first:%B} {first.year}"
        return str(first.year) if self.step == 12 else f"the {column * self.step // 12}s"

    def ticks(self) -> tuple[Tick, ...]:
        """Months, with the year where it starts or after a break; or years; or decades. A
        column too narrow for 'Nov' names its month by its initial, or not at all."""
        ticks = []
        for i, column in enumerate(self.columns):
            if self.step > 1:
                ticks.append(Tick(self.lefts[i], "", self.words(column).removeprefix("the ")))
                continue
            new_year = i == 0 or column % 12 == 0 or self.columns[i - 1] != column - 1
            year = str(column // 12) if new_year else ""
            month = calendar.month_abbr[column % 12 + 1]
            short = month if self.column_width >= NARROW else month[0] if self.column_width >= TINY else ""
            ticks.append(Tick(self.lefts[i], short, year))
        return tuple(ticks)


def scale(dates: Iterable[FuzzyDate], fit: float = 0.0) -> Scale:
    """The columns the dates' known days fall in; gaps of fewer than MIN_BREAK_COLUMNS are kept.

    Only the known days make columns, whatever lies between them (a span from year 1 is
    two columns and a break), so the axis never has more than about MAX_COLUMNS. With
    `fit`, the columns narrow (never widen) so that the whole axis is that wide: a phone's."""
    months = {_month_index(d) for date in dates for d in _finite_days(date)}
    step = next((s for s in STEPS if len({m // s for m in months}) <= MAX_COLUMNS), STEPS[-1])
    columns: list[int] = []
    for column in sorted({m // step for m in months}):
        if columns and 1 < column - columns[-1] <= MIN_BREAK_COLUMNS:
            columns += range(columns[-1] + 1, column)
        columns.append(column)
    missing = max(MIN_COLUMNS - len(columns), 0)
    if missing:  # too few columns to read: more at either end, within the calendar
        first, last = columns[0], columns[-1]
        before = min(missing // 2, first - FIRST_MONTH // step)
        after = min(missing - before, LAST_MONTH // step - last)
        before = min(missing - after, first - FIRST_MONTH // step)
        columns = [*range(first - before, first), *columns, *range(last + 1, last + 1 + after)]
    gaps = sum(1 for a, b in pairwise(columns) if b != a + 1)
    width = max(1, min(COLUMN, int((fit - 2 * EDGE - gaps * BREAK) / len(columns)))) if fit else COLUMN
    lefts, x = [], float(EDGE)
    for i, column in enumerate(columns):
        if i and column != columns[i - 1] + 1:
            x += BREAK
        lefts.append(x)
        x += width
    return Scale(tuple(columns), tuple(lefts), x + EDGE, step, width)
