"""The locator map: where the story's places are, drawn at build time as inline SVG.

The boundaries come from the story's extract (the plugin's `map_region`, a GeoJSON file in
the project, such as the one scripts/tools/geodata.py cuts from Natural Earth), and the
countries it names from `map_focus`; a site without a region has no map. Each place
entity with a `location` is a marker that links to its page. A marker is a Markdown link
placed over the drawing (by percentages of its size), not a link inside the SVG: the
site generators rewrite Markdown links to each page's
address, but disagree on what to do with links in raw HTML. This module decides what is
drawn where; templates/locator_map.svg.j2 only loops.

The drawing and the places' layout (where each label goes) are made once per build and
shared by every page. The home page and the entities index mark every place; a place's
page marks it and the places nearest to it, so that a page's size and the build's work
do not grow with the square of the number of places.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..data.model import Entity
from ..data.paths import TIMELINE, link
from .geo import (
    Box,
    Frame,
    Grid,
    Point,
    area,
    box_within,
    centroid,
    inside,
    place_label,
    ring_path,
    simplify,
    text_box,
)
from .views import Context

WIDTH = 600.0  # the drawing's own units; it scales to the page's width
COUNTRY_SIZE = 22.0  # text sizes, in drawing units
CAPITALS = 0.8  # the width of a letter of a country's name (spaced capitals), in sizes
PLACE_SIZE = 20.0
MARKER = 7.0  # a marker's radius; the current place's is larger (as the style sheet draws them)
CURRENT_MARKER = 10.0
TOLERANCE = 0.4  # drawing units: finer detail than this is lost at any screen width
NEAREST = 12  # the places a place's page marks besides its own
CROWD = 64  # what a label is kept clear of at most: in a crowd, every side overlaps anyway
CELL = 40.0  # the side of a cell of the grids that find what is near, in drawing units


@dataclass(frozen=True)
class Shape:
    name: str
    path: str
    focus: bool  # one of the countries the story is about: drawn stronger and named
    story: bool  # the country the story is about (the first of them): set apart from its neighbours


@dataclass(frozen=True)
class Text:
    text: str
    x: float
    y: float
    anchor: str


@dataclass(frozen=True)
class Marker:
    name: str
    link: str
    left: float  # the place's position, in percent of the drawing's width and height
    top: float
    side: str  # where its name goes: right, left, above or below the dot
    current: bool  # the page the map is on is this place's


@dataclass(frozen=True)
class Drawing:
    """The part of the map that is the same on every page: the countries and their names."""

    width: float
    height: float
    frame: Frame
    shapes: tuple[Shape, ...]
    names: tuple[Text, ...]
    credit: str  # where the borders come from, as the region file's `credit` names it
    areas: tuple[tuple[tuple[Point, ...], ...], ...]  # each country's rings, as drawn: labels stay in theirs


@dataclass(frozen=True)
class LocatorMap:
    width: float
    height: float
    shapes: tuple[Shape, ...]
    names: tuple[Text, ...]
    markers: tuple[Marker, ...]
    title: str
    caption: str


@lru_cache(maxsize=1)
def drawing(region_file: Path, focus: tuple[str, ...]) -> Drawing:
    """The countries projected and drawn once per build; those in `focus` (as the file names
    them) are drawn stronger and named, in that order; the first, the country the story is
    about, is set apart from its neighbours."""
    region = json.loads(region_file.read_text(encoding="utf-8"))
    west, south, east, north = region["bbox"]
    frame = Frame(west, south, east, north, WIDTH)
    story = focus[0] if focus else None
    shapes, names, areas = [], [], []
    for feature in region["features"]:
        polygons = [
            [[frame.project(lon, lat) for lon, lat in ring] for ring in p] for p in _polygons(feature)
        ]
        rings = tuple(tuple(simplify(ring, TOLERANCE)) for p in polygons for ring in p)
        areas.append(rings)
        name = feature["properties"]["name"]
        shapes.append(Shape(name, "".join(map(ring_path, rings)), name in focus, name == story))
        if name in focus:
            x, y = centroid(max((p[0] for p in polygons), key=area))
            names.append(Text(name, round(x, 1), round(y + 0.35 * COUNTRY_SIZE, 1), "middle"))
    shapes.sort(key=lambda s: s.focus)  # the story's countries last, so their borders show
    names.sort(key=lambda n: focus.index(n.text))
    credit = str(region.get("credit") or "not stated")
    return Drawing(WIDTH, round(frame.height, 1), frame, tuple(shapes), tuple(names), credit, tuple(areas))


def _polygons(feature: dict[str, Any]) -> list[list[list[list[float]]]]:
    coordinates: list[list[list[list[float]]]] = feature["geometry"]["coordinates"]
    return coordinates


@dataclass(frozen=True)
class Placed:
    """A located place's marker on the drawing and the side its name goes."""

    entity: Entity
    x: float
    y: float
    side: str


