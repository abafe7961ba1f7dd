"""Page assembly: each generated page is a template filled with views, one Output per page
(templating.py holds the templates and the filters that make text safe; eventpage.py
each event's own page)."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from markupsafe import Markup

from ..data.markup import safe_url
from ..data.model import Disagreement, Entity, Event, Figure, Source
from ..data.paths import (
    CONFIRMATION_ANCHOR,
    DISAGREEMENTS,
    ENTITIES_INDEX,
    EVENTS_FOLDER,
    FIGURES,
    SOURCES_INDEX,
    TIMELINE,
    TOPICS_INDEX,
    Output,
    entity_page,
    link,
    measure_page,
    page_paths,
    source_page,
)
from ..data.vocabulary import TOPIC, measure_label
from .chart_layout import PHONE_WIDTH
from .charts import Overview, overview
from .digest import Neighbours, report_groups, topic_digest
from .listings import (
    FilterTree,
    MeasureSummary,
    entity_rows,
    families,
    figures_split,
    filters,
    kind_groups,
    measure_views,
    quoted_in,
    quoting,
    ranked_measures,
    source_rows,
    sources_by_date,
)
from .locator import locator_map
from .periods import shard_of
from .reports import reports
from .structured import entity_ld, json_ld, timeline_ld
from .templating import fill
from .views import (
    Context,
    LinkView,
    Pager,
    around,
    citation_views,
    disagreement_view,
    event_ref,
    figure_view,
    pager,
    period_years,
    year_views,
)
from .wording import span


def overview_chart(
    ctx: Context, page: str, events: Sequence[Event], list_link: str, filtered: bool = False
) -> Markup:
    """The events at a glance, as inline SVG (nothing when there are none); `filtered`: on
    a page with the filters, a month's count lists its events, for the filters to recount it."""
    return chart_markup(overview_drawings(ctx, page, events, list_link), filtered)


def overview_drawings(
    ctx: Context, page: str, events: Sequence[Event], list_link: str
) -> tuple[Overview, Overview] | None:
    """The chart drawn twice: at full scale, and fitted to a phone's width, which the style
    sheet shows on a narrow screen (None when there are no events)."""
    chart = overview(ctx, page, events, "tl-overview", list_link)
    if chart is None:
        return None
    phone = overview(ctx, page, events, "tl-overview-phone", list_link, fit=PHONE_WIDTH)
    assert phone is not None  # the same events
    return chart, phone


def chart_markup(drawings: Sequence[Overview] | None, filtered: bool = False) -> Markup:
    """The two drawings as the chart's HTML (nothing when there are none)."""
    if not drawings:
        return Markup()
    chart, phone = drawings
    return Markup(fill("overview_chart.html.j2", c=chart, phone=phone, filtered=filtered))


def reports_chart(ctx: Context, page: str, measure: str) -> Markup:
    """A measure's reported numbers side by side, as inline SVG (nothing when there are none)."""
    chart = reports(ctx, page, measure, f"tl-reports-{measure}")
    return Markup(fill("reports_chart.html.j2", c=chart)) if chart else Markup()


def description(ctx: Context) -> str:
    """The timeline's description, for search engines and link previews."""
    return f"Every event of {ctx.site.subject}, in date order, each with its sources."


def figures_chart(ctx: Context) -> Markup:
    """The chart at the top of the figures page: the reports of the measure the site chooses,
    else of the most reported one (nothing when no event reports a figure)."""
    measure = ctx.site.figures_chart or next(
        (m for m, _ in ranked_measures(ctx.data.figures_by_measure)), None
    )
    return reports_chart(ctx, FIGURES, measure) if measure else Markup()


def overview_page(ctx: Context, tree: FilterTree, drawings: Sequence[Overview]) -> str:
    return fill(
        "timeline_overview.md.j2",
        total=len(ctx.data.events),
        span=span(ctx.data.events),
        description=description(ctx),
        filters=filters(ctx, TIMELINE, tree, ctx.data.events),
        years=period_years(ctx, TIMELINE),
        shards=len(ctx.periods),
        chart=chart_markup(drawings, filtered=True),
    )


def period_page(ctx: Context, index: int, tree: FilterTree) -> Output:
    period = ctx.periods[index]
    page = period.path
    split = page != TIMELINE
    previous, following = (
        LinkView(p.label, link(page, p.path)) if p and split else None for p in around(ctx.periods, index)
    )
    markdown = fill(
        "timeline.md.j2",
        title=f"Timeline: {period.label}" if split else "Timeline",
        description=f"{period.label}: {description(ctx)}" if split else description(ctx),
        overview=link(page, TIMELINE) if split else None,
        previous=previous,
        next=following,
        years=year_views(ctx, page, period.events),
        count=len(period.events),
        total=len(ctx.data.events),
        structured=json_ld(timeline_ld(ctx.data, ctx.site, period.events)),
        filters=filters(ctx, page, tree, period.events),
        chart=overview_chart(ctx, page, period.events, link(page, page), filtered=True),
        changed=ctx.latest_change,
        history=ctx.site.history("events"),
    )
    return Output(page, markdown)


