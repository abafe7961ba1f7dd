"""The charts' layout: each mark covers exactly what its date can mean, lanes stay small at
scale, the SVG stays within its byte budget, and hostile text comes out escaped."""

from __future__ import annotations

import datetime as dt
import gzip
import html
import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import replace
from itertools import accumulate, pairwise

import pytest

from conftest import REPO, real_dataset
from timeline.adapters.mkdocs import RAW_LINK
from timeline.data.dates import parse_date
from timeline.data.model import Citation, Dataset, Entity, Event, Figure, Source
from timeline.data.paths import TIMELINE
from timeline.data.vocabulary import Vocabulary
from timeline.site.chart_axis import COLUMN, MAX_COLUMNS, scale
from timeline.site.chart_layout import (
    PHONE_WIDTH,
    TARGET,
    densest_middle,
    first_fit_rows,
    hit_span,
    label_left,
    name_lines,
    short_title,
)
from timeline.site.charts import (
    FADE_DAYS,
    MAX_MARKS_PER_LANE,
    Overview,
    date_mark,
    drawn_days,
    overview,
)
from timeline.site.home import home_page, storyline_order
from timeline.site.info import SiteInfo
from timeline.site.pages import overview_chart, reports_chart
from timeline.site.parts import timeline_parts
from timeline.site.reports import MAX_REPORTS, key_numbers, reports
from timeline.site.views import Context, differ_anchors
from timeline.site.wording import as_written

DATA = real_dataset()
HOME = (REPO / "docs" / "index.md").read_text()
SITE = SiteInfo(storylines=storyline_order(HOME))

# Byte budgets of the overview chart's two SVGs, full and fitted to a phone (uncompressed):
# the real data, per event (34 KB at 36 events, 6 KB gzipped: each title written once), and a
# synthetic dataset whose lanes are past MAX_MARKS_PER_LANE, so it shows a bar a month per lane.
BUDGET_REAL_BASE, BUDGET_REAL_PER_EVENT = 10_000, 800
BUDGET_1000 = 170_000
BUDGET_HOME_10000_GZIP = 60_000  # the home page's Markdown; the theme adds about 20 KB


# --- a synthetic dataset -----------------------------------------------------------------------

NOTATIONS = ("{d}", "{m}", "{d}/{d2}", "{y}", "../{d}", "[{d0},{d}]", "{m}~", "{d}~")


def synthetic(
    events: int,
    topics: int = 5,
    title: str = "Event {n}",
    topic_name: str = "Storyline {k}",
    first: dt.date = dt.date(2019, 1, 8),
    days: int = 2170,
) -> Dataset:
    """events spread over `days` from `first` (2019–2024) in every date notation, on `topics` storylines."""
    source = Source(
        id="wire",
        path="sources/wire.yml",
        title="A wire story",
        publisher="A wire service",
        author=None,
        published=parse_date("2024-12-31"),
        published_basis="stated",
        url=None,
        notes=(),
        archive_sha256="0" * 64,
    )
    cite = (Citation("wire", "words"),)
    entities = {
        f"t{k}": Entity(
            f"t{k}", f"entities/t{k}.yml", topic_name.format(k=k), "topic", "A storyline.", (), (), cite
        )
        for k in range(topics)
    }
    made = []
    for n in range(events):
        day = first + dt.timedelta(days=(n * 37) % days)
        text = NOTATIONS[n % len(NOTATIONS)].format(
            d=day.isoformat(),
            d0=(day - dt.timedelta(days=7)).isoformat(),
            d2=(day + dt.timedelta(days=3)).isoformat(),
            m=f"{day:%Y-%m}",
            y=f"{day:%Y}",
        )
        figures = (Figure(f"e{n}", "suspects-handed-over", 1000 + n, "more-than", "suspects", "wire", "w"),)
        made.append(
            Event(
                id=f"e{n}",
                path=f"events/e{n}.yml",
                title=title.format(n=n),
                date=parse_date(text),
                date_basis="generated",
                summary="The wire service said so.",
                topics=(f"t{n % topics}",),
                entities=(),
                figures=figures if n % 3 == 0 else (),
                disagreements=(),
                citations=cite,
            )
        )
    ordered = tuple(sorted(made, key=lambda e: (e.date.sort_key, e.id)))
    by_topic: dict[str, list[Event]] = defaultdict(list)
    for e in ordered:
        by_topic[e.topics[0]].append(e)
    return Dataset(
        events=ordered,
        entities=entities,
        sources={"wire": source},
        events_by_entity={},
        events_by_topic={t: tuple(es) for t, es in by_topic.items()},
        events_by_source={"wire": ordered},
        figures_by_measure={"suspects-handed-over": tuple(f for e in ordered for f in e.figures)},
        vocabulary=Vocabulary(("topic",), ("organisation",)),
    )


