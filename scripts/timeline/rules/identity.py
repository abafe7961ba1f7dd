"""Each file as a record: its modeline, its id and file name, ids unique across files, its
address and location, placeholders left in, and text that deceives the eye (invisible
characters, names that look like another's)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote, urlsplit

from ..data.load import DataPath
from ..data.lookalike import INVISIBLE, INVISIBLE_SEARCH, looks
from ..data.problems import Example, Problem, Rule, shown
from ..data.records import (
    ENTITY,
    EVENT,
    PLACEHOLDER,
    PLACEHOLDER_LEFT,
    RESERVED_EVENT_IDS,
    RESERVED_IDS,
    SOURCE,
    Record,
    is_placeholder,
)
from ..data.schema_errors import field_name
from ..data.urls import hidden_character
from ..data.vocabulary import PLACE
from .index import a_or_an

MODELINE = Rule(
    "modeline",
    "error",
    "line 1 of a record is its schema line, for editors",
    "make line 1 the line the message gives",
    fails=(
        Example("bad/missing-modeline"),
        Example("bad/wrong-modeline"),
    ),
)

ID_MISMATCH = Rule(
    "id-mismatch",
    "error",
    "a record's id is its file's name",
    "make the id and the file name the same",
    fails=(Example("bad/id-mismatch"),),
)

DUPLICATE_ID = Rule(
    "duplicate-id",
    "error",
    "ids are unique across all records (the copy is reported: the record whose id is not its file "
    "name, or whose path sorts later)",
    "give one of the two records another id",
    fails=(
        Example("bad/duplicate-id"),
        Example("bad/duplicate-id-in-a-copy"),
    ),
)

FORMER_ID = Rule(
    "former-id",
    "error",
    "an event's former id is no event's current id and no other event's former id: each old "
    "link leads to one event",
    "remove the former id from the event it does not belong to",
    fails=(Example("fabricated/former-id-taken"),),
)

RESERVED_ID = Rule(
    "reserved-id",
    "error",
    "an id, or an event's former id, is not a name the site uses for its own pages ('index', a "
    "year, a month's heading)",
    "choose another id; remove such a former id",
    fails=(
        Example("fabricated/entity-named-index"),
        Example("fabricated/event-named-like-a-heading"),
        Example("fabricated/former-id-like-a-heading"),
    ),
)

CONFUSABLE_NAMES = Rule(
    "confusable-names",
    "warning",
    "no two entities' names look the same",
    "merge the two entities, or tell their names apart",
    fails=(Example("fabricated/confusable-entity-names"),),
)

INVISIBLE_CHARACTER = Rule(
    "invisible-character",
    "warning",
    "no text holds a character that shows as nothing (bidirectional, zero-width, a variation selector)",
    "delete the character",
    fails=(
        Example("fabricated/bidi-override-in-summary"),
        Example("fabricated/bidi-override-in-title"),
    ),
)

LOCATION_NOT_PLACE = Rule(
    "location-not-place",
    "error",
    "only an entity of kind place has a location",
    "remove the location, or make the entity a place",
    fails=(Example("bad/location-on-a-person"),),
)

LOCATION_SOURCE = Rule(
    "location-source",
    "error",
    "a location names exactly one gazetteer entry (geonames or wikidata) that its coordinates come from",
    "keep one of the two identifiers",
    fails=(Example("bad/location-two-identifiers"),),
)

URL_SCHEME = Rule(
    "url-scheme",
    "error",
    "an address (url, archive_url) is http or https",
    "write the page's http(s) address",
    fails=(
        Example("bad/url-scheme"),
        Example("bad/archive-url-scheme"),
    ),
)

URL_CHARACTER = Rule(
    "url-character",
    "error",
    "an address holds no space or invisible character",
    "percent-encode the character (a space is %20)",
    fails=(
        Example("bad/url-space"),
        Example("bad/archive-url-zero-width"),
    ),
)

CONFIRMED_ADDRESS = Rule(
    "confirmed-address",
    "error",
    "confirmed names the address its page was read from (url or archive_url), which the record has",
    "remove confirmed, and run `./dev.sh confirm-source` again",
    fails=(Example("bad/confirmed-without-archive-url"),),
)

_PLACEHOLDER_START = re.compile(re.escape(PLACEHOLDER))  # is_placeholder, as a C method for _texts


def check_placeholders(record: Record) -> Iterator[Problem]:
    """Stubs from scripts/new.py mark what is left to fill in with TODO."""
    for path, value in _texts(record.data, _PLACEHOLDER_START.match):
        yield record.doc.problem(
            path,
            PLACEHOLDER_LEFT,
            f"{field_name(path)} still holds a placeholder; replace it ({shown(value)})",
        )


def _texts(value: Any, wanted: Callable[[str], object], path: DataPath = ()) -> list[tuple[DataPath, str]]:
    """(path, text) of each text, at any depth, for which wanted() is true, in the order written.

    A list, built by plain recursion, and a path only for what is found: this visits every
    value of every record, and a generator per level cost more than all the other rules.
    """
    found: list[tuple[DataPath, str]] = []
    if isinstance(value, str):
        if wanted(value):
            found.append((path, value))
        return found
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(item, str):
            if wanted(item):
                found.append(((*path, key), item))
        elif isinstance(item, (dict, list)):
            found += _texts(item, wanted, (*path, key))
    return found


def check_file(record: Record, paths: frozenset[str] = frozenset()) -> Iterator[Problem]:
    """The modeline is line 1, the id equals the file name, and no generated page uses it;
    paths are the project's records, so that a rename is never suggested onto one of them."""
    if record.first_line.rstrip() != record.kind.modeline:
        yield MODELINE.problem(
            record.path, 1, 1, f"line 1 must be the schema modeline: {record.kind.modeline}"
        )
    if not isinstance(record.id, str) or record.has_failed(("id",)):
        return
    if record.id != record.stem:
        target = f"{record.kind.folder}/{record.id}.yml"
        fix = (
            f"set id: {record.stem} ({target} already exists)"
            if target in paths
            else f"rename the file to {target} or set id: {record.stem}"
        )
        message = f"id '{record.id}' differs from the file name; {fix}"
        yield record.doc.problem(("id",), ID_MISMATCH, message)
    if _reserved(record):
        yield record.doc.problem(
            ("id",),
            RESERVED_ID,
            f"id '{record.id}' is taken by a page the site generates; choose another id",
        )


