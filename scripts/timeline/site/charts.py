"""The story at a glance: the layout of the build-time overview chart, as frozen dataclasses.

Charts are inline SVG drawn when the site is built, so a reader needs no script and no
chart library. Python decides every position here; the SVG templates only loop.

The overview has a lane per storyline, each event once on the lane of its first
topic, and the months on its axis. Each mark covers the
days its event's date can mean, no more precisely than the data says: a known day is a
dot, a span a bar, a month or a year (or an "about") a faint bar over all of it, "one
of" a dot on each possible day, and an open end ("on or before") a bar that fades
towards the end that is not known. Empty stretches of months are drawn as a narrow
break, so one event of 2021 does not squeeze the rest of the story into a corner, and a
long axis has a column a year or a decade instead of a month. Above MAX_MARKS_PER_LANE
a lane shows a bar a column with its count instead, so the chart stays small however
many events there are and however long they last; each such bar lists its events' places
in the chart's order (the timeline page's, and its index's), for the filters to recount it.
chart_layout.py makes it readable: tap targets, the key events' labels, and where a narrow
screen opens. A phone gets the same chart again with its axis fitted to the phone's width
(`fit`), so it reads without scrolling sideways: months narrow, marks stack in more rows.

reports.py lays out the other chart, a measure's reports side by side.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..data.dates import FuzzyDate, Precision
from ..data.model import Event
from ..data.paths import entity_page, event_page, link
from ..data.vocabulary import TOPIC
from .chart_axis import EDGE, Break, Scale, Tick, scale
from .chart_layout import (
    LABEL_GAP,
    TARGET,
    densest_middle,
    first_fit_rows,
    hit_span,
    label_left,
    label_width,
    name_lines,
    short_title,
)
from .views import Context
from .wording import span

# Sizes in px; the byte budgets in tests/test_charts.py hold the SVG to them. The axis's
# are in chart_axis.py.
AXIS = 34  # the height of the axis (year and month labels)
LANE_HEAD = TARGET  # the lane's name above its marks, a link: a tap target too
ROW = TARGET  # the height of a row of marks: each mark's tap target
LABEL_ROW = 18  # the height of a row of key events' labels, below the lane's marks
RADIUS = 5  # a dot's radius
FADE_DAYS = 30  # how far an open end's bar reaches before it has faded out
CHARACTER = 7  # about the width of a character of a lane's name, to leave room for it
MAX_MARKS_PER_LANE = 40  # more events in a lane: a bar a column (month) with its count

Numbered = Sequence[tuple[int, Event]]  # events, each with its place in the chart's order


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
    place: int = -1  # that event's place in the chart's order: the same mark in the other drawing has it too
    bucket: int = -1  # a count mark's number, where the page's index says which counts hold each event
    hit_x: float = 0.0  # the tap target, at least TARGET wide (and TARGET tall about y)
    hit_width: float = 0.0
    tip_end: bool = False  # the title shown on focus ends at the mark (right of the middle) or starts there

    @property
    def steps(self) -> str:
        """The events' places written short, for the filters' script to add up: the first,
        then each one's distance from the one before ('3 1 4' for 3, 4 and 8)."""
        return " ".join(str(n - before) for before, n in zip((0, *self.events), self.events, strict=False))


@dataclass(frozen=True)
class Label:
    """A key event's title on the chart, on a row below its lane's marks, joined to its mark."""

    x: float
    y: float  # the text's baseline
    width: float
    text: str
    line_x: float  # the line from the mark down to the label
    line_top: float
    event: str


@dataclass(frozen=True)
class Lane:
    name: str
    link: str
    y: float
    head: float  # the height of its name above its marks: a line, or more on a phone
    marks: tuple[Mark, ...]
    aggregated: bool
    labels: tuple[Label, ...] = ()


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
    breaks: tuple[Break, ...]
    lanes: tuple[Lane, ...]
    counts: bool  # a lane shows a bar a column with its count, which the legend explains
    unit: str  # what a column is: month, year or decade
    kinds: tuple[str, ...]  # the kinds of mark drawn, which the legend shows
    keys: int  # how many key events are labelled
    focus: float  # the middle of the densest stretch, where a narrow screen opens


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
    width = round(max(end - x, 2 * RADIUS if kind in ("day", "oneof") else 2.0), 1)
    hit_left, hit_right = hit_span(round(x, 1), width)
    return Mark(
        kind=kind,
        first=first,
        last=last,
        x0=(first - axis.origin).days,
        x1=(last - axis.origin).days + 1,
        x=round(x, 1),
        width=width,
        y=0.0,
        label=f"{event.title} ({event.date.display()})",
        link=link(page, event_page(event.id)),
        dots=tuple(round(d, 1) for d in dots),
        event=event.id,
        hit_x=round(hit_left, 1),
        hit_width=round(hit_right - hit_left, 1),
        tip_end=x + width / 2 > axis.width / 2,
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
                hit_x=round(x + 1, 1),
                hit_width=round(axis.after(last) - x - 2, 1),
            )
        )
    return marks


def rows(marks: Sequence[Mark]) -> list[int]:
    """The row of each mark: the first row where its tap target does not overlap another's."""
    return first_fit_rows([(m.hit_x, m.hit_x + m.hit_width) for m in marks], gap=2)


