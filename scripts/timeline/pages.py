"""Page assembly: each generated page is a template filled with views, one Output per page.

The templates in templates/ only lay the views out. All text that reaches a page passes
through markup.md_text (plain fields) or markup.summary_html (Markdown summaries).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .markup import head_text, md_text, safe_url, summary_html
from .model import Dataset, Entity, Source
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
from .site import SiteInfo
from .structured import entity_ld, json_ld, timeline_ld
from .views import (
    Context,
    LinkView,
    citation_views,
    disagreement_views,
    entity_rows,
    event_ref,
    kind_groups,
    measure_views,
    quoted_in,
    source_rows,
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


def timeline_page(ctx: Context) -> Output:
    entities = [e for e in ctx.data.entities.values() if e.kind != TOPIC]
    groups = kind_groups(ctx, TIMELINE, entities)
    markdown = fill(
        "timeline.md.j2",
        years=year_views(ctx, TIMELINE, ctx.data.events),
        count=len(ctx.data.events),
        structured=json_ld(timeline_ld(ctx.data, ctx.site)),
        topics=[e for e in ctx.data.entities.values() if e.kind == TOPIC],
        kinds=[(g.kind, g.label) for g in groups],
        entity_groups=groups,
    )
    return Output(TIMELINE, markdown)


def entity_page_output(ctx: Context, entity: Entity) -> Output:
    page = entity_page(entity.id, entity.kind)
    related = [ctx.data.entities[r] for r in entity.related]
    markdown = fill(
        "entity.md.j2",
        entity=entity,
        kind_label=ctx.data.vocabulary.kind_singular(entity.kind),
        citations=citation_views(ctx, page, entity.citations),
        events=[event_ref(page, e) for e in ctx.data.events_of(entity.id)],
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
    markdown = fill("source.md.j2", source=source, url=safe_url(source.url), events=events, entities=entities)
    return Output(page, markdown, source.path)


def figures_page(ctx: Context) -> Output:
    disagreements = [d for e in ctx.data.events for d in disagreement_views(ctx, FIGURES, e)]
    return Output(
        FIGURES, fill("figures.md.j2", measures=measure_views(ctx, FIGURES), disagreements=disagreements)
    )


def render_pages(data: Dataset, site: SiteInfo) -> list[Output]:
    """Every generated page but the home page: timeline, figures, indexes, entities, sources."""
    ctx = Context(data, site)
    pages = [timeline_page(ctx), figures_page(ctx), *index_pages(ctx)]
    pages += [entity_page_output(ctx, e) for e in data.entities.values()]
    pages += [source_page_output(ctx, s) for s in data.sources.values()]
    return pages
