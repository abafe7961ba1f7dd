"""The home page: hand-written prose whose data markers are filled in from the model.

`<!-- data:storylines crackdown ... -->` becomes the storylines in that order,
`<!-- data:figures measure ... -->` every report of those figures, `<!-- data:count -->`
the number of events, `<!-- data:map -->` the locator map. The page is written where the
caller says (the site's index).
"""

from __future__ import annotations

import re

from .locator import locator_map
from .pages import fill
from .paths import Output
from .views import Context, headline_figures, storyline_views

MARKER = re.compile(r"<!--\s*data:(\w+)((?:\s+[a-z0-9-]+)*)\s*-->")


class UnknownMarker(ValueError):
    """A data marker the home page does not know."""


def home_page(ctx: Context, handwritten: str, path: str, source_file: str) -> Output:
    """The hand-written page at path (from source_file) with its markers filled in."""

    def filled(match: re.Match[str]) -> str:
        what, args = match[1], match[2].split()
        if what == "storylines":
            return fill("home_storylines.md.j2", topics=storyline_views(ctx, path, args))
        if what == "figures":
            return fill("home_figures.md.j2", measures=headline_figures(ctx, path, args))
        if what == "count":
            return str(len(ctx.data.events))
        if what == "map":
            return fill("locator_map.svg.j2", map=locator_map(ctx, path))
        raise UnknownMarker(f"unknown data marker '{what}' in {source_file}")

    return Output(path, MARKER.sub(filled, handwritten), source_file)
