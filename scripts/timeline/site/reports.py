"""A measure's reports at a glance: the layout of the reports chart, and the key numbers.

The reports chart sets the reported counts of one measure side by side, one bar per
report, with the qualifier and the article in the label and a mark where the articles
disagree; past MAX_REPORTS it shows the latest, with a link to all of them. A key number
is a measure's latest report as a large figure on the home page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..data.model import Figure
from ..data.paths import FIGURES, link, measure_page
from ..data.vocabulary import measure_label, qualifier_words
from .chart_axis import EDGE
from .listings import figures_split
from .views import Context, DisagreementView, FigureView, figure_conflict, figure_view
from .wording import as_written, figure_sentence

REPORT_ROW = 64  # one report: three lines of words and its bar

DATE_ROW = 22  # the date of the reports that follow

REPORTS_WIDTH = 360  # narrow enough for a phone's screen

BAR_SPACE = 200  # the longest bar; the rest of the line says where the sources differ

MAX_REPORTS = 12  # more reports than this: the latest, with a link to all of them


@dataclass(frozen=True)
class Report:
    label: str  # its name (its SVG title): the words it shows, in order, then the date
    date: str | None  # the event's date, above the first of its reports
    text: str  # 'more than 31,000 suspects (since September 2023)'
    who: str  # 'according to Chinese authorities'
    where: str  # 'in sideth.com, November 2023'
    open_end: bool  # 'more than', 'at least': the bar is drawn open at its end
    width: float
    y: float  # the top of its words (below its date, when it has one)
    differs: str | None  # what the articles disagree about, when their accounts conflict
    differs_link: str  # that disagreement on its event's page


@dataclass(frozen=True)
class ReportsChart:
    id: str
    title: str
    summary: str
    link: str  # every report of the measure, as text
    width: float
    height: float
    bar_x: float
    differs_x: float
    reports: tuple[Report, ...]


def figures_link(ctx: Context, page: str, measure: str) -> str:
    """Where every report of a measure is listed: a section of the figures page (its
    heading's anchor), or its own page when the figures page is split."""
    if figures_split(ctx):
        return link(page, measure_page(measure))
    return link(page, FIGURES, measure)


def report(ctx: Context, page: str, figure: Figure, largest: int, first_of_date: bool, y: float) -> Report:
    """One report, attributed as the figures page attributes it, with its bar's length."""
    view = figure_view(ctx, page, figure)
    who = "in the article's own words" if view.own_voice else f"according to {view.reporter}"
    text = view.text + (f" ({view.period})" if view.period else "")
    differs = view.differs
    return Report(
        label=f"{text} {who} in {view.source}, at the date of its event, {view.event.date}",
        date=view.event.date if first_of_date else None,
        text=text,
        who=who,
        where=f"in {view.source}",
        open_end=figure.qualifier in ("more-than", "at-least"),
        width=round(max(figure.value / largest, 0.02) * BAR_SPACE, 1),
        y=y + (DATE_ROW if first_of_date else 0),
        differs=differs.about if differs else None,
        differs_link=differs.link if differs else "",
    )


def reports(ctx: Context, page: str, measure: str, chart_id: str) -> ReportsChart | None:
    """Each report of a measure as a bar as long as its number, under the date of its event."""
    figures = ctx.data.figures_by_measure.get(measure, ())
    if not figures:
        return None
    shown = sorted(figures, key=lambda f: ctx.data.event(f.event).date.sort_key)[-MAX_REPORTS:]
    largest = max(f.value for f in shown)
    items: list[Report] = []
    y, previous = 0.0, None
    for figure in shown:
        date = ctx.data.event(figure.event).date
        items.append(report(ctx, page, figure, largest, date != previous, y))
        y, previous = items[-1].y + REPORT_ROW, date
    count = (
        f"the latest {len(shown)} of {len(figures):,}" if len(shown) < len(figures) else f"all {len(shown)}"
    )
    return ReportsChart(
        id=chart_id,
        title=f"{measure_label(measure)}: the numbers as reported",
        summary=f"Here are {count} reports, each a bar as long as its number, by the date of its event.",
        link=figures_link(ctx, page, measure),
        width=REPORTS_WIDTH,
        height=y + 4,
        bar_x=EDGE,
        differs_x=REPORTS_WIDTH - EDGE,
        reports=tuple(items),
    )


@dataclass(frozen=True)
class KeyNumber:
    """A measure's latest report as a large figure, and where to read every report of it."""

    number: str  # '41,000'
    qualifier: str  # 'more than ', or ''
    sentence: str  # 'At least 120,000 people could be trapped in scam compounds in Myanmar'
    outlet: str  # 'Daily Tribune': the article's publisher, as a sentence names it
    figure: FigureView  # who gave it, and in which article
    reports: int
    link: str
    differs: DisagreementView | None  # the conflict over its number, where its mark links


def key_numbers(ctx: Context, page: str, measures: Iterable[str]) -> tuple[KeyNumber, ...]:
    """For each measure that has reports, the latest (by the date of its event)."""
    numbers = []
    for measure in measures:
        figures = ctx.data.figures_by_measure.get(measure, ())
        if not figures:
            continue
        latest = max(figures, key=lambda f: ctx.data.event(f.event).date.sort_key)
        numbers.append(
            KeyNumber(
                number=as_written(latest.value),
                qualifier=qualifier_words(latest.qualifier),
                sentence=figure_sentence(latest),
                outlet=outlet(ctx, latest.source),
                figure=figure_view(ctx, page, latest),
                reports=len(figures),
                link=figures_link(ctx, page, measure),
                differs=next(filter(None, (figure_conflict(ctx, page, f) for f in (latest, *figures))), None),
            )
        )
    return tuple(numbers)


def outlet(ctx: Context, source_id: str) -> str:
    """The article's publisher as a sentence names it, without the bracketed note that tells
    it apart in lists: 'Daily Tribune (Philippines)' reads 'Daily Tribune'."""
    return re.sub(r"\s*\([^)]*\)$", "", ctx.data.sources[source_id].publisher)
