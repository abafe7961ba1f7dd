"""What the rules look up across records: every id by kind, the sources' dates, today,
the known id to suggest for a misspelt one, and the article a word takes in a message;
and the context every check of the registry is given."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path
from typing import Any

from ..data.archives import ArchivedText
from ..data.dates import DateError, FuzzyDate, parse_date
from ..data.quotes import Archive
from ..data.records import ENTITY, EVENT, SOURCE, Record, cited_by_source, values_at
from ..data.suggestions import Suggestions
from ..data.vocabulary import TOPIC, Vocabulary

# How alike an unknown id and a known one must be (difflib's ratio) to be offered as the
# one meant: 'ccvt' for 'cctv' (0.75) is a slip, 'chinese-goverment' for 'chinese-media'
# (0.67) is another record altogether, and naming it would mislead.
ID_SIMILARITY = 0.75


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
    private_names: Mapping[str, str]  # each private individual's name, with the source record that lists it

    @classmethod
    def of(cls, records: list[Record], today: dt.date, vocabulary: Vocabulary) -> Index:
        kinds = {r.id: str(r.data.get("kind")) for r in records if r.kind is ENTITY and isinstance(r.id, str)}
        return cls(
            sources=frozenset(_ids(records, SOURCE.name)),
            events=frozenset(_ids(records, EVENT.name)),
            entity_kinds=kinds,
            entities=frozenset(kinds),
            topics=frozenset(k for k, v in kinds.items() if v == TOPIC),
            published=_source_dates(records, "published"),
            retrieved=_source_dates(records, "retrieved"),
            today=today,
            suggest=Suggestions(cutoff=ID_SIMILARITY),
            reporter_kinds=vocabulary.reporter_kinds,
            non_reporter_kinds=frozenset(vocabulary.entity_kinds) - set(vocabulary.reporter_kinds),
            private_names=_private_names(records),
        )

    def frame(self) -> tuple[object, ...]:
        """Everything the index holds but its hints' budget: a record's checks can give
        another answer only when this changes."""
        return tuple(getattr(self, f.name) for f in fields(self) if f.name != "suggest")

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
        if r.kind is SOURCE and isinstance(r.id, str) and (date := read_date(r.data.get(key))) is not None
    }


def a_or_an(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def read_date(value: Any) -> FuzzyDate | None:
    """A date from the data, or None where there is none that reads (the dating rules say why)."""
    try:
        return parse_date(value) if isinstance(value, str) else None
    except DateError:
        return None


def _private_names(records: list[Record]) -> dict[str, str]:
    """Each private individual's name, with the source record that lists it."""
    names: dict[str, str] = {}
    for record in records:
        if record.kind is SOURCE:
            for _, name in values_at(record.data, "private_names.*"):
                names.setdefault(name, record.path)
    return names


def _ids(records: list[Record], kind: str) -> Iterator[str]:
    return (r.id for r in records if r.kind.name == kind and isinstance(r.id, str))


@dataclass(frozen=True)
class Context:
    """What the checks read: the loaded records, the archived texts by source id (their words,
    and what else is checked of them), what the rules look up across records, and under
    root the files of archived texts and the hand-written pages of docs/."""

    records: list[Record]
    archives: Mapping[str, Archive]
    texts: Mapping[str, ArchivedText]
    index: Index
    root: Path
    archive_paths: list[Path]
    pages: list[Path]

    @cached_property
    def cited(self) -> dict[str, set[str]]:
        """Every quote the events and entities cite, by source id: read once for the checks
        of confirmations and of uncited lines."""
        return cited_by_source(r.data for r in self.records if r.kind is not SOURCE)

    @cached_property
    def paths(self) -> frozenset[str]:
        """Every record's path: a file is never told to take the name of another."""
        return frozenset(r.path for r in self.records)