def real_ctx() -> Context:
    return Context.of(DATA, SITE)


# --- geometry ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("2023-11-21", "day"),
        ("2023-11-13/2023-11-19", "span"),
        ("2023-11", "vague"),
        ("2023", "vague"),
        ("2023-09/2023-11-21", "vague"),
        ("2023-08~", "vague"),
        ("2023-11-21~", "vague"),
        ("../2023-11-24", "before"),
        ("2023-11-21/..", "after"),
        ("[2023-08-16,2023-08-23]", "oneof"),
    ],
)
def test_each_kind_of_date_is_drawn_as_its_own_kind_of_mark(text: str, kind: str):
    assert date_mark(parse_date(text)) == kind


@pytest.mark.parametrize(
    "text", ["2023-11-21", "2023-11-13/2023-11-19", "2023-11", "2023", "2023-08~", "[2023-08-16,2023-08-23]"]
)
def test_a_closed_date_spans_exactly_its_earliest_to_its_latest_day(text: str):
    date = parse_date(text)
    axis = scale([date, parse_date("2024-06-30")])
    first, last = drawn_days(date, axis)
    assert (first, last) == (date.earliest, date.latest)


def test_an_open_end_fades_out_from_its_known_end_within_the_axis():
    before, after = parse_date("../2023-11-24"), parse_date("2023-11-21/..")
    axis = scale([before, after, parse_date("2023-01-15"), parse_date("2024-03-01")])
    assert drawn_days(before, axis) == (
        dt.date(2023, 11, 24) - dt.timedelta(days=FADE_DAYS),
        dt.date(2023, 11, 24),
    )
    assert drawn_days(after, axis) == (
        dt.date(2023, 11, 21),
        dt.date(2023, 11, 21) + dt.timedelta(days=FADE_DAYS),
    )
    near_start = scale([parse_date(d) for d in ("../2023-01-10", "2023-03-01", "2023-05-01", "2023-06-01")])
    assert near_start.origin == dt.date(2023, 1, 1)
    assert drawn_days(parse_date("../2023-01-10"), near_start) == (dt.date(2023, 1, 1), dt.date(2023, 1, 10))


def test_every_mark_of_the_real_data_covers_its_events_days():
    chart = overview(real_ctx(), "index.md", DATA.events, "c", TIMELINE)
    assert chart is not None
    drawn = [m for lane in chart.lanes for m in lane.marks]
    marks = {m.event: m for m in drawn}
    origin = dt.date(2021, 1, 1)
    assert len(drawn) == len(marks) == len(DATA.events)  # one mark an event
    assert set(marks) == {e.id for e in DATA.events}
    assert all(m.link == f"events/{m.event}.md" for m in drawn)  # the event's own page
    for event in DATA.events:
        m, date = marks[event.id], event.date
        assert m.last == date.latest if not date.open_end else m.first == date.earliest
        if not (date.open_start or date.open_end):
            assert (m.first, m.last) == (date.earliest, date.latest), event.id
        assert (m.x0, m.x1) == ((m.first - origin).days, (m.last - origin).days + 1), event.id


def test_a_month_precise_mark_fills_its_month_on_the_axis():
    date = parse_date("2023-11")
    axis = scale([date, parse_date("2023-10-02")])
    left = axis.lefts[axis.columns.index(2023 * 12 + 10)]
    assert axis.x(date.earliest) == left
    assert axis.after(date.latest) == left + COLUMN
    assert axis.x(dt.date(2023, 11, 16)) == left + 15 / 30 * COLUMN


def test_a_chart_of_a_single_month_is_widened_to_be_readable():
    axis = scale([parse_date("2023-11-21")])
    assert axis.columns == tuple(range(2023 * 12 + 10 - 2, 2023 * 12 + 10 + 4))  # September to February
    assert axis.breaks() == ()