def labels(
    events: Sequence[Event], marks: Sequence[Mark], top: float, chart_width: float
) -> tuple[Label, ...]:
    """The key events' titles in rows from `top`, each starting at its mark (within the
    chart), so that no label overlaps another label or a mark."""
    keyed = {e.id: e for e in events if e.key}
    drawn = []
    for m in (m for m in marks if m.event in keyed):
        event = keyed[m.event]
        text = event.label or short_title(event.title)
        width = label_width(text)
        middle = m.x + m.width / 2
        drawn.append((label_left(middle - LABEL_GAP, width, chart_width, EDGE), width, text, middle, m))
    drawn.sort(key=lambda d: d[0])
    placed = first_fit_rows([(left, left + width) for left, width, *_ in drawn], gap=LABEL_GAP)
    return tuple(
        Label(left, top + row * LABEL_ROW + 13, width, text, round(middle, 1), m.y + TARGET / 2, m.event)
        for (left, width, text, middle, m), row in zip(drawn, placed, strict=True)
    )


def lane(ctx: Context, page: str, topic: str, numbered: Numbered, axis: Scale, y: float, fit: float) -> Lane:
    """A storyline's events in rows that do not overlap, or its counts when it has too many,
    below its name, which a phone's narrow chart may wrap on more lines than one."""
    entity = ctx.data.entities[topic]
    head = LANE_HEAD * (name_lines(entity.name, fit) if fit else 1)  # the full chart fits the name
    aggregated = len(numbered) > MAX_MARKS_PER_LANE
    marks = (
        counts(ctx, page, entity.name, numbered, axis)
        if aggregated
        else sorted(
            (replace(mark(ctx, page, e, axis), place=n) for n, e in numbered),
            key=lambda m: (m.x, m.x + m.width),
        )
    )
    top = y + head
    placed = tuple(replace(m, y=top + row * ROW + ROW / 2) for m, row in zip(marks, rows(marks), strict=True))
    below = max([top + ROW, *(m.y + ROW / 2 for m in placed)])
    named = () if aggregated else labels([e for _, e in numbered], placed, below, axis.width)
    return Lane(entity.name, link(page, entity_page(topic, TOPIC)), y, head, placed, aggregated, named)


def overview(
    ctx: Context, page: str, events: Sequence[Event], chart_id: str, list_link: str, fit: float = 0.0
) -> Overview | None:
    """The events on a lane per topic: the home page's storylines first, then any others.
    With `fit`, the axis is squeezed to that width (a phone's) and the marks take more rows."""
    if not events:
        return None
    named = dict.fromkeys([*ctx.site.storylines, *(t for e in events for t in e.topics)])
    order = [t for t in named if t in ctx.data.entities]
    axis = scale((e.date for e in events), fit)
    by_lane = _by_lane(ctx, events)
    lanes, y = [], float(AXIS)
    for topic in order:
        if in_lane := by_lane.get(topic):
            built = lane(ctx, page, topic, in_lane, axis, y, fit)
            lanes.append(built)
            bottoms = [m.y + ROW / 2 for m in built.marks] + [t.y + LABEL_ROW - 13 for t in built.labels]
            y = max([built.y + built.head + ROW, *bottoms]) + 6
    room = EDGE + CHARACTER * max(len(lane.name) for lane in lanes)  # for the longest name
    noun = "event" if len(events) == 1 else "events"
    storylines = f"{len(lanes)} storyline{'' if len(lanes) == 1 else 's'}"
    summary = f"{len(events):,} {noun}, {span(events)}, on {storylines}, by {axis.unit}."
    return Overview(
        id=chart_id,
        title="The events at a glance",
        summary=summary,
        list_link=list_link,
        width=max(axis.width, min(room, fit) if fit else room),
        height=y,
        axis_y=AXIS - 4,
        ticks=axis.ticks(),
        breaks=axis.breaks(),
        lanes=tuple(lanes),
        counts=any(lane.aggregated for lane in lanes),
        unit=axis.unit,
        kinds=tuple(dict.fromkeys(m.kind for lane in lanes for m in lane.marks)),
        keys=sum(len(lane.labels) for lane in lanes),
        focus=densest_middle([(m.x + m.width / 2, m.count or 1) for lane in lanes for m in lane.marks]),
    )


def counted_in_index(*charts: Overview) -> tuple[tuple[Overview, ...], dict[int, list[int]]]:
    """The charts with their count marks numbered in turn and listing no events, and the
    numbers of the counts that hold each event (by its place in the charts' order). For a
    page over every event: a count listing its events would make the page grow with them,
    so the index the page fetches for its filters says which counts each event is in."""
    counted: dict[int, list[int]] = defaultdict(list)
    numbers = itertools.count()

    def numbered(mark: Mark) -> Mark:
        if mark.kind != "count":
            return mark
        bucket = next(numbers)
        for n in mark.events:
            counted[n].append(bucket)
        return replace(mark, bucket=bucket, events=())

    drawn = tuple(
        replace(c, lanes=tuple(replace(lane, marks=tuple(map(numbered, lane.marks))) for lane in c.lanes))
        for c in charts
    )
    return drawn, dict(counted)


def _by_lane(ctx: Context, events: Sequence[Event]) -> dict[str | None, list[tuple[int, Event]]]:
    """The events on each lane, numbered in the chart's order: sorted in one pass, not one a lane."""
    lanes: dict[str | None, list[tuple[int, Event]]] = defaultdict(list)
    for n, event in enumerate(events):
        lanes[_first_topic(ctx, event)].append((n, event))
    return lanes


def _first_topic(ctx: Context, event: Event) -> str | None:
    """The lane an event is drawn on: its first topic that is an entity. One mark an event."""
    return next((t for t in event.topics if t in ctx.data.entities), None)
