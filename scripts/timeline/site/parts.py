"""The site's generated pages in parts, each made in one go: what a build makes in turn,
and what the preview makes again only when an edit touches it (see remake.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache, partial

from ..data.paths import TIMELINE, Output, link
from .charts import Overview, counted_in_index
from .digest import neighbours, story_order
from .eventpage import event_outputs
from .listings import FilterTree, filter_tree
from .pages import (
    Part,
    entity_pages,
    figures_pages,
    index_pages,
    overview_drawings,
    overview_page,
    period_page,
    source_pages,
    timeline_data,
)
from .search import search_names
from .views import Context


def page_parts(ctx: Context) -> list[Part]:
    """Every generated page but the home page, in parts: timeline, events, figures,
    indexes, entities, sources, and the names a search suggests."""
    order = story_order(ctx)
    around = neighbours(order)
    return [
        *timeline_parts(ctx),
        *(
            Part(f"events/{e.id}", partial(event_outputs, ctx, n), frozenset([e.id]))
            for n, e in enumerate(ctx.data.events)
        ),
        Part("figures", partial(figures_pages, ctx)),
        Part("indexes", partial(index_pages, ctx, order)),
        *(part for e in ctx.data.entities.values() for part in entity_pages(ctx, e, around[e.id])),
        *(part for s in ctx.data.sources.values() for part in source_pages(ctx, s)),
        Part("names", lambda: [search_names(ctx.data)], every_event=True),
    ]


def render_pages(ctx: Context) -> list[Output]:
    """Every generated page but the home page (see page_parts)."""
    return [output for part in page_parts(ctx) for output in part.make()]


def timeline_parts(ctx: Context) -> list[Part]:
    """The timeline: one page, or an overview, a page for each period and the data the
    overview loads; each period's page a part of its own."""
    tree = cache(partial(filter_tree, ctx))  # the same form on every page
    periods = [Part(f"timeline/{i}", partial(_period_outputs, ctx, i, tree)) for i in range(len(ctx.periods))]
    if ctx.periods[0].path == TIMELINE:
        return periods
    drawn = cache(partial(_overview_counted, ctx))
    return [
        Part("timeline", lambda: [Output(TIMELINE, overview_page(ctx, tree(), drawn()[0]))]),
        *periods,
        Part("timeline/data", lambda: timeline_data(ctx, drawn()[1]), every_event=True),
    ]


def _overview_counted(ctx: Context) -> tuple[Sequence[Overview], dict[int, list[int]]]:
    """The overview's chart, and the counts that hold each event (see counted_in_index)."""
    drawn = overview_drawings(ctx, TIMELINE, ctx.data.events, link(TIMELINE, TIMELINE, "tl-periods"))
    return counted_in_index(*drawn) if drawn else ((), {})


def _period_outputs(ctx: Context, index: int, tree: Callable[[], FilterTree]) -> list[Output]:
    return [period_page(ctx, index, tree())]
