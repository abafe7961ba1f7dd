"""What each page shows, as typed, frozen views built by pure functions from the model.

Python decides the labels, links, numbering and grouping here; the templates only lay
the views out. Every builder takes the page the view is for, since links are relative.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import groupby

from ..data.dates import FuzzyDate, Precision
from ..data.markup import safe_url
from ..data.model import Citation, Dataset, Disagreement, Entity, Event, Figure
from ..data.paths import CONFIRMATION_ANCHOR, entity_page, link, source_page
from ..data.vocabulary import TOPIC, measure_label, qualifier_words
from .info import SiteInfo
from .periods import Period, event_pages, split


@dataclass(frozen=True)
class Context:
    """What every view may read: the model, where the site lives, and the timeline's pages."""

    data: Dataset
    site: SiteInfo
    periods: tuple[Period, ...]
    pages: Mapping[str, str]  # event id -> the timeline page it is on
    latest_change: str | None = None  # the newest date any event's file last changed

    @classmethod
    def of(cls, data: Dataset, site: SiteInfo) -> Context:
        periods = split(data.events, site.events_per_page)
        latest = max((site.changed[e.path] for e in data.events if e.path in site.changed), default=None)
        return cls(data, site, periods, event_pages(periods), latest)

    def event_link(self, page: str, event_id: str) -> str:
        """A link from page to the event, on the timeline page it is on."""
        return link(page, self.pages[event_id], event_id)


@dataclass(frozen=True)
class LinkView:
    label: str
    link: str


@dataclass(frozen=True)
class CitationView:
    number: int
    label: str  # publisher and date
    quote: str
    source_link: str
    original: str | None  # the article's address, when known and safe
    unconfirmed: str | None = None  # see unconfirmed_link


@dataclass(frozen=True)
class ChipView:
    label: str
    kind: str
    link: str


@dataclass(frozen=True)
class EventRef:
    """A short reference to an event: its date, title and permalink on the timeline."""

    date: str
    title: str
    link: str
    summary: str


@dataclass(frozen=True)
class FigureView:
    text: str  # 'more than 31,000 suspects'
    measure: str
    period: str | None
    reporter: str  # an entity's name, or the article itself when it names no one
    own_voice: bool
    reporter_link: str | None
    source: str
    source_link: str
    quote: str
    note: str | None
    event: EventRef
    sources: tuple[LinkView, ...] = ()  # every article that reports it, where merged
    unconfirmed: str | None = None  # see unconfirmed_link


@dataclass(frozen=True)
class AccountView:
    source: str
    source_link: str
    says: str
    quote: str
    unconfirmed: str | None = None  # see unconfirmed_link


@dataclass(frozen=True)
class DisagreementView:
    about: str
    note: str | None
    event: EventRef
    accounts: tuple[AccountView, ...]


@dataclass(frozen=True)
class RelatedView:
    """Another event that may report the same incident, and what the two have in common."""

    event: EventRef
    note: str


@dataclass(frozen=True)
class EventView:
    id: str
    title: str
    date: str
    datetime: str | None  # a valid HTML datetime, only for an exact day
    date_basis: str
    summary: str
    chips: tuple[ChipView, ...]
    topics: str  # space-separated ids, for the filters
    entities: str
    kinds: str
    figures: tuple[FigureView, ...]
    disagreements: tuple[DisagreementView, ...]
    citations: tuple[CitationView, ...]
    changed: str | None
    history: str | None
    continues: str | None = None  # 'Continues to …': a span listed at its start
    related: tuple[RelatedView, ...] = ()
    plain_numbers: str = ""  # '41000 31000': the card's numbers without separators, for search


@dataclass(frozen=True)
class MonthView:
    label: str
    events: tuple[EventView, ...]


@dataclass(frozen=True)
class YearView:
    year: int
    months: tuple[MonthView, ...]


@dataclass(frozen=True)
class PeriodLink:
    label: str
    link: str
    count: int


@dataclass(frozen=True)
class PeriodYear:
    """A year on the overview page, with the pages it is split into."""

    year: int
    periods: tuple[PeriodLink, ...]


@dataclass(frozen=True)
class PageLink:
    label: str
    link: str
    current: bool


