"""Page assembly: each generated page is a template filled with views, one Output per page.

The templates in templates/ only lay the views out. All text that reaches a page passes
through markup.md_text (plain fields) or markup.summary_html (Markdown summaries).
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .markup import head_text, md_text, safe_url, summary_html
from .model import Entity, Event, Source
from .paths import (
    ENTITIES_INDEX,
    FIGURES,
    SOURCES_INDEX,
    TIMELINE,
    TOPICS_INDEX,
    Output,
    entity_page,
    link,
    source_page,
)
from .structured import entity_ld, json_ld, timeline_ld
from .views import (
    Context,
    KindGroup,
    LinkView,
    Pager,
    citation_views,
    disagreement_views,
    entity_rows,
    event_ref,
    kind_groups,
    measure_views,
    pager,
    period_years,
    quoted_in,
    source_rows,
    span,
    year_views,
)
from .vocabulary import TOPIC

TEMPLATES = Path(__file__).parent / "templates"


def environment() -> Environment:
    """Autoescaping Jinja2 with the filters that make text safe for each context."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md_text, summary=summary_html, url=safe_url, head=head_text)
    return env


_ENV = environment()


def fill(template: str, **views: Any) -> str:
    return _ENV.get_template(template).render(**views)


DESCRIPTION = (
    "Every event of the crackdown on Myanmar's scam compounds, 2023–2024, in date order, "
    "each with its sources."
)


@dataclass(frozen=True)
class Filters:
    """What the filter form offers: the topics, the kinds of entity involved, the entities."""

    topics: tuple[Entity, ...]
    kinds: tuple[tuple[str, str], ...]
    entity_groups: tuple[KindGroup, ...]


def filters(ctx: Context, page: str) -> Filters:
    groups = kind_groups(ctx, page, [e for e in ctx.data.entities.values() if e.kind != TOPIC])
    topics = tuple(e for e in ctx.data.entities.values() if e.kind == TOPIC)
    return Filters(topics, tuple((g.kind, g.label) for g in groups), groups)


def timeline_pages(ctx: Context) -> list[Output]:
    """The timeline: one page, or an overview and a page for each period."""
    if ctx.periods[0].path == TIMELINE:
        return [_period_page(ctx, 0)]
    overview = fill(
        "timeline_overview.md.j2",
        total=len(ctx.data.events),
        span=span(ctx.data.events),
        description=DESCRIPTION,
        filters=filters(ctx, TIMELINE),
        years=period_years(ctx, TIMELINE),
    )
    pages = [Output(TIMELINE, overview), *(_period_page(ctx, i) for i in range(len(ctx.periods)))]
    return [*pages, *timeline_data(ctx)]


def _period_page(ctx: Context, index: int) -> Output:
    period = ctx.periods[index]
    page = period.path
    split = page != TIMELINE
    neighbours = [ctx.periods[i] if 0 <= i < len(ctx.periods) else None for i in (index - 1, index + 1)]
    previous, following = (LinkView(p.label, link(page, p.path)) if p and split else None for p in neighbours)
    markdown = fill(
        "timeline.md.j2",
        title=f"Timeline: {period.label}" if split else "Timeline",
        description=f"{period.label}: {DESCRIPTION}" if split else DESCRIPTION,
        overview=link(page, TIMELINE) if split else None,
        previous=previous,
        next=following,
        years=year_views(ctx, page, period.events),
        count=len(period.events),
        total=len(ctx.data.events),
        structured=json_ld(timeline_ld(ctx.data, ctx.site, period.events)),
        filters=filters(ctx, page),
    )
    return Output(page, markdown)


def timeline_data(ctx: Context) -> list[Output]:
    """What the overview loads on demand: the page of each event (to forward permalinks)
    and a compact index of every event (to filter across periods)."""
    folder = posixpath.dirname(ctx.periods[0].path)

    def slug(event_id: str) -> str:
        return posixpath.relpath(ctx.pages[event_id], folder).removesuffix(".md")

    pages = {e.id: slug(e.id) for e in ctx.data.events}
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
        for e in ctx.data.events
    ]
    return [Output(f"{folder}/pages.json", _compact(pages)), Output(f"{folder}/events.json", _compact(index))]


def _compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def entity_pages(ctx: Context, entity: Entity) -> list[Output]:
    """An entity's page, with its first events; further pages for the rest of a long list."""
    page = entity_page(entity.id, entity.kind)
    events = ctx.data.events_of(entity.id)
    size = ctx.site.events_per_entity_page
    chunks = [events[i : i + size] for i in range(0, len(events), size)] or [()]
    paths = [page, *(f"{page.removesuffix('.md')}/{n}.md" for n in range(2, len(chunks) + 1))]
    outputs = [_entity_page(ctx, entity, chunks[0], pager(page, paths, 1, len(events), size))]
    for number, (path, chunk) in enumerate(zip(paths[1:], chunks[1:], strict=True), start=2):
        markdown = fill(
            "entity_events.md.j2",
            entity=entity,
            entity_link=link(path, page),
            events=[event_ref(ctx, path, e) for e in chunk],
            pager=pager(path, paths, number, len(events), size),
        )
        outputs.append(Output(path, markdown, entity.path))
    return outputs


def _entity_page(ctx: Context, entity: Entity, events: tuple[Event, ...], page_list: Pager) -> Output:
    page = entity_page(entity.id, entity.kind)
    related = [ctx.data.entities[r] for r in entity.related]
    markdown = fill(
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
    )
    return Output(page, markdown, entity.path)


def index_pages(ctx: Context) -> list[Output]:
    topics = [e for e in ctx.data.entities.values() if e.kind == TOPIC]
    others = [e for e in ctx.data.entities.values() if e.kind != TOPIC]
    return [
        Output(TOPICS_INDEX, fill("topics_index.md.j2", rows=entity_rows(ctx, TOPICS_INDEX, topics))),
        Output(ENTITIES_INDEX, fill("entities_index.md.j2", groups=kind_groups(ctx, ENTITIES_INDEX, others))),
        Output(SOURCES_INDEX, fill("sources_index.md.j2", rows=source_rows(ctx, SOURCES_INDEX))),
    ]


def source_page_output(ctx: Context, source: Source) -> Output:
    page = source_page(source.id)
    events, entities = quoted_in(ctx, page, source.id)
    markdown = fill(
        "source.md.j2",
        source=source,
        url=safe_url(source.url),
        archive_url=safe_url(source.archive_url),
        events=events,
        entities=entities,
    )
    return Output(page, markdown, source.path)


def figures_page(ctx: Context) -> Output:
    disagreements = [d for e in ctx.data.events for d in disagreement_views(ctx, FIGURES, e)]
    return Output(
        FIGURES, fill("figures.md.j2", measures=measure_views(ctx, FIGURES), disagreements=disagreements)
    )


def render_pages(ctx: Context) -> list[Output]:
    """Every generated page but the home page: timeline, figures, indexes, entities, sources."""
    pages = [*timeline_pages(ctx), figures_page(ctx), *index_pages(ctx)]
    pages += [output for e in ctx.data.entities.values() for output in entity_pages(ctx, e)]
    pages += [source_page_output(ctx, s) for s in ctx.data.sources.values()]
    return pages