@pytest.mark.parametrize(
    "texts", [["0001", "../0001-01-10", "0001-02~"], ["9999~", "9999-12-31/..", "9999-12"]]
)
def test_dates_at_the_calendars_ends_are_drawn_within_the_axis(texts: list[str]):
    dates = [parse_date(t) for t in texts]
    axis = scale(dates)
    assert len(axis.columns) >= 6
    for date in dates:
        first, last = drawn_days(date, axis)
        assert axis.origin <= first <= last <= axis.end
        assert axis.lefts[0] <= axis.x(first) <= axis.after(last) <= axis.width


@pytest.mark.parametrize(
    "texts", [["0001-01-01/2023-08-23"], ["0001-01-01/2023-08-23", "2023-11-21"], ["0001/9999"]]
)
def test_a_span_from_year_1_has_a_column_for_each_known_end_and_a_break_between(texts: list[str]):
    """Filling every month between two far ends would draw about 24,000 ticks on each page."""
    axis = scale([parse_date(t) for t in texts])
    assert len(axis.columns) == len(axis.ticks()) <= 8
    assert axis.columns[0] == 12  # January of year 1
    assert len(axis.breaks()) >= 1
    first, last = drawn_days(parse_date(texts[0]), axis)
    assert axis.lefts[0] <= axis.x(first) < axis.after(last) <= axis.width


def test_a_long_run_of_empty_months_is_a_break_and_a_short_one_is_kept():
    days = ["2021-03-01", "2021-04-01", "2023-06-01", "2023-08-01", "2023-09-01"]
    axis = scale([parse_date(d) for d in days])
    assert axis.columns[2:] == tuple(2023 * 12 + m for m in (5, 6, 7, 8))  # June to September: July kept
    assert len(axis.breaks()) == 1
    assert [t.year for t in axis.ticks()] == ["2021", "", "2023", "", "", ""]


def test_lanes_follow_the_home_pages_storylines():
    chart = overview(real_ctx(), "index.md", DATA.events, "c", TIMELINE)
    assert chart is not None
    names = [DATA.entities[t].name for t in storyline_order(HOME)]
    assert [lane.name for lane in chart.lanes] == names


def test_marks_in_a_lane_never_overlap():
    chart = overview(real_ctx(), "index.md", DATA.events, "c", TIMELINE)
    assert chart is not None
    for lane in chart.lanes:
        rows: dict[float, list[tuple[float, float]]] = defaultdict(list)
        for m in lane.marks:
            rows[m.y].append((m.x, m.x + m.width))
        for spans in rows.values():
            spans.sort()
            assert all(a[1] <= b[0] for a, b in pairwise(spans)), lane.name


# --- scale -------------------------------------------------------------------------------------


def test_a_lane_past_the_threshold_shows_a_bar_a_month_with_its_count():
    at, past = synthetic(MAX_MARKS_PER_LANE, topics=1), synthetic(MAX_MARKS_PER_LANE + 1, topics=1)
    for data, aggregated in ((at, False), (past, True)):
        ctx = Context.of(data, SiteInfo())
        chart = overview(ctx, "index.md", data.events, "c", TIMELINE)
        assert chart is not None
        (lane,) = chart.lanes
        assert lane.aggregated is chart.counts is aggregated
        if aggregated:
            assert {m.kind for m in lane.marks} == {"count"}
            assert sum(m.count for m in lane.marks) == len(data.events)
            assert all(m.first.day == 1 and (m.last + dt.timedelta(days=1)).day == 1 for m in lane.marks)
        else:
            assert len(lane.marks) == len(data.events)


def test_a_months_count_lists_its_events_by_their_place_in_the_charts_order():
    """What the filters recount from: each count's events are its lane's, in its column,
    and a column has one count a lane even where its events are apart in the order (an
    event known only to the year comes after its December, yet falls in its January)."""
    data = synthetic(MAX_MARKS_PER_LANE * 3, topics=2)
    chart = overview(Context.of(data, SiteInfo()), "index.md", data.events, "c", TIMELINE)
    assert chart is not None and chart.counts
    apart = 0
    for topic, lane in zip(("t0", "t1"), chart.lanes, strict=True):
        assert lane.aggregated
        listed = [n for m in lane.marks for n in m.events]
        assert sorted(listed) == [n for n, e in enumerate(data.events) if topic in e.topics]
        for m in lane.marks:
            assert m.count == len(m.events)
            assert all(m.first <= data.events[n].date.start.earliest <= m.last for n in m.events)
            others = set(listed) - set(m.events)
            apart += any(min(m.events) < n < max(m.events) for n in others)
        assert len({m.first for m in lane.marks}) == len(lane.marks)  # one count a column
    assert apart  # some column's events are apart in the order, with another's between them