@dataclass(frozen=True)
class Pager:
    """Where a page of a long list of events stands among the list's pages."""

    first: int  # 1-based numbers of the first and last event on this page
    last: int
    total: int
    size: int
    pages: tuple[PageLink, ...]


def pager(page: str, paths: list[str], number: int, total: int, size: int) -> Pager:
    """The pager of page `number` (from 1) of the list whose pages are at `paths`."""
    links = tuple(PageLink(str(n), link(page, path), n == number) for n, path in enumerate(paths, start=1))
    first = (number - 1) * size + 1
    return Pager(first, min(number * size, total), total, size, links)


@dataclass(frozen=True)
class EntityRow:
    name: str
    link: str
    count: int
    summary: str


@dataclass(frozen=True)
class KindGroup:
    kind: str
    label: str
    entities: tuple[Entity, ...]
    rows: tuple[EntityRow, ...]


@dataclass(frozen=True)
class SourceRow:
    title: str
    publisher: str
    published: str
    link: str
    count: int


@dataclass(frozen=True)
class QuotedIn:
    """Where a source is quoted: an event or an entity, and the passages taken from it."""

    title: str
    date: str | None
    link: str
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class MeasureView:
    measure: str
    figures: tuple[FigureView, ...]


@dataclass(frozen=True)
class MeasureSummary:
    """A measure on the overview of a split figures page: how many reports, and where."""

    measure: str
    count: int
    link: str


@dataclass(frozen=True)
class StorylineView:
    name: str
    link: str
    span: str
    count: int
    summary: str


# --- small parts -------------------------------------------------------------------------------


def figure_text(figure: Figure) -> str:
    """'more than 31,000 suspects', '3 billion yuan': as the articles write them."""
    return f"{qualifier_words(figure.qualifier)}{as_written(figure.value)} {figure.unit}"


