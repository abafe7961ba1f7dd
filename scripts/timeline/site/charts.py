"""The story at a glance: the layout of the build-time overview chart, as frozen dataclasses.

Charts are inline SVG drawn when the site is built, so a reader needs no script and no
chart library. Python decides every position here; the SVG templates only loop.

The overview has a lane per storyline and the months on its axis. Each mark covers the
days its event's date can mean, no more precisely than the data says: a known day is a
dot, a span a bar, a month or a year (or an "about") a faint bar over all of it, "one
of" a dot on each possible day, and an open end ("on or before") a bar that fades
towards the end that is not known. Empty stretches of months are drawn as a narrow
break, so one event of 2021 does not squeeze the rest of the story into a corner, and a
long axis has a column a year or a decade instead of a month. Above MAX_MARKS_PER_LANE
a lane shows a bar a column with its count instead, so the chart stays small however
many events there are and however long they last; each such bar lists its events' places
in the chart's order (the timeline page's, and its index's), for the filters to recount it.

reports.py lays out the other chart, a measure's reports side by side.
"""

from __future__ import annotations

import calendar
import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ..data.dates import FuzzyDate, Precision
from ..data.model import Event
from ..data.paths import entity_page, link
from ..data.vocabulary import TOPIC
from .views import Context
from .wording import span

# Sizes in px; the byte budgets in tests/test_charts.py hold the SVG to them.
COLUMN = 54  # the width of a month (or a year, or a decade) on the axis
BREAK = 22  # the width of a run of empty columns, drawn as a break
EDGE = 8  # the margin left and right of the axis
AXIS = 34  # the height of the axis (year and month labels)
LANE_HEAD = 20  # the lane's name above its marks
ROW = 16  # the height of a row of marks
RADIUS = 5  # a dot's radius
FADE_DAYS = 45  # how far an open end's bar reaches before it has faded out
MIN_BREAK_COLUMNS = 2  # a run of at least this many empty columns becomes a break
MIN_COLUMNS = 6  # a few events in one month still get an axis wide enough to read
MAX_COLUMNS = 72  # more months than this: a column a year, and then a decade
STEPS = (1, 12, 120)  # months a column: a month, a year, a decade
CHARACTER = 7  # about the width of a character of a lane's name, to leave room for it
MAX_MARKS_PER_LANE = 40  # more events in a lane: a bar a column (month) with its count

Numbered = Sequence[tuple[int, Event]]  # events, each with its place in the chart's order


@dataclass(frozen=True)
class Tick:
    x: float
    month: str  # 'Nov'
    year: str  # '2023' where the year starts or after a break, else ''


@dataclass(frozen=True)
class Mark:
    """One event (or a month's count of events) on a lane.

    first and last are the days drawn, both included; x0 and x1 are the same in days
    from the axis origin (x1 the day after last), x and width in px.
    """

    kind: str  # day, span, vague, before, after, oneof, count
    first: dt.date
    last: dt.date
    x0: int
    x1: int
    x: float
    width: float
    y: float
    label: str  # the accessible name: title and date in words
    link: str
    dots: tuple[float, ...] = ()  # a "one of" date's possible days
    count: int = 0  # a month's count, for a count mark
    events: tuple[int, ...] = ()  # a count mark's events, by their place in the chart's order
    event: str = ""  # the id of the event it stands for (a count mark: none), for the filters to hide it

    @property
    def steps(self) -> str:
        """The events' places written short, for the filters' script to add up: the first,
        then each one's distance from the one before ('3 1 4' for 3, 4 and 8)."""
        return " ".join(str(n - before) for before, n in zip((0, *self.events), self.events, strict=False))


@dataclass(frozen=True)
class Lane:
    name: str
    link: str
    y: float
    marks: tuple[Mark, ...]
    aggregated: bool


@dataclass(frozen=True)
class Overview:
    id: str  # unique on its page: the ids of its title and gradients derive from it
    title: str
    summary: str
    list_link: str  # where the same events are listed as text
    width: float
    height: float
    axis_y: float
    ticks: tuple[Tick, ...]
    breaks: tuple[float, ...]  # the x of each break's middle
    lanes: tuple[Lane, ...]
    counts: bool  # a lane shows a bar a column with its count, which the legend explains
    unit: str  # what a column is: month, year or decade


