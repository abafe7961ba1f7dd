"""The rules a schema cannot state: across files, against the archived texts, on dates.

Each rule is a small function returning Problems. They run on every loaded record,
even one with schema errors, so that a contributor sees everything at once; so they
read the data defensively and leave type mistakes to the schema.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard
from urllib.parse import quote, urlsplit

from ..data.archives import listed_lines
from ..data.dates import DateError, FuzzyDate, parse_date
from ..data.load import DataPath
from ..data.lookalike import INVISIBLE, INVISIBLE_SEARCH, disguise, looks
from ..data.problems import Problem, shown
from ..data.quotes import Archive, Found, normalise, quotes_digest
from ..data.records import (
    ENTITY,
    EVENT,
    PLACEHOLDER,
    RESERVED_EVENT_IDS,
    RESERVED_IDS,
    SOURCE,
    Record,
    cited_by_source,
    dicts,
    is_placeholder,
    quoted_passages,
)
from ..data.schema import Suggestions, field_name
from ..data.urls import hidden_character
from ..data.vocabulary import PLACE, Vocabulary
from .editorial import OWN_WORDS, as_read, editorial_problems, values_at
from .numbers import Kind, Number, currency_of, number_in_unit, quantities, read_numbers

# How alike an unknown id and a known one must be (difflib's ratio) to be offered as the
# one meant: 'ccvt' for 'cctv' (0.75) is a slip, 'chinese-goverment' for 'chinese-media'
# (0.67) is another record altogether, and naming it would mislead.
ID_SIMILARITY = 0.75
# The command that makes a record of each kind a reference can name.
_MAKE = {
    "source": "./dev.sh new source --from URL-or-FILE",
    "event": "./dev.sh new event --date … --title …",
    "topic": "./dev.sh new entity --name … --kind topic",
}
_MAKE_ENTITY = "./dev.sh new entity --name … --kind …"


@dataclass(frozen=True)
class Index:
    """What every reference can point at: ids by kind, and entities' kinds."""

    sources: frozenset[str]
    events: frozenset[str]
    entity_kinds: Mapping[str, str]
    entities: frozenset[str]
    topics: frozenset[str]
    published: Mapping[str, FuzzyDate]
    retrieved: Mapping[str, FuzzyDate]
    today: dt.date
    suggest: Suggestions
    reporter_kinds: tuple[str, ...]  # the kinds of entity that can give a number
    non_reporter_kinds: frozenset[str]  # the other kinds (a misspelt kind is the schema's to report)

    @classmethod
    def of(cls, records: list[Record], today: dt.date, vocabulary: Vocabulary) -> Index:
        kinds = {r.id: str(r.data.get("kind")) for r in records if r.kind is ENTITY and isinstance(r.id, str)}
        return cls(
            sources=frozenset(_ids(records, SOURCE.name)),
            events=frozenset(_ids(records, EVENT.name)),
            entity_kinds=kinds,
            entities=frozenset(kinds),
            topics=frozenset(k for k, v in kinds.items() if v == "topic"),
            published=_source_dates(records, "published"),
            retrieved=_source_dates(records, "retrieved"),
            today=today,
            suggest=Suggestions(cutoff=ID_SIMILARITY),
            reporter_kinds=vocabulary.reporter_kinds,
            non_reporter_kinds=frozenset(vocabulary.entity_kinds) - set(vocabulary.reporter_kinds),
        )

    def published_by(self, source: str) -> dt.date | None:
        """The last day a source can have been published: never after the last day its text
        can have been retrieved (which bounds an open end, '2023-11-21/..'), nor after today."""
        date = self.published.get(source)
        if date is None:
            return None
        retrieved = self.retrieved.get(source)
        return min(date.latest, retrieved.latest if retrieved else date.latest, self.today)

    def was_published(self, source: str) -> str:
        """When a source was published, naming its retrieved date when that is the bound."""
        said = f"{source} was published ({self.published[source].display()})"
        retrieved, bound = self.retrieved.get(source), self.published_by(source)
        if retrieved is not None and bound == retrieved.latest < self.published[source].latest:
            said += f" and retrieved ({retrieved.display()}), so no later than {bound.isoformat()}"
        return said