def timeline_data(ctx: Context, counted: dict[int, list[int]]) -> list[Output]:
    """What the overview loads on demand: the page of each event (of a former id, the event's
    own page), in parts by a hash of its id (to forward a permalink with one small part),
    and a compact index of every event (to filter across periods), with the chart's counts
    that hold it (counted: by its place; see counted_in_index)."""
    folder = posixpath.dirname(ctx.periods[0].path)

    def slug(event_id: str) -> str:
        return posixpath.relpath(ctx.pages[event_id], folder).removesuffix(".md")

    pages = {e.id: slug(e.id) for e in ctx.data.events}
    folder_of = posixpath.relpath(EVENTS_FOLDER, folder)
    pages |= {old: f"{folder_of}/{e.id}" for e in ctx.data.events for old in e.former_ids}  # to its page
    shards: list[dict[str, str]] = [{} for _ in range(len(ctx.periods))]
    for event_id, page in pages.items():
        shards[shard_of(event_id, len(shards))][event_id] = page
    index = [
        {
            "id": e.id,
            "page": pages[e.id],
            "date": e.date.display(),
            "title": e.title,
            "topics": list(e.topics),
            "entities": list(e.entities),
            "kinds": sorted({ctx.data.entities[x].kind for x in e.entities}),
        }
        | ({"counts": counted[n]} if n in counted else {})
        for n, e in enumerate(ctx.data.events)
    ]
    maps = [Output(f"{folder}/pages/{n}.json", _compact(shard)) for n, shard in enumerate(shards)]
    return [*maps, Output(f"{folder}/events.json", _compact(index))]


def _compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


T = TypeVar("T")


@dataclass(frozen=True)
class Part:
    """Pages made in one go: the preview makes again only the parts an edit changes
    (see remake.py); a build makes them all."""

    name: str
    make: Callable[[], list[Output]]
    about: frozenset[str] = frozenset()  # the events it shows besides those its pages link to
    every_event: bool = False  # it shows every event's words, so is made again at every save


def list_pages(
    first: str, items: Sequence[T], size: int, render: Callable[[str, Sequence[T], Pager], str]
) -> list[Output]:
    """A long list on pages of `size` items: first, then first/2.md, …, each with a pager."""
    return [output for part in list_parts(first, items, size, render) for output in part.make()]


def list_parts(
    first: str,
    items: Sequence[T],
    size: int,
    render: Callable[[str, Sequence[T], Pager], str],
    data_file: str | None = None,
) -> list[Part]:
    """list_pages(), a part for each page (named by its path), each page's edit link
    opening data_file."""
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [items]
    paths = page_paths(first, len(chunks))

    def page(number: int, path: str, chunk: Sequence[T]) -> list[Output]:
        return [Output(path, render(path, chunk, pager(path, paths, number, len(items), size)), data_file)]

    numbered = enumerate(zip(paths, chunks, strict=True), start=1)
    return [Part(path, partial(page, number, path, chunk)) for number, (path, chunk) in numbered]


def entity_pages(ctx: Context, entity: Entity, around: Neighbours) -> list[Part]:
    """An entity's page, with its first events; further pages for the rest of a long list."""
    page = entity_page(entity.id, entity.kind)

    def render(path: str, events: Sequence[Event], page_list: Pager) -> str:
        if path == page:
            return _entity_page(ctx, entity, events, page_list, around)
        return fill(
            "entity_events.md.j2",
            entity=entity,
            entity_link=link(path, page),
            events=[event_ref(ctx, path, e) for e in events],
            pager=page_list,
            groups=report_groups(ctx, path, events),
            digest=topic_digest(ctx, path, events) if entity.kind == TOPIC else None,
            around=None,  # previous and next entity: on its first page
        )

    return list_parts(
        page, ctx.data.events_of(entity.id), ctx.site.events_per_entity_page, render, entity.path
    )


def _entity_page(
    ctx: Context, entity: Entity, events: Sequence[Event], page_list: Pager, around: Neighbours
) -> str:
    page = entity_page(entity.id, entity.kind)
    related = [ctx.data.entities[r] for r in entity.related]
    return fill(
        "entity.md.j2",
        entity=entity,
        kind_label=ctx.data.vocabulary.kind_singular(entity.kind),
        citations=citation_views(ctx, page, entity.citations),
        events=[event_ref(ctx, page, e) for e in events],
        pager=page_list,
        related=[LinkView(r.name, link(page, entity_page(r.id, r.kind))) for r in related],
        index_link=link(page, TOPICS_INDEX if entity.kind == TOPIC else ENTITIES_INDEX),
        changed=ctx.site.changed.get(entity.path),
        history=ctx.site.history(entity.path),
        structured=json_ld(entity_ld(entity)),
        chart=overview_chart(ctx, page, ctx.data.events_of(entity.id), link(page, page, "events")),
        map=locator_map(ctx, page, entity.id) if entity.location else None,  # a place with coordinates
        groups=report_groups(ctx, page, events),  # of the events on this page, as on the others
        digest=topic_digest(ctx, page, events) if entity.kind == TOPIC else None,
        around=around,
    )


