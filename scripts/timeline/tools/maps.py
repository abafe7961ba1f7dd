"""The locator map at scale.

The map is the one part of a page whose work grows with the number of places: each
place's page has one. This measures it alone, over the project's own data with N
generated places spread over the map (each a page with a map).
"""

from __future__ import annotations

import resource
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import markdown

from timeline.adapters.settings import project_site
from timeline.data.model import Entity, Location
from timeline.data.paths import ENTITIES_INDEX, entity_page
from timeline.rules.project import validate
from timeline.site.geo import Frame
from timeline.site.locator import drawing, locator_map
from timeline.site.templating import fill
from timeline.site.views import Context

from .articles import word
from .measure import RSS_UNIT
from .table import kb


@dataclass(frozen=True)
class MapRun:
    places: int
    seconds: float  # processor time: every page's map made and converted to HTML
    peak_mb: float  # the process's peak resident memory so far, the project loaded included
    largest: int  # characters of the largest map's Markdown


def map_run(root: Path, places: int) -> MapRun:
    """The map of the home page, the entities index and each located place's page, with
    `places` generated places added to the project's data: made, filled and converted to
    HTML as MkDocs does (processor time, so that other work on the machine counts less)."""
    data = validate(root).dataset
    if data is None:
        raise RuntimeError("the project does not validate; run ./dev.sh validate")
    site = project_site(root, None, None)
    if site.map_region is None:
        raise RuntimeError("the project has no map: set map_region in mkdocs.yml")
    frame = drawing(site.map_region, site.map_focus).frame
    made = _places(frame, places)
    ctx = Context.of(replace(data, entities={**data.entities, **{e.id: e for e in made}}), site)
    located = [e for e in ctx.data.entities.values() if e.location]
    converter = markdown.Markdown(extensions=["md_in_html", "attr_list"])
    start, largest = time.process_time(), 0
    for page, current in [("index.md", None), (ENTITIES_INDEX, None)] + [
        (entity_page(e.id, e.kind), e.id) for e in located
    ]:
        text = fill("locator_map.svg.j2", map=locator_map(ctx, page, current))
        converter.reset().convert(text)
        largest = max(largest, len(text))
    seconds = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * RSS_UNIT
    return MapRun(places, seconds, peak / 1e6, largest)


def _places(frame: Frame, count: int) -> list[Entity]:
    """`count` generated places, spread evenly over the map's frame."""
    return [
        Entity(
            id=f"benchmark-place-{k}",
            path=f"entities/benchmark-place-{k}.yml",
            name=f"{word(k)} {('Township', 'State', 'District')[k % 3]}",
            kind="place",
            summary="A generated place.",
            aliases=(),
            related=(),
            citations=(),
            location=Location(
                frame.south + (frame.north - frame.south) * ((k * 0.618034) % 1),
                frame.west + (frame.east - frame.west) * ((k * 0.414214) % 1),
                geonames=k + 1,
            ),
        )
        for k in range(count)
    ]


def map_table(runs: Sequence[MapRun]) -> str:
    lines = ["| places added | map work (CPU) | peak memory | largest map |", "|---:|---:|---:|---:|"]
    for r in runs:
        lines.append(f"| {r.places:,} | {r.seconds:.2f} s | {r.peak_mb:.0f} MB | {kb(r.largest)} KB |")
    return "\n".join(lines)