def _reserved(record: Record) -> bool:
    if record.kind is EVENT:
        return RESERVED_EVENT_IDS.fullmatch(record.id) is not None
    return record.id in RESERVED_IDS


def check_unique_ids(records: list[Record]) -> Iterator[Problem]:
    """Each repeated id is reported on the copy, naming the original: the original is the
    record whose id is its file name, or, among equals, the one whose path sorts first."""
    first: dict[str, Record] = {}
    for record in sorted(records, key=lambda r: (r.id != r.stem, r.path)):
        if not isinstance(record.id, str):
            continue
        if record.id in first:
            yield record.doc.problem(
                ("id",),
                DUPLICATE_ID,
                f"id '{record.id}' is already used by {first[record.id].path}; "
                "ids must be unique across all records",
            )
        else:
            first[record.id] = record


def check_former_ids(records: list[Record]) -> Iterator[Problem]:
    """A former id names one event only: it is no event's id now, and only one event lists it;
    nor is it a heading's anchor on the timeline, where it is an anchor before its event."""
    events = [r for r in records if r.kind is EVENT]
    current = {r.id: r.path for r in events if isinstance(r.id, str)}
    listed: dict[str, str] = {}
    for record in sorted(events, key=lambda r: r.path):
        former = record.data.get("former_ids")
        for i, old in enumerate(former if isinstance(former, list) else []):
            if not isinstance(old, str):
                continue  # the schema reports it
            if RESERVED_EVENT_IDS.fullmatch(old):
                message = f"former id '{shown(old)}' is taken by a page or heading the site generates"
                message += "; remove it"
                yield record.doc.problem(("former_ids", i), RESERVED_ID, message)
                continue
            other = current.get(old) or listed.get(old)
            if other is not None:
                yield record.doc.problem(
                    ("former_ids", i),
                    FORMER_ID,
                    f"former id '{shown(old)}' already leads to {other}; an old link can lead to one "
                    "event only: remove it here",
                )
            else:
                listed[old] = record.path