def test_only_a_chart_beside_the_filters_lists_each_counts_events():
    data = synthetic(MAX_MARKS_PER_LANE + 1, topics=1)
    ctx = Context.of(data, SiteInfo())
    beside = str(overview_chart(ctx, "index.md", data.events, TIMELINE, filtered=True))
    alone = str(overview_chart(ctx, "index.md", data.events, TIMELINE))
    assert beside.count("data-events=") == alone.count('<a class="tl-mark tl-mark--count') > 1
    assert "data-events=" not in alone
    listed = [
        list(accumulate(int(step) for step in steps.split()))
        for steps in re.findall(r'data-events="([0-9 ]+)"', beside)
    ]
    chart = overview(ctx, "index.md", data.events, "tl-overview", TIMELINE)
    assert chart is not None
    assert listed == [list(m.events) for m in chart.lanes[0].marks] * 2  # in both drawings; each a step
    assert sorted(n for places in listed for n in places) == sorted([*range(len(data.events))] * 2)


def test_over_every_event_the_index_says_which_counts_hold_each_event_and_the_page_does_not():
    data = synthetic(MAX_MARKS_PER_LANE * 3, topics=2)
    ctx = Context.of(data, SiteInfo(events_per_page=20))
    outputs = {o.path: o.content for part in timeline_parts(ctx) for o in part.make()}
    page = outputs[TIMELINE]
    index = json.loads(outputs["timeline/events.json"])
    assert isinstance(page, str) and "data-events=" not in page
    numbers = [int(n) for n in re.findall(r'<a class="tl-mark tl-mark--count[^>]* data-bucket="(\d+)"', page)]
    assert len(numbers) > 4 and numbers == list(range(len(numbers)))  # in both drawings, each once
    drawings = [overview(ctx, TIMELINE, data.events, "c", TIMELINE, fit=fit) for fit in (0, PHONE_WIDTH)]
    counts = [m for c in drawings if c for lane in c.lanes for m in lane.marks if m.kind == "count"]
    assert len(counts) == len(numbers)
    for number, mark in zip(numbers, counts, strict=True):
        assert [n for n, e in enumerate(index) if number in e.get("counts", ())] == list(mark.events)
    assert all(len(e["counts"]) == 2 for e in index)  # a count in each drawing


@pytest.mark.content
def test_the_overview_stays_within_its_byte_budget_for_the_real_events_and_at_1000():
    real = str(overview_chart(real_ctx(), "index.md", DATA.events, TIMELINE))
    data = synthetic(1_000)
    large = str(overview_chart(Context.of(data, SiteInfo()), "index.md", data.events, TIMELINE))
    assert 10_000 < len(real.encode()) <= BUDGET_REAL_BASE + BUDGET_REAL_PER_EVENT * len(DATA.events)
    assert 10_000 < len(large.encode()) <= BUDGET_1000


def test_a_10000_event_home_page_stays_small():
    data = synthetic(10_000, topics=14)
    ctx = Context.of(data, SiteInfo())
    page = home_page(ctx, HOME, "index.md", "docs/index.md").content
    assert isinstance(page, str) and "tl-mark--count" in page
    assert len(gzip.compress(page.encode())) <= BUDGET_HOME_10000_GZIP


@pytest.mark.parametrize(("years", "unit"), [(5, "month"), (50, "year"), (185, "decade")])
def test_a_long_axis_has_a_column_a_year_or_a_decade(years: int, unit: str):
    data = synthetic(3_000, first=dt.date(2024 - years, 1, 8), days=365 * years)
    chart = overview(Context.of(data, SiteInfo()), "index.md", data.events, "c", TIMELINE)
    assert chart is not None and chart.unit == unit and chart.counts
    assert len(chart.ticks) <= MAX_COLUMNS
    marks = [m for lane in chart.lanes for m in lane.marks]
    assert sum(m.count for m in marks) == len(data.events)
    assert all(m.x >= 0 and m.x + m.width <= chart.width for m in marks)


