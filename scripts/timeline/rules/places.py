"""A place's coordinates are its gazetteer entry's: the location names the gazetteer it was
copied from and the entry, and the validator compares them with that entry, so that a
change to a record cannot move a marker on the map without a change of entry that a
reviewer sees."""

from __future__ import annotations

from collections.abc import Iterator

from ..data.gazetteer import Entry, entry, gazetteer
from ..data.problems import Example, Problem, Rule, shown
from ..data.records import ENTITY, Record
from ..data.vocabulary import PLACE

LOCATION_GAZETTEER = Rule(
    "location-gazetteer",
    "error",
    "a GeoNames location names the gazetteer it was copied from, the one the validator has, and "
    "an entry of it; `at` (the town a region is marked at) is that entry's name",
    "copy the block that `.venv/bin/python scripts/tools/geodata.py place GEONAMEID` prints",
    fails=(
        Example("bad/location-unknown-entry"),
        Example("bad/location-old-gazetteer"),
        Example("bad/location-wrong-town"),
    ),
)

LOCATION_MOVED = Rule(
    "location-moved",
    "error",
    "a GeoNames location's lat and lon are its gazetteer entry's",
    "copy the coordinates that `.venv/bin/python scripts/tools/geodata.py place GEONAMEID` prints",
    fails=(Example("bad/location-moved"),),
)

PRECISION = 1e-5  # the gazetteer's coordinates have five decimals


def check_gazetteer(record: Record) -> Iterator[Problem]:
    """A location with a GeoNames id is that entry of the gazetteer the validator has, and
    sits where the entry does."""
    location = record.data.get("location")
    if record.kind is not ENTITY or not isinstance(location, dict):
        return
    if record.data.get("kind") != PLACE or "wikidata" in location:
        return  # location-not-place's error, or location-source's
    if not isinstance(location.get("geonames"), int):
        return  # no entry, or the schema's error
    have, named = gazetteer(), location.get("gazetteer")
    if named != have:
        said = f"location.gazetteer is '{shown(str(named))}'" if named else "location names no gazetteer"
        yield record.doc.problem(
            ("location", "gazetteer") if named else ("location",),
            LOCATION_GAZETTEER,
            f"{said}, but the coordinates are checked against {have}; copy the block that "
            "scripts/tools/geodata.py place prints",
        )
    elif (found := entry(location["geonames"])) is None:
        yield record.doc.problem(
            ("location", "geonames"),
            LOCATION_GAZETTEER,
            f"{have} has no entry {location['geonames']}; look the place up with "
            "scripts/tools/geodata.py find NAME and copy the block it prints",
        )
    else:
        yield from _against(record, location, found)


def _against(record: Record, location: dict[str, object], found: Entry) -> Iterator[Problem]:
    """The town a region is marked at, and the coordinates, as the entry gives them."""
    if "at" in location and location["at"] != found.name:
        yield record.doc.problem(
            ("location", "at"),
            LOCATION_GAZETTEER,
            f"entry {found.geonames} is '{found.name}', not '{shown(str(location['at']))}'; "
            f"write at: {found.name}",
        )
    for key, value in (("lat", found.lat), ("lon", found.lon)):
        given = location.get(key)
        if isinstance(given, (int, float)) and abs(given - value) > PRECISION:
            yield record.doc.problem(
                ("location", key),
                LOCATION_MOVED,
                f"location.{key} is {given}, but {found.name} ({found.country}, GeoNames "
                f"{found.geonames}) is at {key} {value}; write {key}: {value}",
            )
