"""What each page shows, as typed, frozen views built by pure functions from the model.

Python decides the labels, links, numbering and grouping here; the templates only lay
the views out. Every builder takes the page the view is for, since links are relative.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TypeVar

from slugify import slugify

from ..data.markup import safe_url
from ..data.model import Citation, Dataset, Disagreement, Event, Figure
from ..data.paths import CONFIRMATION_ANCHOR, entity_page, event_page, link, source_page
from ..data.vocabulary import measure_label
from .info import SiteInfo
from .periods import Period, event_pages, split
from .wording import (
    as_written,
    continues,
    figure_text,
    machine_date,
    month_label,
    plain_numbers,
    unless_latest,
)


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
    """A short reference to an event: its date, title and a link to its own page."""

    date: str
    title: str
    link: str


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
    differs: DisagreementView | None  # the conflict over its number, where its mark links
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
    conflict: bool  # the accounts cannot all be right: marked "sources differ"
    kind: str  # number, date, attribution, identity, wording or account
    anchor: str  # its heading's id on the event's page
    link: str  # that heading, from the page it is shown on


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
    page: str = ""  # the event's own page, with everything about it
    differ: str | None = None  # the anchor of its first disagreement there, the timeline's mark
    former_ids: tuple[str, ...] = ()  # its ids before a rename: anchors, so old links land on it


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
    """Where a page of a long list (of events, citations or entries) stands among the list's pages."""

    first: int  # 1-based numbers of the first and last item on this page
    last: int
    total: int
    size: int
    pages: tuple[PageLink, ...]


def pager(page: str, paths: list[str], number: int, total: int, size: int) -> Pager:
    """The pager of page `number` (from 1) of the list whose pages are at `paths`."""
    links = tuple(PageLink(str(n), link(page, path), n == number) for n, path in enumerate(paths, start=1))
    first = (number - 1) * size + 1
    return Pager(first, min(number * size, total), total, size, links)


_Item = TypeVar("_Item")


def around(items: Sequence[_Item], at: int) -> tuple[_Item | None, _Item | None]:
    """The items before and after position at (None past either end): a page's previous and
    next in a sequence of pages."""
    return (items[at - 1] if at > 0 else None, items[at + 1] if at + 1 < len(items) else None)


def passages(citations: Sequence[CitationView]) -> str:
    """The one line a collapsed list of citations shows: how many passages, from which
    articles ('2 passages from OCCRP, 24 November 2023; Reuters, 1 May 2024'), each
    saying whether its text was confirmed against its page."""
    count = len(citations)
    labels = "; ".join(dict.fromkeys(c.label + (UNCONFIRMED if c.unconfirmed else "") for c in citations))
    return f"Sources: {count} quoted passage{'' if count == 1 else 's'} from {labels}"


# --- views of the model --------------------------------------------------------------------------


def event_ref(ctx: Context, page: str, event: Event) -> EventRef:
    return EventRef(event.date.display(), event.title, link(page, event_page(event.id)))


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
        differs=figure_conflict(ctx, page, figure),
        unconfirmed=unconfirmed_link(ctx, page, figure.source),
    )


def figure_conflict(ctx: Context, page: str, figure: Figure) -> DisagreementView | None:
    """The conflict in the figure's event whose accounts give its number, if any: only accounts
    that cannot all be right mark a number "sources differ"; a difference in detail does not."""
    event = ctx.data.event(figure.event)
    number = as_written(figure.value)
    conflicts = (d for d in event.disagreements if d.conflict)
    found = next((d for d in conflicts if any(number in a.says for a in d.accounts)), None)
    return disagreement_view(ctx, page, event, found) if found else None


def disagreement_views(ctx: Context, page: str, event: Event) -> tuple[DisagreementView, ...]:
    return tuple(disagreement_view(ctx, page, event, d) for d in event.disagreements)


def disagreement_view(ctx: Context, page: str, event: Event, d: Disagreement) -> DisagreementView:
    """A disagreement with its kind, whether it is a conflict, and its own place on its event's
    page, where every mark that it puts on a number or an event links."""
    anchor = differ_anchors(event)[event.disagreements.index(d)]
    return DisagreementView(
        about=d.about,
        note=d.note,
        conflict=d.conflict,
        kind=d.kind,
        anchor=anchor,
        link=link(page, event_page(event.id), anchor),
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
    disagreements = disagreement_views(ctx, page, event)
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
        disagreements=disagreements,
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
        page=link(page, event_page(event.id)),
        differ=next((v.anchor for v in disagreements if v.conflict), None),
        former_ids=event.former_ids,
    )


def differ_anchors(event: Event) -> tuple[str, ...]:
    """Each disagreement's anchor on its event's page, made from what it is about: stable
    while its wording stays, and unique on the page (a repeated one is numbered)."""
    seen: list[str] = []
    for d in event.disagreements:
        base = "differ-" + (slugify(d.about, max_length=60, word_boundary=True) or "point")
        anchor, n = base, 1
        while anchor in seen:
            n += 1
            anchor = f"{base}-{n}"
        seen.append(anchor)
    return tuple(seen)


def related_views(ctx: Context, page: str, event: Event) -> tuple[RelatedView, ...]:
    """The event's related reports, in timeline order."""
    others = sorted(
        ((ctx.data.event(r.event), r.note) for r in event.related_reports),
        key=lambda pair: (pair[0].date.sort_key, pair[0].id),
    )
    return tuple(RelatedView(event_ref(ctx, page, other), note) for other, note in others)


def year_views(ctx: Context, page: str, events: Iterable[Event]) -> tuple[YearView, ...]:
    """Events grouped by year, then by month, in date order: one heading a month, and the
    events known only to the year under the year's last, '2023, month not known'."""
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