def test_a_10000_event_home_page_over_185_years_stays_small():
    data = synthetic(10_000, topics=14, first=dt.date(1840, 1, 8), days=67_000)
    page = home_page(Context.of(data, SiteInfo()), HOME, "index.md", "docs/index.md").content
    assert isinstance(page, str) and "events in the 1840s" in page
    assert len(gzip.compress(page.encode())) <= BUDGET_HOME_10000_GZIP


def test_the_reports_chart_shows_the_latest_reports_at_scale():
    data = synthetic(1_000)
    chart = reports(Context.of(data, SiteInfo()), "index.md", "suspects-handed-over", "r")
    assert chart is not None and len(chart.reports) == MAX_REPORTS
    assert f"the latest {MAX_REPORTS} of 334" in chart.summary


# --- the reported figures ----------------------------------------------------------------------


def test_each_report_of_suspects_handed_over_is_one_bar_with_its_qualifier_and_source():
    chart = reports(real_ctx(), "index.md", "suspects-handed-over", "r")
    figures = DATA.figures_by_measure["suspects-handed-over"]
    assert chart is not None and len(chart.reports) == len(figures)
    for figure in figures:
        source = DATA.sources[figure.source].cited_as
        assert any(
            source in r.label and r.open_end == (figure.qualifier == "more-than") for r in chart.reports
        )
    assert not [r for r in chart.reports if r.differs]  # 31,000 and 41,000 cover different periods
    assert chart.link == "figures.md#suspects-handed-over"
    longest = max(chart.reports, key=lambda r: r.width)
    assert longest.text.startswith("41,000")


@pytest.mark.content
def test_the_key_number_is_the_latest_report_and_says_where_sources_differ():
    (number,) = key_numbers(real_ctx(), "index.md", ["suspects-handed-over"])
    figures = DATA.figures_by_measure["suspects-handed-over"]
    latest = max(figures, key=lambda f: DATA.event(f.event).date.sort_key)
    assert number.number == as_written(latest.value) and number.reports == len(figures) > 1
    assert number.differs is None  # its disagreements only differ in detail
    assert number.link == "figures.md#suspects-handed-over"


@pytest.mark.content
def test_only_a_conflict_marks_a_number_and_the_mark_leads_to_that_disagreement():
    """The film's takings, 3 billion yuan printed as US$41.4 million, cannot both be right."""
    (number,) = key_numbers(real_ctx(), "index.md", ["box-office-takings"])
    event = DATA.event(DATA.figures_by_measure["box-office-takings"][0].event)
    (conflict,) = [d for d in event.disagreements if d.conflict]
    anchor = differ_anchors(event)[event.disagreements.index(conflict)]
    assert number.differs is not None and number.differs.about == conflict.about
    assert number.differs.link == f"events/{event.id}.md#{anchor}"
    chart = reports(real_ctx(), "figures.md", "box-office-takings", "r")
    assert chart is not None
    assert {r.differs_link for r in chart.reports} == {f"events/{event.id}.md#{anchor}"}


def test_at_scale_the_charts_link_to_the_measures_own_page():
    ctx = Context.of(DATA, replace(SITE, figures_per_page=3))
    chart = reports(ctx, "index.md", "suspects-handed-over", "r")
    assert chart is not None
    assert chart.link == "figures/measure/suspects-handed-over.md"


# --- links and escaping ------------------------------------------------------------------------


def test_the_mkdocs_plugin_resolves_the_links_of_link_elements_only():
    """The charts' links are Markdown sources (as Zensical resolves them); the plugin finds
    them in link elements, never in text that reads like one."""
    element = '<a class="tl-mark" href="../timeline.md#e1" aria-label="x">'
    assert [m.groups() for m in RAW_LINK.finditer(element)] == [
        ('<a class="tl-mark" href="', "../timeline.md", "#e1")
    ]
    for text in (
        '&lt;a href="x.md"&gt;',
        'says href="x.md"',
        '<a href="https://x.org/a.md">',
        '<a href="#x.md">',
    ):
        assert RAW_LINK.search(text) is None, text


