"""Plane geometry for the locator map: a projection, clipping, simplification, SVG paths,
a label layout and a grid that finds what is near a point.

Pure functions on tuples, so the map is drawn at build time with no mapping library and
no request at read time. The region is small (about 20 degrees across), so an
equirectangular projection scaled by the cosine of the middle latitude is close enough.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Generic, TypeVar

Point = tuple[float, float]
T = TypeVar("T")


@dataclass(frozen=True)
class Frame:
    """A rectangle of longitude and latitude drawn `width` units wide, north up."""

    west: float
    south: float
    east: float
    north: float
    width: float = 600.0

    @property
    def _x_scale(self) -> float:
        """Degrees of longitude shrink with the cosine of the latitude."""
        return math.cos(math.radians((self.south + self.north) / 2))

    @property
    def _units_per_degree(self) -> float:
        return self.width / ((self.east - self.west) * self._x_scale)

    @property
    def height(self) -> float:
        return (self.north - self.south) * self._units_per_degree

    def project(self, lon: float, lat: float) -> Point:
        """Where a longitude and latitude land on the drawing (y grows southwards)."""
        k = self._units_per_degree
        return ((lon - self.west) * self._x_scale * k, (self.north - lat) * k)

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


def clip_ring(ring: Sequence[Point], frame: Frame) -> list[Point]:
    """A closed ring cut to the frame (Sutherland–Hodgman, exact for a rectangle), so that
    the parts of large neighbours outside the picture cost nothing."""
    edges = ((0, frame.west, 1), (0, frame.east, -1), (1, frame.south, 1), (1, frame.north, -1))
    points = list(ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring)
    for axis, bound, side in edges:
        kept: list[Point] = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            current_in = (current[axis] - bound) * side >= 0
            if current_in != ((previous[axis] - bound) * side >= 0):
                kept.append(_crossing(previous, current, axis, bound))
            if current_in:
                kept.append(current)
        points = kept
    return [*points, points[0]] if len(points) >= 3 else []


def _crossing(a: Point, b: Point, axis: int, bound: float) -> Point:
    """Where the segment from a to b crosses the line where coordinate `axis` is `bound`."""
    t = (bound - a[axis]) / (b[axis] - a[axis])
    x, y = a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])
    return (bound, y) if axis == 0 else (x, bound)


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker: drop the points that move the line by less than `tolerance`.

    Iterative, so that a long coastline cannot exhaust the recursion limit."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        far, index = 0.0, 0
        for i in range(first + 1, last):
            distance = _distance_to_segment(points[i], points[first], points[last])
            if distance > far:
                far, index = distance, i
        if far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def area(ring: Sequence[Point]) -> float:
    """The ring's area (shoelace formula), whatever its direction."""
    return abs(_signed_area(ring))


def _signed_area(ring: Sequence[Point]) -> float:
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in pairwise(ring)) / 2


def centroid(ring: Sequence[Point]) -> Point:
    """The ring's centre of area: where a country's name goes."""
    twice = 2 * _signed_area(ring)
    if twice == 0:
        return ring[0]
    pairs = list(pairwise(ring))
    cx = sum((a[0] + b[0]) * (a[0] * b[1] - b[0] * a[1]) for a, b in pairs)
    cy = sum((a[1] + b[1]) * (a[0] * b[1] - b[0] * a[1]) for a, b in pairs)
    return (cx / (3 * twice), cy / (3 * twice))


def ring_path(points: Iterable[Point], digits: int = 1) -> str:
    """A closed SVG subpath: the first point absolute, the rest as relative moves between
    rounded points (so rounding errors do not add up), repeated points dropped."""
    rounded = [(round(x, digits), round(y, digits)) for x, y in points]
    steps: list[str] = []
    for (x0, y0), (x1, y1) in pairwise(rounded):
        if (x0, y0) != (x1, y1):
            steps.append(f"{_number(x1 - x0, digits)} {_number(y1 - y0, digits)}")
    if not rounded or len(steps) < 2:
        return ""
    x, y = rounded[0]
    return f"M{_number(x, digits)} {_number(y, digits)}l{' '.join(steps)}z"