@dataclass(frozen=True)
class Layout:
    """Every place in the frame with its label placed, once for every page; `near` finds
    the places nearest to a point."""

    placed: tuple[Placed, ...]  # by name
    near: Grid[Placed]
    outside: tuple[Entity, ...]  # places with coordinates off the map, by name

    def around(self, at: Point, count: int, width: float, height: float) -> list[Placed]:
        """The `count` places nearest to `at` (a point off the drawing counts from its edge);
        where more than CROWD places crowd round it, the nearest of the CROWD found first."""
        x, y = min(max(at[0], 0.0), width), min(max(at[1], 0.0), height)
        reach = CELL
        while True:
            found = self.near.near(Box(x - reach, y - reach, x + reach, y + reach), CROWD)
            within = [p for p in found if (p.x - x) ** 2 + (p.y - y) ** 2 <= reach**2]
            if len(within) >= count or len(found) == CROWD or reach > width + height:
                distance = {id(p): (p.x - x) ** 2 + (p.y - y) ** 2 for p in found}
                return sorted(found, key=lambda p: (distance[id(p)], p.entity.name))[:count]
            reach *= 2


_layouts: dict[int, tuple[Mapping[str, Entity], Drawing, Layout]] = {}


def layout(base: Drawing, entities: Mapping[str, Entity]) -> Layout:
    """The layout of these entities' places, made the first time a page asks for it (kept
    for the one set of entities and the one drawing a build renders)."""
    kept = _layouts.get(id(entities))
    if kept is None or kept[0] is not entities or kept[1] is not base:
        _layouts.clear()
        kept = _layouts[id(entities)] = (entities, base, _layout(base, entities.values()))
    return kept[2]


def _layout(base: Drawing, entities: Iterable[Entity]) -> Layout:
    """A marker per place in the frame; labels placed in turn by name, each clear of the
    countries' names, of every marker and of the labels before it, with room for the larger
    marker of the page the map is on. Each label looks only at what is near it (at most
    CROWD things): linear in the number of places."""
    located = sorted((e for e in entities if e.location), key=lambda e: (e.name, e.id))
    places = [e for e in located if e.location and base.frame.contains(e.location.lon, e.location.lat)]
    points: list[Point] = [base.frame.project(e.location.lon, e.location.lat) for e in places if e.location]
    taken: Grid[Box] = Grid(CELL)
    for box in [text_box(n.x, n.y, n.anchor, n.text, COUNTRY_SIZE, CAPITALS) for n in base.names] + [
        Box(x - MARKER, y - MARKER, x + MARKER, y + MARKER) for x, y in points
    ]:
        taken.add(box, box)
    placed, near = [], Grid[Placed](CELL)
    gap = CURRENT_MARKER + 4
    for entity, (x, y) in zip(places, points, strict=True):
        width = PLACE_SIZE * 0.6 * len(entity.name)  # as geo.text_box estimates it
        reach = Box(x - gap - width, y - gap - 2 * PLACE_SIZE, x + gap + width, y + gap + 2 * PLACE_SIZE)
        home = next((rings for rings in base.areas if inside(rings, (x, y))), ())
        label = place_label(
            (x, y),
            entity.name,
            PLACE_SIZE,
            gap,
            taken.near(reach, CROWD),
            base.width,
            base.height,
            _within(home),
        )
        taken.add(label.box, label.box)
        here = Placed(entity, x, y, label.side)
        placed.append(here)
        near.add(Box(x, y, x, y), here)
    return Layout(tuple(placed), near, tuple(e for e in located if e not in places))