# --- the axis ----------------------------------------------------------------------------------


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
    """Columns side by side, each COLUMN wide, with each run of empty columns a narrow break.

    A column is a month, or on a long axis a year or a decade (`step` months), so that the
    axis never has more than MAX_COLUMNS columns."""

    columns: tuple[int, ...]  # the index of each column drawn (its first month // step), in order
    lefts: tuple[float, ...]  # the x of each column's left edge
    width: float
    step: int = 1  # months a column

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
            return self.lefts[i] + (day - first).days / ((last - first).days + 1) * COLUMN
        if i + 1 == len(self.columns):
            return self.lefts[i] + COLUMN
        gap_start, gap_end = self.first_day(self.columns[i] + 1), self.first_day(self.columns[i + 1])
        share = (day - gap_start).days / (gap_end - gap_start).days
        return self.lefts[i] + COLUMN + share * (self.lefts[i + 1] - self.lefts[i] - COLUMN)

    def after(self, day: dt.date) -> float:
        """Where the day ends."""
        return self.x(day + dt.timedelta(days=1)) if day < self.end else self.lefts[-1] + COLUMN

    def breaks(self) -> tuple[float, ...]:
        return tuple(
            left + COLUMN + BREAK / 2
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
        """Months, with the year where it starts or after a break; or years; or decades."""
        ticks = []
        for i, column in enumerate(self.columns):
            if self.step > 1:
                ticks.append(Tick(self.lefts[i], "", self.words(column).removeprefix("the ")))
                continue
            new_year = i == 0 or column % 12 == 0 or self.columns[i - 1] != column - 1
            year = str(column // 12) if new_year else ""
            ticks.append(Tick(self.lefts[i], calendar.month_abbr[column % 12 + 1], year))
        return tuple(ticks)


def scale(dates: Iterable[FuzzyDate]) -> Scale:
    """The columns the dates' known days fall in; gaps of fewer than MIN_BREAK_COLUMNS are kept.

    Only the known days make columns, whatever lies between them (a span from year 1 is
    two columns and a break), so the axis never has more than about MAX_COLUMNS."""
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
    lefts, x = [], float(EDGE)
    for i, column in enumerate(columns):
        if i and column != columns[i - 1] + 1:
            x += BREAK
        lefts.append(x)
        x += COLUMN
    return Scale(tuple(columns), tuple(lefts), x + EDGE, step)


# --- marks -------------------------------------------------------------------------------------


def date_mark(date: FuzzyDate) -> str:
    """How a date is drawn: only a single exact day is a dot."""
    if date.open_start:
        return "before"
    if date.open_end:
        return "after"
    if date.choices:
        return "oneof"
    vague = date.precision is not Precision.DAY or date.start.approximate
    if date.end is not None and not (vague or date.end.approximate):
        return "span"
    return "day" if not vague else "vague"


def drawn_days(date: FuzzyDate, axis: Scale) -> tuple[dt.date, dt.date]:
    """The first and last day a mark covers: the date's own bounds, and FADE_DAYS (within
    the axis) beyond a known end where the other end is open."""
    fade = dt.timedelta(days=FADE_DAYS)
    if date.open_start:
        return date.latest - min(fade, date.latest - axis.origin), date.latest
    if date.open_end:
        return date.earliest, date.earliest + min(fade, axis.end - date.earliest)
    return date.earliest, date.latest


def mark(ctx: Context, page: str, event: Event, axis: Scale) -> Mark:
    """An event's mark, named by its title and its date in words, linking to it on the timeline."""
    first, last = drawn_days(event.date, axis)
    kind = date_mark(event.date)
    x, end = axis.x(first), axis.after(last)
    if kind == "day":
        x, end = x + (end - x) / 2 - RADIUS, x + (end - x) / 2 + RADIUS
    dots = tuple((axis.x(p.earliest) + axis.after(p.latest)) / 2 for p in event.date.choices)
    return Mark(
        kind=kind,
        first=first,
        last=last,
        x0=(first - axis.origin).days,
        x1=(last - axis.origin).days + 1,
        x=round(x, 1),
        width=round(max(end - x, 2 * RADIUS if kind in ("day", "oneof") else 2.0), 1),
        y=0.0,
        label=f"{event.title} ({event.date.display()})",
        link=ctx.event_link(page, event.id),
        dots=tuple(round(d, 1) for d in dots),
        event=event.id,
    )


def counts(ctx: Context, page: str, lane: str, numbered: Numbered, axis: Scale) -> list[Mark]:
    """A bar for each column (month) with its count of events, linking to its first event.
    A column's events need not be next to each other: one known only to the year follows
    its December."""
    columns: dict[int, list[tuple[int, Event]]] = defaultdict(list)
    for n, event in numbered:
        columns[axis.column(event.date.start.earliest)].append((n, event))
    marks = []
    for column, in_column in sorted(columns.items()):
        first, last = axis.first_day(column), axis.last_day(column)
        x = axis.x(first)
        noun = "event" if len(in_column) == 1 else "events"
        marks.append(
            Mark(
                kind="count",
                first=first,
                last=last,
                x0=(first - axis.origin).days,
                x1=(last - axis.origin).days + 1,
                x=round(x + 1, 1),
                width=round(axis.after(last) - x - 2, 1),
                y=0.0,
                label=f"{lane}: {len(in_column)} {noun} in {axis.words(column)}",
                link=ctx.event_link(page, in_column[0][1].id),
                count=len(in_column),
                events=tuple(n for n, _ in in_column),
            )
        )
    return marks


def rows(marks: Sequence[Mark]) -> list[int]:
    """The row of each mark: the first row where it does not overlap the mark before it."""
    ends: list[float] = []
    placed = []
    for m in marks:
        row = next((r for r, end in enumerate(ends) if end + 2 <= m.x), len(ends))
        if row == len(ends):
            ends.append(0.0)
        ends[row] = m.x + m.width
        placed.append(row)
    return placed


def lane(ctx: Context, page: str, topic: str, numbered: Numbered, axis: Scale, y: float) -> Lane:
    """A storyline's events in rows that do not overlap, or its counts when it has too many."""
    entity = ctx.data.entities[topic]
    aggregated = len(numbered) > MAX_MARKS_PER_LANE
    marks = (
        counts(ctx, page, entity.name, numbered, axis)
        if aggregated
        else sorted((mark(ctx, page, e, axis) for _, e in numbered), key=lambda m: (m.x, m.x + m.width))
    )
    top = y + LANE_HEAD
    placed = tuple(replace(m, y=top + row * ROW + ROW / 2) for m, row in zip(marks, rows(marks), strict=True))
    return Lane(entity.name, link(page, entity_page(topic, TOPIC)), y, placed, aggregated)


def overview(
    ctx: Context, page: str, events: Sequence[Event], chart_id: str, list_link: str
) -> Overview | None:
    """The events on a lane per topic: the home page's storylines first, then any others."""
    if not events:
        return None
    named = dict.fromkeys([*ctx.site.storylines, *(t for e in events for t in e.topics)])
    order = [t for t in named if t in ctx.data.entities]
    axis = scale(e.date for e in events)
    lanes, y = [], float(AXIS)
    for topic in order:
        in_lane = [(n, e) for n, e in enumerate(events) if topic in e.topics]
        if in_lane:
            built = lane(ctx, page, topic, in_lane, axis, y)
            lanes.append(built)
            y = max([built.y + LANE_HEAD + ROW, *(m.y + ROW / 2 for m in built.marks)]) + 6
    noun = "event" if len(events) == 1 else "events"
    storylines = f"{len(lanes)} storyline{'' if len(lanes) == 1 else 's'}"
    summary = f"{len(events):,} {noun}, {span(events)}, on {storylines}, by {axis.unit}."
    return Overview(
        id=chart_id,
        title="The events at a glance",
        summary=summary,
        list_link=list_link,
        width=max(axis.width, EDGE + CHARACTER * max(len(lane.name) for lane in lanes)),
        height=y,
        axis_y=AXIS - 4,
        ticks=axis.ticks(),
        breaks=axis.breaks(),
        lanes=tuple(lanes),
        counts=any(lane.aggregated for lane in lanes),
        unit=axis.unit,
    )