def _source_dates(records: list[Record], key: str) -> dict[str, FuzzyDate]:
    """Each source's published or retrieved date, where it is one."""
    return {
        r.id: date
        for r in records
        if r.kind is SOURCE and isinstance(r.id, str) and (date := _try_date(r.data.get(key))) is not None
    }


def check_records(
    records: list[Record], archives: Mapping[str, Archive], today: dt.date, vocabulary: Vocabulary
) -> list[Problem]:
    """Every cross-record rule over every record; archives maps source id to its archived text."""
    index = Index.of(records, today, vocabulary)
    problems = list(check_unique_ids(records))
    problems += check_confusable_names(records)
    problems += editorial_problems(records)
    problems += check_confirmed_quotes(records)
    paths = frozenset(r.path for r in records)
    for record in records:
        problems.extend(check_file(record, paths))
        problems.extend(check_references(record, index))
        problems.extend(check_dates(record, index))
        problems.extend(check_quotes(record, archives))
        problems.extend(check_whole_numbers(record))
        problems.extend(check_units(record))
        problems.extend(check_numbers_in_own_words(record))
        problems.extend(check_disagreements(record))
        problems.extend(check_url(record))
        problems.extend(check_location(record))
        problems.extend(check_placeholders(record))
        problems.extend(check_invisible_characters(record))
    return problems


_PLACEHOLDER_START = re.compile(re.escape(PLACEHOLDER))  # is_placeholder, as a C method for _texts