def _within(home: tuple[tuple[Point, ...], ...]) -> Callable[[Box], bool]:
    """Whether a label stays in the country its place is in (any label, for a place in none)."""
    return lambda box: not home or box_within(home, box)


def locator_map(ctx: Context, page: str, current: str | None = None) -> LocatorMap | None:
    """The map as it shows on `page`; `current` is the place whose page it is, if any: then
    it and the places nearest to it are marked, else every place. None when the site has no
    map region."""
    if ctx.site.map_region is None:
        return None
    base = drawing(ctx.site.map_region, ctx.site.map_focus)
    shared = layout(base, ctx.data.entities)
    here = ctx.data.entities[current] if current else None
    shown = list(shared.placed)
    if here is not None and here.location:
        at = base.frame.project(here.location.lon, here.location.lat)
        shown = shared.around(at, NEAREST + 1, base.width, base.height)
    markers = sorted(
        (
            Marker(
                p.entity.name,
                f"{link(page, TIMELINE)}?entity={p.entity.id}",  # the timeline filtered to it
                round(100 * p.x / base.width, 2),
                round(100 * p.y / base.height, 2),
                p.side,
                p.entity.id == current,
            )
            for p in shown
        ),
        key=lambda m: m.name,
    )
    return LocatorMap(
        width=base.width,
        height=base.height,
        shapes=base.shapes,
        names=base.names,
        markers=tuple(markers),
        title=f"Map of {_listing([n.text for n in base.names])} and their neighbours",
        caption=_caption(markers, [p.entity for p in shown], here, len(shared.placed), base.credit)
        + ("" if here else _off_the_map(shared.outside)),
    )


def _caption(
    markers: Sequence[Marker], marked: Sequence[Entity], here: Entity | None, total: int, credit: str
) -> str:
    """What the map shows, in words (the text equivalent for readers who do not see it),
    and where its borders and coordinates come from."""
    caption = f"Marked: {_listing([m.name for m in markers])}." if markers else "No place is marked yet."
    if here is not None and len(markers) < total:
        caption += (
            f" They are the {len(markers)} of the {total} places nearest to {here.name}; "
            "the map on the entities page marks them all."
        )
    if here is not None and not any(m.current for m in markers):
        why = "lies outside the map" if here.location else "has no coordinates in the data"
        caption += f" {here.name} {why}, so it is not marked."
    towns = [f"{e.name} at {e.location.at}" for e in marked if e.location and e.location.at]
    if towns:
        caption += f" A region is marked at its main town: {_listing(towns)}."
    caption += " Each name opens the timeline of its events." if markers else ""
    gazetteers = sorted({_gazetteer(e) for e in marked})
    places = f" Places: {_listing(gazetteers)}." if gazetteers else ""
    return f"{caption} Borders: {credit}.{places}"


def _gazetteer(place: Entity) -> str:
    """Where a place's coordinates come from, as the caption credits it."""
    if place.location and place.location.geonames:
        return f"GeoNames, from {place.location.gazetteer}" if place.location.gazetteer else "GeoNames"
    return "Wikidata"


def _off_the_map(outside: Sequence[Entity]) -> str:
    """The places with coordinates that the frame leaves out, so that none goes unsaid."""
    return f" Off the map: {_listing([e.name for e in outside])}." if outside else ""


def _listing(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return " and ".join(filter(None, [", ".join(names[:-1]), names[-1] if names else ""]))
