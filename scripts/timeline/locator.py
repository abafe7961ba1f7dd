"""The locator map: where the story's places are, drawn at build time as inline SVG.

The boundaries come from the committed extract (timeline/data/region.geo.json, made by
timeline.geodata); each place entity with a `location` is a marker that links to its
page. A marker is a Markdown link placed over the drawing (by percentages of its size),
not a link inside the SVG: the site generators rewrite Markdown links to each page's
address, but disagree on what to do with links in raw HTML. This module decides what is
drawn where; templates/locator_map.svg.j2 only loops.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .geo import Box, Frame, Point, area, centroid, place_label, ring_path, simplify, text_box
from .geodata import FOCUS
from .model import Entity
from .paths import entity_page, link
from .views import Context

REGION = Path(__file__).parent / "data" / "region.geo.json"
WIDTH = 600.0  # the drawing's own units; it scales to the page's width
COUNTRY_SIZE = 22.0  # text sizes, in drawing units
CAPITALS = 0.8  # the width of a letter of a country's name (spaced capitals), in sizes
PLACE_SIZE = 20.0
MARKER = 7.0  # a marker's radius; the current place's is larger (as the style sheet draws them)
CURRENT_MARKER = 10.0
TOLERANCE = 0.4  # drawing units: finer detail than this is lost at any screen width


@dataclass(frozen=True)
class Shape:
    name: str
    path: str
    focus: bool  # one of the countries the story is about: drawn stronger and named


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
def drawing(region_file: Path = REGION) -> Drawing:
    """The countries projected and drawn once per build."""
    region = json.loads(region_file.read_text(encoding="utf-8"))
    west, south, east, north = region["bbox"]
    frame = Frame(west, south, east, north, WIDTH)
    shapes, names = [], []
    for feature in region["features"]:
        polygons = [
            [[frame.project(lon, lat) for lon, lat in ring] for ring in p] for p in _polygons(feature)
        ]
        path = "".join(ring_path(simplify(ring, TOLERANCE)) for p in polygons for ring in p)
        name, focus = feature["properties"]["name"], feature["properties"]["focus"]
        shapes.append(Shape(name, path, focus))
        if focus:
            x, y = centroid(max((p[0] for p in polygons), key=area))
            names.append(Text(name, round(x, 1), round(y + 0.35 * COUNTRY_SIZE, 1), "middle"))
    shapes.sort(key=lambda s: s.focus)  # the story's countries last, so their borders show
    names.sort(key=lambda n: FOCUS.index(n.text))
    return Drawing(WIDTH, round(frame.height, 1), frame, tuple(shapes), tuple(names))


def _polygons(feature: dict[str, Any]) -> list[list[list[list[float]]]]:
    coordinates: list[list[list[list[float]]]] = feature["geometry"]["coordinates"]
    return coordinates


def locator_map(ctx: Context, page: str, current: str | None = None) -> LocatorMap:
    """The map as it shows on `page`; `current` is the place whose page it is, if any."""
    base = drawing()
    places = sorted(
        (
            e
            for e in ctx.data.entities.values()
            if e.location and base.frame.contains(e.location.lon, e.location.lat)
        ),
        key=lambda e: (e.id != current, e.name),
    )
    markers = sorted(_markers(base, page, places, current), key=lambda m: m.name)
    here = ctx.data.entities[current] if current else None
    return LocatorMap(
        width=base.width,
        height=base.height,
        shapes=base.shapes,
        names=base.names,
        markers=tuple(markers),
        title=f"Map of {_listing([n.text for n in base.names])} and their neighbours",
        caption=_caption(markers, places, here),
    )


def _markers(base: Drawing, page: str, places: Sequence[Entity], current: str | None) -> list[Marker]:
    """A marker per place (each in the frame); labels placed in turn, the current place's
    first, each clear of the countries' names and of the labels and markers before it."""
    taken = [text_box(n.x, n.y, n.anchor, n.text, COUNTRY_SIZE, CAPITALS) for n in base.names]
    points: list[Point] = [base.frame.project(e.location.lon, e.location.lat) for e in places if e.location]
    radii = [CURRENT_MARKER if e.id == current else MARKER for e in places]
    taken += [Box(x - r, y - r, x + r, y + r) for (x, y), r in zip(points, radii, strict=True)]
    markers = []
    for entity, (x, y), r in zip(places, points, radii, strict=True):
        label = place_label((x, y), entity.name, PLACE_SIZE, r + 4, taken, base.width, base.height)
        taken.append(label.box)
        left, top = round(100 * x / base.width, 2), round(100 * y / base.height, 2)
        target = link(page, entity_page(entity.id, entity.kind))
        markers.append(Marker(entity.name, target, left, top, label.side, entity.id == current))
    return markers


def _caption(markers: Sequence[Marker], marked: Sequence[Entity], here: Entity | None) -> str:
    """What the map shows, in words (the text equivalent for readers who do not see it),
    and where its borders and coordinates come from."""
    caption = f"Marked: {_listing([m.name for m in markers])}." if markers else "No place is marked yet."
    if here is not None and not any(m.current for m in markers):
        why = "lies outside the map" if here.location else "has no coordinates in the data"
        caption += f" {here.name} {why}, so it is not marked."
    gazetteers = sorted({"GeoNames" if e.location and e.location.geonames else "Wikidata" for e in marked})
    places = f" Places: {_listing(gazetteers)}." if gazetteers else ""
    return f"{caption} Borders: Natural Earth.{places}"


def _listing(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return " and ".join(filter(None, [", ".join(names[:-1]), names[-1] if names else ""]))