def check_placeholders(record: Record) -> Iterator[Problem]:
    """Stubs from scripts/new.py mark what is left to fill in with TODO."""
    for path, value in _texts(record.data, _PLACEHOLDER_START.match):
        yield record.doc.problem(
            path,
            "placeholder",
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


# --- one file ---------------------------------------------------------------------------


def check_file(record: Record, paths: frozenset[str] = frozenset()) -> Iterator[Problem]:
    """The modeline is line 1, the id equals the file name, and no generated page uses it;
    paths are the project's records, so that a rename is never suggested onto one of them."""
    if record.first_line.rstrip() != record.kind.modeline:
        yield Problem(
            record.path, 1, 1, "modeline", f"line 1 must be the schema modeline: {record.kind.modeline}"
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
        yield record.doc.problem(("id",), "id-mismatch", message)
    if _reserved(record):
        yield record.doc.problem(
            ("id",),
            "reserved-id",
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
                "duplicate-id",
                f"id '{record.id}' is already used by {first[record.id].path}; "
                "ids must be unique across all records",
            )
        else:
            first[record.id] = record


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
                "url-scheme",
                f"{key} '{shown(url)}' must be a web address starting with https:// or http://",
            )
        elif (hidden := hidden_character(url)) is not None:
            yield record.doc.problem(
                (key,),
                "url-character",
                f"{key} holds {_a(unicodedata.name(hidden, 'format character').lower())} "
                f"(U+{ord(hidden):04X}) at character {url.index(hidden) + 1}; "
                f"percent-encode it as {quote(hidden)} (or remove it if it is not part of the address)",
            )
    confirmed = record.data.get("confirmed") if record.kind is SOURCE else None
    against = confirmed.get("against") if isinstance(confirmed, dict) else None
    if against in ("url", "archive_url") and not isinstance(record.data.get(against), str):
        yield record.doc.problem(
            ("confirmed", "against"),
            "confirmed-address",
            f"confirmed says the page was read from {against}, but the record has no {against}; "
            "remove confirmed, or run ./dev.sh confirm-source again",
        )


def check_confirmed_quotes(records: list[Record]) -> Iterator[Problem]:
    """A confirmation covers the quotes it found on the page, pinned by their digest: a quote
    cited from the source since (or changed) was never looked for there, so the site shows
    the source as not confirmed until confirm-source runs again."""
    cited = cited_by_source(r.data for r in records if r.kind is not SOURCE)
    for record in records:
        confirmed = record.data.get("confirmed") if record.kind is SOURCE else None
        pinned = confirmed.get("quotes_sha256") if isinstance(confirmed, dict) else None
        quotes = cited.get(record.id, set()) if isinstance(record.id, str) else set()
        if isinstance(pinned, str) and pinned != quotes_digest(quotes):
            yield record.doc.problem(
                ("confirmed", "quotes_sha256"),
                "confirmed-quotes-changed",
                f"the quotes now cited from this source ({len(quotes)}) are not the ones confirmed on its "
                "page: one was added or changed since, so the site shows the source as not confirmed; "
                f"run ./dev.sh confirm-source {record.id} again",
            ).as_warning()


def check_uncited_lines(records: list[Record], archives: Mapping[str, Archive]) -> Iterator[Problem]:
    """Every line of an article's body is carried (some quote cites it) or listed under
    not_carried with why: a paragraph is never dropped by oversight. A listed line that a
    quote cites later is accounted for either way, so citing it needs no change to the
    source record (which a code owner reviews). Run only on data with no errors, where a
    quote that is not found would only echo as its lines uncited."""
    cited = cited_by_source(r.data for r in records if r.kind is not SOURCE)
    for record in records:
        archive = archives.get(record.id) if record.kind is SOURCE and isinstance(record.id, str) else None
        if archive is None or record.stem not in cited:
            continue  # a source nothing cites yet is still being added
        items = record.data.get("not_carried")
        listed = (
            listed_lines(i.get("lines") for i in items if isinstance(i, dict))
            if isinstance(items, list)
            else set()
        )
        carried = archive.cited_lines(normalise(q) for q in cited.get(record.stem, set()))
        body = {n for n, _ in archive.body_lines}
        for first, last in _runs(body - carried - listed):
            lines = f"line {first}" if first == last else f"lines {first}-{last}"
            yield record.doc.problem(
                ("not_carried",) if isinstance(items, list) else ("id",),
                "uncited-line",
                f"{lines} of sources/{record.stem}.txt: article body that no quote cites; cite it, "
                "or list it under not_carried with why the site leaves it out",
            ).as_warning()


def _runs(numbers: set[int]) -> Iterator[tuple[int, int]]:
    """Numbers as runs of consecutive ones, in order: {3, 4, 5, 9} -> (3, 5), (9, 9)."""
    for n in sorted(numbers):
        if n - 1 not in numbers:
            last = n
            while last + 1 in numbers:
                last += 1
            yield n, last


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
            "location-not-place",
            f"only a place has a location, and this entity's kind is '{kind}'; remove location",
            key=True,
        )
    given = [key for key in ("geonames", "wikidata") if key in location]
    if len(given) != 1:
        yield record.doc.problem(
            ("location", *given[1:2]),
            "location-source",
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


# --- references ----------------------------------------------------------------------------


def references(record: Record) -> Iterator[tuple[DataPath, str, Any]]:
    """(path, what it must name, value) for every reference a record makes."""
    data = record.data
    for i, value in _list(data, "topics"):
        yield ("topics", i), "topic", value
    for i, value in _list(data, "entities"):
        yield ("entities", i), "entity", value
    for i, value in _list(data, "related"):
        yield ("related", i), "entity", value
    for i, report in dicts(data, "related_reports"):
        yield ("related_reports", i, "event"), "event", report.get("event")
    for path, citation in quoted_passages(data):
        yield (*path, "source"), "source", citation.get("source")
    for i, figure in dicts(data, "figures"):
        yield ("figures", i, "reported_by"), "reporter", figure.get("reported_by")


def check_references(record: Record, index: Index) -> Iterator[Problem]:
    for path, what, value in references(record):
        if not isinstance(value, str) or is_placeholder(value) or record.has_failed(path):
            continue
        targets: Any = {"source": index.sources, "event": index.events}.get(what, index.entity_kinds)
        if value not in targets:
            candidates = {"source": index.sources, "topic": index.topics, "event": index.events}.get(
                what, index.entities
            )
            label = "entity" if what == "reporter" else what
            named = shown(value)
            make = f"make the {label} with {_MAKE.get(what, _MAKE_ENTITY)}"
            close = index.suggest(value, what, candidates)  # then the id is likely a slip: no --id
            fix = f"{close} Or {make}" if close else f"; correct the id, or {make} --id {named}"
            yield record.doc.problem(path, "unknown-reference", f"unknown {label} '{named}'{fix}")
        elif what == "topic" and index.entity_kinds[value] != "topic":
            yield record.doc.problem(
                path,
                "not-a-topic",
                f"'{value}' is not a topic but {_a(index.entity_kinds[value])}; list it under entities",
            )
        elif what == "reporter" and index.entity_kinds[value] in index.non_reporter_kinds:
            *others, last = [_a(kind) for kind in index.reporter_kinds]
            yield record.doc.problem(
                path,
                "not-a-reporter",
                f"'{value}' is {_a(index.entity_kinds[value])}, which cannot give a number; name "
                f"{', '.join(others)} or {last} that gave it, or leave reported_by out",
            )
        elif what == "entity" and record.kind is EVENT and index.entity_kinds[value] == "topic":
            yield record.doc.problem(path, "topic-as-entity", f"'{value}' is a topic; list it under topics")
        elif path[0] in ("related", "related_reports") and value == record.id:
            yield record.doc.problem(path, "self-reference", f"'{value}' is this record itself; remove it")
    yield from _repeated_related_reports(record)


def _repeated_related_reports(record: Record) -> Iterator[Problem]:
    """Each other event once: a second link would show the same related report twice."""
    seen: set[str] = set()
    for i, report in dicts(record.data, "related_reports"):
        other = report.get("event")
        if not isinstance(other, str):
            continue
        if other in seen:
            yield record.doc.problem(
                ("related_reports", i, "event"),
                "duplicate-item",
                f"related_reports links '{other}' twice; keep one and put both notes in it",
            )
        seen.add(other)


# --- dates ---------------------------------------------------------------------------------


_DATES = {SOURCE.name: ("published", "retrieved", "confirmed.date"), EVENT.name: ("date",)}  # by kind


def check_dates(record: Record, index: Index) -> Iterator[Problem]:
    """Dates are real; no source is published (or captured, or confirmed) after today; no event
    after its sources."""
    patterns = _DATES.get(record.kind.name, ())
    for key, value in (found for p in patterns for found in values_at(record.data, p)):
        if is_placeholder(value):
            continue
        try:
            date = parse_date(value)
        except DateError as err:
            yield record.doc.problem(key, "bad-date", f"{field_name(key)}: {err}")
            continue
        if record.kind is SOURCE and date.earliest > index.today:
            fix = {
                "published": "a source in the archive has already been published: correct the date",
                "retrieved": "a source in the archive has already been captured: correct the date",
            }.get(key[0], "its page was read on a day that has passed: run ./dev.sh confirm-source again")
            yield record.doc.problem(
                key, "date-in-future", f"{field_name(key)} {date.display()} is after today; {fix}"
            )
        open_ended = key == ("published",) and date.open_end and "retrieved" not in record.data
        if record.kind is SOURCE and open_ended:
            yield _unbounded(record, date)
        if record.kind is EVENT:
            yield from _out_of_story(record, date)
            yield from _after_sources(record, date, index)


def _unbounded(record: Record, published: FuzzyDate) -> Problem:
    """An open-ended publication date needs the day the text was retrieved as its bound:
    otherwise an event of any day up to today could cite the source."""
    return record.doc.problem(
        ("published",),
        "unbounded-published",
        f"published {published.display()} has no end; add retrieved, the day the text was captured "
        "(or '../YYYY-MM-DD', on or before a day), which is the last day it can have been published",
    )


FIRST_YEAR = 1900  # no event of this story, nor anything its articles recall, is older
MAX_YEARS = 10  # an event is one development, not an era


def _out_of_story(record: Record, date: FuzzyDate) -> Iterator[Problem]:
    """An event is something that happened: its known days are in modern times and no more
    than MAX_YEARS apart (a span from year 1 would also make every chart's axis huge)."""
    if date.start.earliest.year < FIRST_YEAR:
        yield record.doc.problem(
            ("date",),
            "date-out-of-range",
            f"date {date.display()} is before {FIRST_YEAR}; an event is something that happened in "
            "this story: correct the date, or write '../YYYY-MM-DD' (on or before the article's date)",
        )
    elif not (date.open_start or date.open_end) and date.latest.year - date.earliest.year > MAX_YEARS:
        yield record.doc.problem(
            ("date",),
            "date-out-of-range",
            f"date {date.display()} spans more than {MAX_YEARS} years; an event is one development: "
            "date it as narrowly as its article allows, or write '../YYYY-MM-DD' (on or before a day)",
        )


def _after_sources(record: Record, date: FuzzyDate, index: Index) -> Iterator[Problem]:
    """Every day the date allows, open ends included, is on or before each reporting source."""
    # Sources in a disagreement's accounts may be earlier reports compared with this one.
    reporting = (c for path, c in quoted_passages(record.data) if path[0] != "disagreements")
    cited = {source for c in reporting if isinstance(source := c.get("source"), str)}
    for source in sorted(cited):
        published = index.published_by(source)
        if published is None or date.latest <= published:
            continue
        was = index.was_published(source)
        if date.earliest > published:
            message = f"date {date.display()} is after {was}; a source cannot report a later event"
        elif date.open_end:
            message = (
                f"date {date.display()} has no end, but {was}; write "
                f"{date.start.earliest.isoformat()}/{published.isoformat()} or a narrower span"
            )
        else:
            message = (
                f"date {date.display()} runs to {date.latest.isoformat()}, after {was}; "
                "end it no later than the source"
            )
        yield record.doc.problem(
            ("date",), "date-after-source", f"{message}: correct the date or the citation"
        )


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def _try_date(value: Any) -> FuzzyDate | None:
    try:
        return parse_date(value) if isinstance(value, str) else None
    except DateError:
        return None


# --- quotes --------------------------------------------------------------------------------


def check_quotes(record: Record, archives: Mapping[str, Archive]) -> Iterator[Problem]:
    """Every quote is in its source's article body, on whole words; every figure's quote
    holds the figure's value as a whole number at the place where it matched."""
    for path, citation in quoted_passages(record.data):
        source, quote = citation.get("source"), citation.get("quote")
        if not isinstance(quote, str) or not isinstance(source, str) or source not in archives:
            continue
        if is_placeholder(quote) or record.has_failed((*path, "quote")):
            continue
        wanted, archive = normalise(quote), archives[source]
        if not wanted and quote:  # an empty string is the schema's to report
            yield record.doc.problem(
                (*path, "quote"), "empty-quote", "the quote is blank; copy a passage from the source"
            )
            continue
        search = archive.search(wanted)
        if search.found is not Found.MATCH:
            yield record.doc.problem(
                (*path, "quote"), *_not_matched(search.found, search.cut, wanted, source, archive)
            )
        elif path[0] == "figures":
            yield from _figure_against_quote(record, int(path[1]), wanted)


def _figure_against_quote(record: Record, i: int, quote: str) -> Iterator[Problem]:
    """The quote states the figure's value as a quantity (not a year, a day or a page),
    with the figure's qualifier, and in the currency its unit names, or in none."""
    figure, name = record.data["figures"][i], field_name(("figures", i))
    value = figure.get("value")
    if isinstance(value, float) and value.is_integer():  # refused as a decimal too: say both
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        return
    same = [n for n in quantities(quote) if n.value == value]
    if not same:
        yield record.doc.problem(
            ("figures", i, "value"),
            "figure-not-in-quote",
            f"{name}: the quote does not state {value:,} as a quantity (it reads: {shown(_reading(quote))}); "
            "quote the passage that gives the number, or correct the value",
        )
        return
    qualifier = figure.get("qualifier")
    if _given(qualifier) and qualifier not in {n.qualifier for n in same}:
        said = same[0]
        words = (
            f"'{said.qualified_by} {shown(said.written)}'"
            if said.qualified_by
            else f"{shown(said.written)} with no qualifier"
        )
        yield record.doc.problem(
            ("figures", i, "qualifier"),
            "figure-qualifier",
            f"{name}.qualifier is '{qualifier}', but the quote says {words}; set qualifier: {said.qualifier}",
        )
    unit = figure.get("unit")
    if _given(unit) and (message := _unit_disagrees(unit, same)) is not None:
        yield record.doc.problem(("figures", i, "unit"), "figure-unit", f"{name}.unit {message}")


def _given(value: Any) -> TypeGuard[str]:
    """Text that is filled in: not missing, not of another type, not a TODO from a stub."""
    return isinstance(value, str) and not is_placeholder(value)


def _unit_disagrees(unit: str, stated: list[Number]) -> str | None:
    """What is wrong with a unit, if anything: money needs its currency named next to the
    number in the quote; a count must not be an amount of money there."""
    wanted, said = currency_of(unit), stated[0]
    if wanted in {n.currency for n in stated}:
        return None
    if wanted is None:
        return (
            f"'{shown(unit)}' is a count, but the quote gives {shown(said.written)} as an amount of "
            f"{said.currency}; "
            "set the unit to the currency, or quote the passage that counts"
        )
    named = f"names {said.currency}" if said.currency else "names no currency"
    return (
        f"'{shown(unit)}' is money in {wanted}, but the quote {named} next to {shown(said.written)} (a "
        "currency sign "
        "right before the number, or a currency word right after it and its scale); correct the unit, "
        "or quote the words that give the currency"
    )


_KIND_WORDS = {
    Kind.YEAR: "a year",
    Kind.DAY: "a day of a month",
    Kind.DATE: "a date or time",
    Kind.ORDINAL: "an ordinal",
    Kind.LABEL: "a number of a page, clause or the like",
}


def _reading(text: str) -> str:
    """The numbers a text states, as the validator reads them: "41,000; 2023, a year"."""
    numbers = [
        n.written if n.kind is Kind.QUANTITY else f"{n.written}, {_KIND_WORDS[n.kind]}"
        for n in read_numbers(text)
    ]
    return "; ".join(numbers) if numbers else "no number"


def check_whole_numbers(record: Record) -> Iterator[Problem]:
    """A figure is a whole number: YAML reads 41000000.0 or 1.0e6 as a decimal, which the
    schema's "integer" accepts but which states no number an article gives."""
    for i, figure in dicts(record.data, "figures"):
        value = figure.get("value")
        if isinstance(value, float):
            yield record.doc.problem(
                ("figures", i, "value"),
                "not-whole-number",
                f"{field_name(('figures', i, 'value'))} is written as a decimal ({value!r}); write the "
                "whole number the quote states, with no decimal point or exponent (money in whole units "
                "of its currency: 'US$41.4 million' is 41400000)",
            )


def check_units(record: Record) -> Iterator[Problem]:
    """A figure's unit says what one of it is; its number, scale included, is the value."""
    for i, figure in dicts(record.data, "figures"):
        unit = figure.get("unit")
        if _given(unit) and (number := number_in_unit(unit)) is not None:
            yield record.doc.problem(
                ("figures", i, "unit"),
                "figure-unit",
                f"{field_name(('figures', i, 'unit'))} '{shown(unit)}' holds the number "
                f"'{shown(number)}', which the page would write after the value; say what one unit "
                "is ('suspects') and put the whole number in value ('40 thousand' is 40000)",
            )


MIN_WORDED = 100  # the smallest number our own words may write in words only as a quote states it


def check_numbers_in_own_words(record: Record) -> Iterator[Problem]:
    """Every quantity our own words write in digits ('90k' and '⁹⁰' too), or in words from a
    hundred up ('ninety thousand', 'a hundred'), is one that the record's quotes state, at
    the same scale ('41 million' is not '41,000'); dates and labels aside. Smaller numbers
    in words are left alone: in our own words they are mostly not the articles' figures
    ('the two countries', 'one of them')."""
    if record.kind is SOURCE:
        return
    for pattern in OWN_WORDS[record.kind.name]:
        for path, text in values_at(record.data, pattern):
            if is_placeholder(text) or record.has_failed(path):
                continue
            quotes, whose = _quotes_behind(record.data, path)
            stated = {n.value for q in quotes if isinstance(q, str) for n in quantities(normalise(q))}
            for number in quantities(normalise(as_read(pattern, text))):  # as the page shows it
                if (number.written[0].isdigit() or number.value >= MIN_WORDED) and number.value not in stated:
                    yield record.doc.problem(
                        path,
                        "number-not-in-quotes",
                        f"{field_name(path)} states {shown(number.written)}, which {whose} "
                        f"{shown('; '.join(f'{v:,}' for v in sorted(stated))) or 'no number'}); write the "
                        "number as a quote gives it, or cite the passage that gives it",
                    )


def _quotes_behind(data: dict[str, Any], path: DataPath) -> tuple[list[Any], str]:
    """The quotes our words at path rest on, and how a message names them: a disagreement
    account's words its own quote; a disagreement's question and note the record's quotes
    and its accounts'; anything else the record's citations and figures (an account may be
    an earlier report that this event compares)."""
    reporting = [c.get("quote") for p, c in quoted_passages(data) if p[0] != "disagreements"]
    if path[0] != "disagreements":
        return reporting, "none of this record's quotes states (they state"
    accounts = data["disagreements"][path[1]].get("accounts")
    if path[-1] == "says":
        return [accounts[path[3]].get("quote")], "its account's quote does not state (it states"
    given = [a.get("quote") for a in accounts if isinstance(a, dict)] if isinstance(accounts, list) else []
    return [*reporting, *given], "none of this record's quotes states (they state"


def _not_matched(found: Found, cut: str | None, quote: str, source: str, archive: Archive) -> tuple[str, str]:
    """The rule and message for a quote that is not a whole-word passage of the article."""
    text = f"sources/{source}.txt"
    if found is Found.CUT:
        return (
            "quote-cuts-word",
            f"the quote is in {text} only as part of a longer word or number ('{shown(cut or quote)}'); "
            "start and end it on whole words and whole numbers",
        )
    if found is Found.OUTSIDE_BODY:
        return (
            "quote-outside-article",
            f"the quote is in {text} only in, or across, lines that sources/{source}.yml marks as "
            "not part of the article (not_article); quote the article itself",
        )
    if hidden := disguise(quote, archive.folded_body):
        return "quote-not-found", f"quote not found in {text}: {hidden}; copy the passage exactly"
    return (
        "quote-not-found",
        f"quote not found in {text}{_where_it_differs(quote, archive, text)}",
    )


def _where_it_differs(quote: str, archive: Archive, name: str) -> str:
    """Point at the first words where the quote stops matching, and at what the article says
    there and on which line, to speed up the fix; with the fix.

    A prefix that is in the text has all its shorter prefixes in it too, so the longest
    matching prefix is found by bisection: a handful of searches even in a long text.
    """
    words, padded = quote.split(" "), f" {archive.body_text()} "
    stitched = padded.find(quote)
    if stitched > 0:  # not in one passage: only with a line that is not_article left out
        first, last = archive.line_at(stitched - 1), archive.line_at(stitched + len(quote) - 1)
        return (
            f": its words run from line {first} to line {last} only by leaving out lines that are "
            "not part of the article (not_article); quote one passage"
        )
    low, high = 0, len(words)  # the first `low` words match; more than `high` do not
    while low < high:
        middle = (low + high + 1) // 2
        if f" {' '.join(words[:middle])} " in padded:
            low = middle
        else:
            high = middle - 1
    if low == 0:
        return "; copy the passage exactly"
    matched = " ".join(words[:low])
    end = padded.find(f" {matched} ") + len(matched) + 1  # the space after it, or the text's end
    after = padded[end : end + 200].split()[:3]
    article = (
        f"where {name} line {archive.line_at(end)} has '{shown(' '.join(after))}'"
        if after
        else f"where {name} ends"
    )
    return (
        f": it matches up to '{shown(' '.join(words[max(0, low - 3) : low]))}', then the quote has "
        f"'{shown(' '.join(words[low : low + 3]))}' {article}; copy the passage exactly"
    )


# --- text that deceives the eye ----------------------------------------------------------------


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
            "invisible-character",
            f"{field_name(path)} holds the invisible character U+{ord(hidden):04X} "
            f"({unicodedata.name(hidden, 'unnamed')}), which can disguise what readers see; remove it",
        ).as_warning()


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
                "confusable-names",
                f"name '{shown(name)}' looks the same as the name of {other.path} "
                f"('{shown(other.data['name'])}'); "
                "if they are the same, keep one record; if not, name them so readers can tell them apart",
            ).as_warning()
        else:
            first[looks_like] = record


# --- disagreements -----------------------------------------------------------------------------


def check_disagreements(record: Record) -> Iterator[Problem]:
    for i, disagreement in dicts(record.data, "disagreements"):
        accounts = disagreement.get("accounts")
        if not isinstance(accounts, list):
            continue
        sources = {str(a.get("source")) for a in accounts if isinstance(a, dict)}
        if len(accounts) >= 2 and len(sources) < 2:
            yield record.doc.problem(
                ("disagreements", i, "accounts"),
                "one-sided-disagreement",
                "a disagreement needs accounts from at least two different sources; "
                "add the other source's account",
            )


# --- reading the data defensively -------------------------------------------------------------


def _ids(records: list[Record], kind: str) -> Iterator[str]:
    return (r.id for r in records if r.kind.name == kind and isinstance(r.id, str))


def _list(data: dict[str, Any], key: str) -> Iterator[tuple[int, Any]]:
    value = data.get(key)
    return enumerate(value) if isinstance(value, list) else iter(())