def _number(value: float, digits: int) -> str:
    """The shortest text of a rounded number: 3 not 3.0, -0.5 not -0.50, 0 not -0."""
    text = f"{round(value, digits):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return not (
            self.right <= other.left
            or other.right <= self.left
            or self.bottom <= other.top
            or other.bottom <= self.top
        )

    def inside(self, width: float, height: float) -> bool:
        return self.left >= 0 and self.top >= 0 and self.right <= width and self.bottom <= height


@dataclass(frozen=True)
class Label:
    """Which side of its marker a label goes, and where the text then lands."""

    side: str  # right, left, above or below
    box: Box


def text_box(x: float, y: float, anchor: str, text: str, size: float, em: float = 0.6) -> Box:
    """An estimate of where a line of text whose baseline is at y lands: `em` sizes per
    character (0.6 is generous for the system sans-serif fonts the site uses in lower case;
    capitals need more); anchor is SVG's text-anchor, start, middle or end."""
    width = em * size * len(text)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left, y - 0.8 * size, left + width, y + 0.25 * size)


def inside(rings: Sequence[Sequence[Point]], point: Point) -> bool:
    """Whether a point lies in a country drawn as these closed rings (even–odd rule, so a
    hole or an enclave of another country counts as outside)."""
    x, y = point
    hit = False
    for ring in rings:
        for (x0, y0), (x1, y1) in pairwise(ring):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                hit = not hit
    return hit


def box_within(rings: Sequence[Sequence[Point]], box: Box) -> bool:
    """Whether a label's box lies in the country: its corners and the middles of its sides
    are inside, and no corner of the border pokes into it."""
    xs = (box.left, (box.left + box.right) / 2, box.right)
    ys = (box.top, (box.top + box.bottom) / 2, box.bottom)
    edge = [(x, y) for x in xs for y in ys if (x, y) != (xs[1], ys[1])]
    if not all(inside(rings, p) for p in edge):
        return False
    return not any(box.left < x < box.right and box.top < y < box.bottom for ring in rings for x, y in ring)


def place_label(
    at: Point,
    text: str,
    size: float,
    gap: float,
    taken: Sequence[Box],
    width: float,
    height: float,
    within: Callable[[Box], bool] = lambda box: True,
) -> Label:
    """A label beside a marker: right, left, above or below it, the first side where it
    stays in the picture and `within` its place's country (labels never sit across a
    border they do not belong to), clear of what is `taken`; else the side that does
    best, in that order."""
    x, y = at
    sides = {
        "right": text_box(x + gap, y + 0.3 * size, "start", text, size),
        "left": text_box(x - gap, y + 0.3 * size, "end", text, size),
        "above": text_box(x, y - gap, "middle", text, size),
        "below": text_box(x, y + gap + 0.8 * size, "middle", text, size),
    }
    labels = [Label(side, box) for side, box in sides.items()]
    fitting = [label for label in labels if label.box.inside(width, height)] or labels
    return min(
        fitting, key=lambda label: (not within(label.box), sum(label.box.overlaps(box) for box in taken))
    )


class Grid(Generic[T]):
    """Items filed by the square cells their boxes touch, so that what lies near a point is
    found by looking at a few cells, not at every item: the map's layout stays linear in
    the number of places, however many there are."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self._cells: dict[tuple[int, int], list[T]] = {}

    def add(self, box: Box, item: T) -> None:
        for key in self._keys(box, (box.left, box.top)):
            self._cells.setdefault(key, []).append(item)

    def near(self, area: Box, most: int) -> list[T]:
        """Distinct items filed in the cells `area` touches, nearest cells to its centre first:
        all of them, or the first `most` where a crowded spot holds more."""
        centre = ((area.left + area.right) / 2, (area.top + area.bottom) / 2)
        seen: set[int] = set()
        found: list[T] = []
        for key in self._keys(area, centre):
            for item in self._cells.get(key, ()):
                if id(item) not in seen:
                    seen.add(id(item))
                    found.append(item)
                    if len(found) == most:
                        return found
        return found

    def _keys(self, area: Box, centre: Point) -> list[tuple[int, int]]:
        """The cells `area` touches, in order of distance from the cell of `centre`."""
        c = self.cell
        cx, cy = int(centre[0] // c), int(centre[1] // c)
        keys = [
            (i, j)
            for i in range(int(area.left // c), int(area.right // c) + 1)
            for j in range(int(area.top // c), int(area.bottom // c) + 1)
        ]
        return sorted(keys, key=lambda k: max(abs(k[0] - cx), abs(k[1] - cy)))
