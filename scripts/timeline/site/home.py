"""The home page: hand-written prose whose data markers are filled in from the model.

`<!-- data:storylines crackdown ... -->` becomes a card for each storyline, in that order
(which the charts' lanes follow too), `<!-- data:numbers measure ... -->` the latest
report of each measure as a large figure, `<!-- data:overview -->` the events at a
glance, `<!-- data:reports measure -->` a measure's reports as a chart,
`<!-- data:figures measure ... -->` the first reports of those figures with a link to
the rest, `<!-- data:count -->` the number of events, `<!-- data:map -->` the locator
map (nothing, on a site without a map region). A footnote that cites a source
(`[^label]: source-id: "quote"`, which the validator checks) becomes the source's
publisher, linked to its page, and the quote. The page is written where the caller
says (the site's index).
"""

from __future__ import annotations

from ..data.citations import cite, footnotes
from ..data.markers import Marker, fill_markers, marker_words
from ..data.paths import FIGURES, TIMELINE, Output, link, source_page
from .listings import headline_figures, storyline_views
from .locator import locator_map
from .pages import overview_chart, reports_chart
from .reports import key_numbers
from .templating import fill
from .views import Context

REPORTS_SHOWN = 3  # each headline measure's first reports on the home page; the rest are linked


class UnknownMarker(ValueError):
    """A data marker the home page does not know."""


def storyline_order(handwritten: str) -> tuple[str, ...]:
    """The topics of the home page's storylines marker, in order: the site's one story order."""
    return marker_words(handwritten, "storylines")


def home_page(ctx: Context, handwritten: str, path: str, source_file: str) -> Output:
    """The hand-written page at path (from source_file) with its markers filled in."""

    def filled(marker: Marker) -> str:
        what, args = marker.name, marker.words
        if what == "storylines":
            return fill("home_storylines.md.j2", topics=storyline_views(ctx, path, args))
        if what == "numbers":
            return fill("home_numbers.md.j2", numbers=key_numbers(ctx, path, args))
        if what == "overview":
            return str(overview_chart(ctx, path, ctx.data.events, link(path, TIMELINE)))
        if what == "reports":
            return "\n".join(str(reports_chart(ctx, path, measure)) for measure in args)
        if what == "figures":
            measures = headline_figures(ctx, path, args)
            return fill("home_figures.md.j2", measures=measures, shown=REPORTS_SHOWN, all=link(path, FIGURES))
        if what == "count":
            return str(len(ctx.data.events))
        if what == "map":
            drawn = locator_map(ctx, path)
            return fill("locator_map.svg.j2", map=drawn) if drawn else ""
        raise UnknownMarker(f"unknown data marker '{what}' in {source_file}")

    cited = cite(handwritten, citations(ctx, handwritten, path))
    return Output(path, fill_markers(cited, filled), source_file)


def citations(ctx: Context, handwritten: str, path: str) -> dict[str, str]:
    """The text of each footnote that cites a source, by label: its publisher, linked to the
    source's page, and the quote (checked by the validator before the build runs)."""
    cited = [(note.label, note.cited) for note in footnotes(handwritten) if note.cited is not None]
    return {
        label: fill(
            "home_citation.md.j2",
            publisher=ctx.data.sources[c.source].publisher,
            link=link(path, source_page(c.source)),
            quote=c.quote,
        ).strip()
        for label, c in cited
        if c.source in ctx.data.sources
    }