def check_url(record: Record) -> Iterator[Problem]:
    """A source's addresses (where it was found, where a copy is archived) are web addresses,
    and the one its confirmation was read from is there."""
    for key in ("url", "archive_url") if record.kind is SOURCE else ():
        url = record.data.get(key)
        if not isinstance(url, str) or is_placeholder(url):
            continue
        if not _is_web_address(url):
            yield record.doc.problem(
                (key,),
                URL_SCHEME,
                f"{key} '{shown(url)}' must be a web address starting with https:// or http://",
            )
        elif (hidden := hidden_character(url)) is not None:
            yield record.doc.problem(
                (key,),
                URL_CHARACTER,
                f"{key} holds {a_or_an(unicodedata.name(hidden, 'format character').lower())} "
                f"(U+{ord(hidden):04X}) at character {url.index(hidden) + 1}; "
                f"percent-encode it as {quote(hidden)} (or remove it if it is not part of the address)",
            )
    confirmed = record.data.get("confirmed") if record.kind is SOURCE else None
    against = confirmed.get("against") if isinstance(confirmed, dict) else None
    if against in ("url", "archive_url") and not isinstance(record.data.get(against), str):
        yield record.doc.problem(
            ("confirmed", "against"),
            CONFIRMED_ADDRESS,
            f"confirmed says the page was read from {against}, but the record has no {against}; "
            "remove confirmed, or run ./dev.sh confirm-source again",
        )


def check_location(record: Record) -> Iterator[Problem]:
    """Only a place has a location, and its coordinates name the one gazetteer entry they
    were copied from, so that a reviewer can compare them."""
    location = record.data.get("location")
    if record.kind is not ENTITY or not isinstance(location, dict):
        return
    kind = record.data.get("kind")
    if kind != PLACE:
        yield record.doc.problem(
            ("location",),
            LOCATION_NOT_PLACE,
            f"only a place has a location, and this entity's kind is '{kind}'; remove location",
            key=True,
        )
    given = [key for key in ("geonames", "wikidata") if key in location]
    if len(given) != 1:
        yield record.doc.problem(
            ("location", *given[1:2]),
            LOCATION_SOURCE,
            "location needs exactly one gazetteer entry, geonames or wikidata, that its coordinates "
            f"come from; it has {' and '.join(given) or 'none'}",
            key=bool(given),
        )


def _is_web_address(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:  # an unclosed IPv6 bracket, 'http://[example.org/'
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def check_invisible_characters(record: Record) -> Iterator[Problem]:
    """No text of a record holds a bidirectional or zero-width character, which can reorder
    or hide what readers see: in a name or a title, and as much in a summary or a note.
    An address is left to check_url, whose url-character error says how to encode it."""
    for path, value in _texts(record.data, INVISIBLE_SEARCH.search):
        if record.kind is SOURCE and path in (("url",), ("archive_url",)):
            continue
        hidden = next(char for char in value if char in INVISIBLE)
        yield record.doc.problem(
            path,
            INVISIBLE_CHARACTER,
            f"{field_name(path)} holds the invisible character U+{ord(hidden):04X} "
            f"({unicodedata.name(hidden, 'unnamed')}), which can disguise what readers see; remove it",
        )


def check_confusable_names(records: list[Record]) -> Iterator[Problem]:
    """Two entities whose names look the same (identical, or alike letter for letter in
    another script: Cyrillic 'М' for Latin 'M') would be two pages readers cannot tell apart."""
    first: dict[str, Record] = {}
    for record in sorted(records, key=lambda r: r.path):
        name = record.data.get("name") if record.kind is ENTITY else None
        if not isinstance(name, str):
            continue
        looks_like = looks(name)
        if looks_like in first:
            other = first[looks_like]
            yield record.doc.problem(
                ("name",),
                CONFUSABLE_NAMES,
                f"name '{shown(name)}' looks the same as the name of {other.path} "
                f"('{shown(other.data['name'])}'); "
                "if they are the same, keep one record; if not, name them so readers can tell them apart",
            )
        else:
            first[looks_like] = record