def test_hostile_titles_and_names_are_escaped_inside_the_svg():
    hostile = '<script>alert(1)</script>" onfocus="alert(2)&amp;</svg>'
    data = synthetic(12, topics=2, title=hostile + "{n}", topic_name=hostile + "{k}")
    ctx = Context.of(data, SiteInfo())
    html = str(overview_chart(ctx, "index.md", data.events, TIMELINE))
    html += str(reports_chart(ctx, "index.md", "suspects-handed-over"))
    assert "<script" not in html and 'onfocus="' not in html and "&amp;amp;" in html
    marks, words = [], ""
    for svg in html.split("<svg")[1:]:
        root = ET.fromstring("<svg" + svg.split("</svg>")[0] + "</svg>")  # well-formed: nothing escaped it
        marks += list(root.iter("a"))
        words += "".join(root.itertext())
    named = {a.get("id"): a.get("aria-label", "") for a in marks}
    names = [a.get("aria-label") or named[a.get("aria-labelledby")] for a in marks]
    assert sum(hostile in name for name in names) == 2 * 12  # each event's mark in each drawing
    assert words.count(hostile) >= 2  # and the lanes' names, drawn for print in the full drawing


def test_an_events_title_is_written_once_as_the_name_of_its_mark():
    """The tip the script draws on focus is read from the mark's name, and the phone's mark
    refers to the full drawing's, so the chart carries each title once; only a chart beside
    the filters names each mark's event."""
    data = synthetic(12, topics=2, title="Unusual title {n}.")
    ctx = Context.of(data, SiteInfo())
    alone = str(overview_chart(ctx, "index.md", data.events, TIMELINE))
    beside = str(overview_chart(ctx, "index.md", data.events, TIMELINE, filtered=True))
    names = [html.unescape(name) for name in re.findall(r' aria-label="([^"]*)"', alone)]
    for event in data.events:
        assert alone.count(event.title) == names.count(f"{event.title} ({event.date.display()})") == 1
    wide, phone = alone.split('class="tl-chart-scroll tl-chart-scroll--phone"')
    marks = r'<a class="tl-mark[^"]*" href="([^"]+)" {}="([^"]+)"'
    ids = {mark_id: href for href, mark_id in re.findall(marks.format("id"), wide)}
    refers = re.findall(marks.format("aria-labelledby"), phone)
    assert sorted(href for href, _ in refers) == sorted(ids.values()) and len(refers) == 12
    assert all(ids[mark_id] == href for href, mark_id in refers)  # each to the same event's mark
    assert "tl-tip" not in alone and 'class="tl-hit"' in alone
    assert "data-event=" not in alone
    assert sorted(set(re.findall(r' data-event="([^"]+)"', beside))) == sorted(e.id for e in data.events)


# --- readable: one mark an event, tap targets, key labels, breaks, where a phone opens -----


def real_chart(fit: float = 0.0) -> Overview:
    chart = overview(real_ctx(), "index.md", DATA.events, "c", TIMELINE, fit=fit)
    assert chart is not None
    return chart


FITS = pytest.mark.parametrize("fit", [0.0, PHONE_WIDTH], ids=["full", "phone"])


def test_an_event_of_several_storylines_is_drawn_once_on_its_first_storylines_lane():
    chart = real_chart()
    several = [e for e in DATA.events if len(e.topics) > 1]
    assert several  # the real data has some: each used to be drawn once a storyline
    lane_of = {m.event: lane.name for lane in chart.lanes for m in lane.marks}
    for event in several:
        assert lane_of[event.id] == DATA.entities[event.topics[0]].name, event.id
    assert f"{len(DATA.events)} events" in chart.summary


@FITS
def test_every_mark_has_a_tap_target_of_at_least_24_px_about_its_middle(fit: float):
    for lane in real_chart(fit).lanes:
        for m in lane.marks:
            assert m.hit_width >= TARGET and m.hit_x <= m.x and m.x + m.width <= m.hit_x + m.hit_width + 0.1
    assert hit_span(100, 10) == (93, 117)
    assert hit_span(100, 40) == (100, 140)


@FITS
def test_marks_tap_targets_on_a_row_never_overlap(fit: float):
    for lane in real_chart(fit).lanes:
        rows: dict[float, list[tuple[float, float]]] = defaultdict(list)
        for m in lane.marks:
            rows[m.y].append((m.hit_x, m.hit_x + m.hit_width))
        for spans in rows.values():
            spans.sort()
            assert all(a[1] <= b[0] for a, b in pairwise(spans)), lane.name