def index_pages(ctx: Context, order: Sequence[Entity]) -> list[Output]:
    """The indexes of topics (in story order, as on the home page), entities and sources;
    a long index of entities or sources goes on to further pages."""
    topics = [e for e in order if e.kind == TOPIC]
    others = [e for e in ctx.data.entities.values() if e.kind != TOPIC]
    size = ctx.site.entries_per_index_page

    def entities(path: str, chunk: Sequence[tuple[Entity, ...]], page_list: Pager) -> str:
        listed = [e for family in chunk for e in family]
        drawn = locator_map(ctx, path) if path == ENTITIES_INDEX else None  # on the first page
        return fill("entities_index.md.j2", groups=kind_groups(ctx, path, listed), map=drawn, pager=page_list)

    def sources(path: str, chunk: Sequence[Source], page_list: Pager) -> str:
        return fill("sources_index.md.j2", rows=source_rows(ctx, path, chunk), pager=page_list)

    rows = entity_rows(ctx, TOPICS_INDEX, topics)
    return [
        Output(TOPICS_INDEX, fill("topics_index.md.j2", rows=rows, subject=ctx.site.subject)),
        *list_pages(ENTITIES_INDEX, families(ctx, others), size, entities),
        *list_pages(SOURCES_INDEX, sources_by_date(ctx), size, sources),
    ]


def source_pages(ctx: Context, source: Source) -> list[Part]:
    """A source's page, with the first of the events and descriptions that quote it;
    further pages for the rest of a long list, as an entity's events go on."""
    page = source_page(source.id)
    records = quoting(ctx, source.id)
    cited = sum(1 for r in records if isinstance(r, Event))

    def render(path: str, chunk: Sequence[Event | Entity], page_list: Pager) -> str:
        events, entities = quoted_in(ctx, path, source.id, chunk)
        return fill(
            "source.md.j2" if path == page else "source_quotes.md.j2",
            source=source,
            source_link=link(path, page),
            url=safe_url(source.url),
            archive_url=safe_url(source.archive_url),
            events=events,
            entities=entities,
            cited=cited,
            described=len(records) - cited,
            pager=page_list,
            anchor=CONFIRMATION_ANCHOR,
        )

    return list_parts(page, records, ctx.site.events_per_entity_page, render, source.path)


def figures_pages(ctx: Context) -> list[Output]:
    """Every reported figure and every disagreement on one page; when there are more than
    figures_per_page of either, an overview with pages for each measure and the disagreements."""
    size = ctx.site.figures_per_page
    measures = ranked_measures(ctx.data.figures_by_measure)
    disagreements = [(e, d) for e in ctx.data.events for d in e.disagreements]
    if not figures_split(ctx):
        views = [disagreement_view(ctx, FIGURES, e, d) for e, d in disagreements]
        chart = figures_chart(ctx)
        markdown = fill(
            "figures.md.j2", measures=measure_views(ctx, FIGURES), disagreements=views, chart=chart
        )
        return [Output(FIGURES, markdown)]
    summaries = [
        MeasureSummary(measure_label(m), len(fs), link(FIGURES, measure_page(m))) for m, fs in measures
    ]
    overview = fill(
        "figures_overview.md.j2",
        measures=summaries,
        disagreements=LinkView(f"{len(disagreements):,}", link(FIGURES, DISAGREEMENTS)),
        chart=figures_chart(ctx),
    )
    outputs = [Output(FIGURES, overview)]
    for measure, figures in measures:
        outputs += list_pages(measure_page(measure), figures, size, partial(_measure_page, ctx, measure))

    def disagreements_page(path: str, chunk: Sequence[tuple[Event, Disagreement]], page_list: Pager) -> str:
        views = [disagreement_view(ctx, path, e, d) for e, d in chunk]
        overview = link(path, FIGURES)
        return fill("figures_disagreements.md.j2", disagreements=views, overview=overview, pager=page_list)

    return outputs + list_pages(DISAGREEMENTS, disagreements, size, disagreements_page)


def _measure_page(ctx: Context, measure: str, path: str, chunk: Sequence[Figure], page_list: Pager) -> str:
    return fill(
        "figures_measure.md.j2",
        measure=measure_label(measure),
        figures=[figure_view(ctx, path, f) for f in chunk],
        overview=link(path, FIGURES),
        pager=page_list,
    )