def as_written(value: int) -> str:
    """Round billions and millions in words ('3 billion', '41.4 million'), else '31,000'."""
    for word, size in (("billion", 10**9), ("million", 10**6)):
        if value >= size and value % (size // 10) == 0:
            return f"{f'{value / size:.1f}'.removesuffix('.0')} {word}"
    return f"{value:,}"


def passages(citations: Sequence[CitationView]) -> str:
    """The one line a collapsed list of citations shows: how many passages, from which
    articles ('2 passages from OCCRP, 24 November 2023; Reuters, 1 May 2024'), each
    saying whether its text was confirmed against its page."""
    count = len(citations)
    labels = "; ".join(dict.fromkeys(c.label + (UNCONFIRMED if c.unconfirmed else "") for c in citations))
    return f"Sources: {count} quoted passage{'' if count == 1 else 's'} from {labels}"


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
    """The heading an event is listed under: its month, or, when its date is known only to
    the month or the year, a group of its own at the end of that month or year."""
    start = event.date.start
    when = str(start.earliest.year) if start.precision is Precision.YEAR else start.earliest.strftime("%B %Y")
    if start.precision is Precision.DAY:
        return when
    return f"{when} or earlier" if event.date.open_start else f"Sometime in {when}"


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


# --- views of the model --------------------------------------------------------------------------


def event_ref(ctx: Context, page: str, event: Event) -> EventRef:
    return EventRef(event.date.display(), event.title, ctx.event_link(page, event.id), event.summary)


def citation_views(ctx: Context, page: str, citations: Iterable[Citation]) -> tuple[CitationView, ...]:
    return tuple(
        CitationView(
            number=n,
            label=ctx.data.sources[c.source].cited_as,
            quote=c.quote,
            source_link=link(page, source_page(c.source)),
            original=safe_url(ctx.data.sources[c.source].url),
            unconfirmed=unconfirmed_link(ctx, page, c.source),
        )
        for n, c in enumerate(citations, start=1)
    )


UNCONFIRMED = " (address not confirmed)"  # after a source's name, where its text was not confirmed


def unconfirmed_link(ctx: Context, page: str, source_id: str) -> str | None:
    """Where the source's page explains that its text has not been confirmed against the
    published article (timeline confirm-source); None once it has been."""
    if ctx.data.sources[source_id].confirmed is not None:
        return None
    return link(page, source_page(source_id), CONFIRMATION_ANCHOR)


def chip_views(ctx: Context, page: str, event: Event) -> tuple[ChipView, ...]:
    entities = [ctx.data.entities[i] for i in (*event.topics, *event.entities)]
    return tuple(ChipView(e.name, e.kind, link(page, entity_page(e.id, e.kind))) for e in entities)


def figure_view(ctx: Context, page: str, figure: Figure) -> FigureView:
    """A figure with who gave it: an entity, or the article itself when it names no one."""
    reporter = ctx.data.entities.get(figure.reported_by or "")
    source = ctx.data.sources[figure.source]
    return FigureView(
        text=figure_text(figure),
        measure=measure_label(figure.measure),
        period=figure.period,
        reporter=reporter.name if reporter else f"{source.publisher}, in its own words",
        own_voice=reporter is None,
        reporter_link=link(page, entity_page(reporter.id, reporter.kind)) if reporter else None,
        source=source.cited_as,
        source_link=link(page, source_page(figure.source)),
        quote=figure.quote,
        note=figure.note,
        event=event_ref(ctx, page, ctx.data.event(figure.event)),
        unconfirmed=unconfirmed_link(ctx, page, figure.source),
    )


def disagreement_views(ctx: Context, page: str, event: Event) -> tuple[DisagreementView, ...]:
    return tuple(disagreement_view(ctx, page, event, d) for d in event.disagreements)


def disagreement_view(ctx: Context, page: str, event: Event, d: Disagreement) -> DisagreementView:
    return DisagreementView(
        about=d.about,
        note=d.note,
        event=event_ref(ctx, page, event),
        accounts=tuple(
            AccountView(
                ctx.data.sources[a.source].cited_as,
                link(page, source_page(a.source)),
                a.says,
                a.quote,
                unconfirmed_link(ctx, page, a.source),
            )
            for a in d.accounts
        ),
    )


def event_view(ctx: Context, page: str, event: Event) -> EventView:
    return EventView(
        id=event.id,
        title=event.title,
        date=event.date.display(),
        datetime=machine_date(event.date),
        date_basis=event.date_basis,
        summary=event.summary,
        chips=chip_views(ctx, page, event),
        topics=" ".join(event.topics),
        entities=" ".join(event.entities),
        kinds=" ".join(sorted({ctx.data.entities[e].kind for e in event.entities})),
        figures=tuple(figure_view(ctx, page, f) for f in event.figures),
        disagreements=disagreement_views(ctx, page, event),
        citations=citation_views(ctx, page, event.citations),
        changed=unless_latest(ctx.site.changed.get(event.path), ctx.latest_change),
        history=ctx.site.history(event.path),
        continues=continues(event.date),
        related=related_views(ctx, page, event),
        plain_numbers=plain_numbers(
            event.title,
            event.summary,
            *(figure_text(f) for f in event.figures),
            *(q.quote for q in event.quotations()),
        ),
    )


def related_views(ctx: Context, page: str, event: Event) -> tuple[RelatedView, ...]:
    """The event's related reports, in timeline order."""
    others = sorted(
        ((ctx.data.event(r.event), r.note) for r in event.related_reports),
        key=lambda pair: (pair[0].date.sort_key, pair[0].id),
    )
    return tuple(RelatedView(event_ref(ctx, page, other), note) for other, note in others)


def year_views(ctx: Context, page: str, events: Iterable[Event]) -> tuple[YearView, ...]:
    """Events grouped by year, then by month (or 'Sometime in 2023'), in date order."""
    years = []
    for year, in_year in groupby(events, key=lambda e: e.date.start.earliest.year):
        months = tuple(
            MonthView(label, tuple(event_view(ctx, page, e) for e in in_month))
            for label, in_month in groupby(in_year, key=month_label)
        )
        years.append(YearView(year, months))
    return tuple(years)


def period_years(ctx: Context, page: str) -> tuple[PeriodYear, ...]:
    """The timeline's pages by year, for the overview."""
    return tuple(
        PeriodYear(year, tuple(PeriodLink(p.label, link(page, p.path), len(p.events)) for p in periods))
        for year, grouped in groupby(ctx.periods, key=lambda p: p.events[0].date.start.earliest.year)
        for periods in [list(grouped)]
    )


def kind_groups(ctx: Context, page: str, entities: Iterable[Entity]) -> tuple[KindGroup, ...]:
    """Entities grouped by kind, in the schema's order of kinds, each group by name."""
    order = ctx.data.vocabulary.entity_kinds
    ordered = sorted(entities, key=lambda e: (order.index(e.kind), e.name.lower()))
    return tuple(
        KindGroup(kind, ctx.data.vocabulary.kind_plural(kind), tuple(group), entity_rows(ctx, page, group))
        for kind, grouped in groupby(ordered, key=lambda e: e.kind)
        for group in [list(grouped)]
    )


def entity_rows(ctx: Context, page: str, entities: Iterable[Entity]) -> tuple[EntityRow, ...]:
    return tuple(
        EntityRow(e.name, link(page, entity_page(e.id, e.kind)), len(ctx.data.events_of(e.id)), e.summary)
        for e in entities
    )


def source_rows(ctx: Context, page: str) -> tuple[SourceRow, ...]:
    by_date = sorted(ctx.data.sources.values(), key=lambda s: s.published.sort_key)
    return tuple(
        SourceRow(
            s.title,
            s.publisher,
            s.published.display(),
            link(page, source_page(s.id)),
            len(ctx.data.events_by_source.get(s.id, ())),
        )
        for s in by_date
    )


def quoted_in(ctx: Context, page: str, source_id: str) -> tuple[tuple[QuotedIn, ...], tuple[QuotedIn, ...]]:
    """The events, then the entity descriptions, that quote a source, with the passages."""
    events = tuple(
        QuotedIn(
            event.title,
            event.date.display(),
            ctx.event_link(page, event.id),
            tuple(dict.fromkeys(c.quote for c in event.quotations(source_id))),
        )
        for event in ctx.data.events_by_source.get(source_id, ())
    )
    entities = tuple(
        QuotedIn(e.name, None, link(page, entity_page(e.id, e.kind)), quotes)
        for e in ctx.data.entities.values()
        if (quotes := tuple(c.quote for c in e.citations if c.source == source_id))
    )
    return events, entities


def ranked_measures(ctx: Context) -> list[tuple[str, tuple[Figure, ...]]]:
    """Every measure with its figures; the most reported measures first."""
    return sorted(ctx.data.figures_by_measure.items(), key=lambda item: (-len(item[1]), item[0]))


def figures_split(ctx: Context) -> bool:
    """Whether the figures page is split into a page per measure and pages of disagreements."""
    size = ctx.site.figures_per_page
    disagreements = sum(len(e.disagreements) for e in ctx.data.events)
    return sum(len(f) for f in ctx.data.figures_by_measure.values()) > size or disagreements > size


def measure_views(ctx: Context, page: str) -> tuple[MeasureView, ...]:
    """Every figure, by what it counts; the most reported measures first."""
    return tuple(
        MeasureView(measure_label(m), tuple(figure_view(ctx, page, f) for f in figures))
        for m, figures in ranked_measures(ctx)
    )


def headline_figures(ctx: Context, page: str, measures: Iterable[str]) -> tuple[MeasureView, ...]:
    """Every reported figure of each measure; the same number from the same reporter for
    the same event is listed once, with every article that reports it, never dropped."""
    views = []
    for measure in measures:
        merged: dict[tuple[object, ...], tuple[FigureView, list[LinkView]]] = {}
        for figure in ctx.data.figures_by_measure.get(measure, ()):
            key = (figure.value, figure.qualifier, figure.period, figure.reported_by, figure.event)
            view = figure_view(ctx, page, figure)
            merged.setdefault(key, (view, []))[1].append(LinkView(view.source, view.source_link))
        figures = tuple(replace(view, sources=tuple(sources)) for view, sources in merged.values())
        views.append(MeasureView(measure_label(measure), figures))
    return tuple(views)


def storyline_views(ctx: Context, page: str, order: Iterable[str]) -> tuple[StorylineView, ...]:
    """The topics in the order given (the home page's), then any others."""
    topics = [ctx.data.entities[t] for t in order if t in ctx.data.entities]
    topics += [e for e in ctx.data.entities.values() if e.kind == TOPIC and e not in topics]
    return tuple(
        StorylineView(
            topic.name,
            link(page, entity_page(topic.id, TOPIC)),
            span(ctx.data.events_by_topic.get(topic.id, ())),
            len(ctx.data.events_by_topic.get(topic.id, ())),
            topic.summary,
        )
        for topic in topics
    )