@FITS
def test_each_key_event_is_labelled_once_and_no_label_overlaps_a_label_or_a_mark(fit: float):
    chart = real_chart(fit)
    keys = {e.id for e in DATA.events if e.key}
    assert 5 <= len(keys) <= 8
    labels = [t for lane in chart.lanes for t in lane.labels]
    assert sorted(t.event for t in labels) == sorted(keys) and chart.keys == len(keys)
    boxes = [(t.x, t.y - 12, t.x + t.width, t.y + 4) for t in labels]
    boxes += [
        (m.hit_x, m.y - TARGET / 2, m.hit_x + m.hit_width, m.y + TARGET / 2)
        for lane in chart.lanes
        for m in lane.marks
    ]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    for t in labels:
        assert t.x >= 0 and t.x + t.width <= chart.width  # within the chart
        assert t.x <= t.line_x <= t.x + t.width  # its line reaches it from its mark
        assert t.text == DATA.event(t.event).label


def test_a_label_is_the_title_cut_on_a_word_and_kept_within_the_chart():
    assert short_title("China says Myanmar handed over 31,000 suspects", 20) == "China says Myanmar…"
    assert short_title("Short title") == "Short title"
    assert short_title("Unbroken" * 10, 12) == "UnbrokenUnbr…"
    assert label_left(500, 200, 600, 8) == 392  # moved left to end within the chart
    assert label_left(2, 50, 600, 8) == 8


def test_labels_on_one_row_keep_apart_and_the_rest_go_to_the_next_row():
    # 103 is within 6 px of the first: a row down; 110 clears it by 10: back on the first row
    assert first_fit_rows([(0, 100), (103, 200), (110, 150), (210, 300)], gap=6) == [0, 1, 0, 0]


def test_a_break_says_how_long_it_is():
    axis = scale([parse_date(d) for d in ("2021-03-01", "2021-04-01", "2023-06-01", "2023-08-01")])
    (gap,) = axis.breaks()
    assert gap.skipped == "25 mo"  # May 2021 to May 2023
    assert axis.lefts[1] + COLUMN < gap.x < axis.lefts[2]


@pytest.mark.parametrize("data", [DATA, synthetic(30, days=400)], ids=["real", "synthetic"])
def test_on_a_phone_the_whole_chart_fits_its_width(data: Dataset):
    ctx = real_ctx() if data is DATA else Context.of(data, SiteInfo())
    events = data.events
    full = overview(ctx, "index.md", events, "c", TIMELINE)
    phone = overview(ctx, "index.md", events, "c", TIMELINE, fit=PHONE_WIDTH)
    assert full is not None and phone is not None
    assert full.width > PHONE_WIDTH >= phone.width  # it would scroll; fitted, it does not
    marks = [m for lane in phone.lanes for m in lane.marks]
    assert sorted(m.event for m in marks) == sorted(e.id for e in events)  # one mark an event
    assert all(m.hit_x >= 0 and m.hit_x + m.hit_width <= phone.width for m in marks)
    assert all(t.x >= 0 and t.x + t.width <= phone.width for lane in phone.lanes for t in lane.labels)
    assert phone.height > full.height  # the same marks, in more rows
    # a name the phone wraps leaves its lane's marks room below it
    assert name_lines("Short", PHONE_WIDTH) == 1 and name_lines("word " * 20, PHONE_WIDTH) == 3
    assert all(lane.head == TARGET * name_lines(lane.name, PHONE_WIDTH) for lane in phone.lanes)


def test_a_fitted_axis_narrows_its_months_and_names_them_shorter():
    dates = [parse_date(d) for d in ("2021-01-10", *(f"2023-{m:02}-05" for m in range(1, 13)))]
    wide, fitted = scale(dates), scale(dates, fit=300)
    assert wide.column_width == COLUMN and wide.width > 300 >= fitted.width
    assert fitted.columns == wide.columns and len(fitted.breaks()) == len(wide.breaks()) == 1
    assert [t.month for t in fitted.ticks()][:3] == ["J", "J", "F"]
    assert scale(dates, fit=10_000).column_width == COLUMN  # fitting never widens a month
    assert scale(dates, fit=100).ticks()[1].month == ""  # too narrow to name a month at all


def test_a_narrow_screen_opens_on_the_densest_stretch_of_the_real_data():
    chart = real_chart()
    axis = scale(e.date for e in DATA.events)
    assert axis.x(dt.date(2023, 9, 1)) <= chart.focus <= axis.x(dt.date(2024, 1, 31))
    assert densest_middle([(0, 1), (500, 1), (520, 1), (540, 3), (2000, 1)], window=100) == 520
    assert densest_middle([(10, 1), (400, 1)], window=100) == 10  # a tie: the earliest
