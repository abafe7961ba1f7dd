"""Typed, immutable records and the indexes the pages need.

The model is built only from data that passed every check, so it can trust types and
references; everything downstream (pages, exports) reads the model, never the YAML.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, TypeVar

from .dates import FuzzyDate, parse_date
from .quotes import Archive, quotes_digest
from .records import ENTITY, EVENT, QUOTED, SOURCE, Record, cited_by_source
from .vocabulary import TOPIC, Vocabulary


@dataclass(frozen=True)
class Citation:
    source: str
    quote: str


@dataclass(frozen=True)
class Figure:
    """A reported number; `event` is the id of the event that reports it.

    reported_by is None when the article states the number in its own voice.
    """

    event: str
    measure: str
    value: int
    qualifier: str
    unit: str
    source: str
    quote: str
    reported_by: str | None = None
    period: str | None = None
    note: str | None = None
    hedge: str | None = None  # 'could be': the quote's hedging words, shown wherever the number is
    counts: str | None = None  # 'handed over to China by Myanmar's authorities', in plain words


@dataclass(frozen=True)
class Account:
    source: str
    says: str
    quote: str


@dataclass(frozen=True)
class Disagreement:
    """Accounts that differ; only a conflict (they cannot all be right) marks a number or an
    event with "sources differ", the rest are listed as reported differently."""

    about: str
    kind: str  # number, date, attribution, identity, wording or account
    conflict: bool
    accounts: tuple[Account, ...]
    note: str | None = None


@dataclass(frozen=True)
class RelatedReport:
    """Another event that may report the same incident; the articles do not say it does."""

    event: str
    note: str


@dataclass(frozen=True)
class Event:
    id: str
    path: str
    title: str
    date: FuzzyDate
    date_basis: str
    summary: str
    topics: tuple[str, ...]
    entities: tuple[str, ...]
    figures: tuple[Figure, ...]
    disagreements: tuple[Disagreement, ...]
    citations: tuple[Citation, ...]
    related_reports: tuple[RelatedReport, ...] = ()  # both ways: see linked_both_ways()
    details: str | None = None  # the longer account, for the event's own page
    former_ids: tuple[str, ...] = ()  # ids it had before a rename: their links still lead to it
    key: bool = False  # a turning point, labelled on the overview chart
    label: str | None = None  # its short name there, in our own words (else the title, cut)

    def quotations(self, source: str | None = None) -> tuple[Citation, ...]:
        """Every passage the event takes from its sources, in order, each once; only those
        from `source` when it is given. They are where records.QUOTED says a record's quotes
        live, read from the model's fields of the same names."""
        taken = [Citation(q.source, q.quote) for where in QUOTED for q in _items_at(self, where)]
        return tuple(dict.fromkeys(c for c in taken if source in (None, c.source)))

    @cached_property
    def sources(self) -> tuple[str, ...]:
        """Every source the event cites anywhere, in first-cited order (worked out once: the
        pages and exports ask for it again and again)."""
        return tuple(dict.fromkeys(c.source for c in self.quotations()))


@dataclass(frozen=True)
class Location:
    """A place's coordinates and the gazetteer entry they come from (exactly one)."""

    lat: float
    lon: float
    geonames: int | None = None
    wikidata: str | None = None
    gazetteer: str | None = None  # the package and version the geonames entry was copied from
    at: str | None = None  # a region marked at its main town: the town's name in the gazetteer


@dataclass(frozen=True)
class Entity:
    id: str
    path: str
    name: str
    kind: str
    summary: str
    aliases: tuple[str, ...]
    related: tuple[str, ...]
    citations: tuple[Citation, ...]
    location: Location | None = None
    role: str | None = None  # a few words for the index, beside the name
    parent: str | None = None  # the entity it is part of (never a cycle: the checks saw to it)


@dataclass(frozen=True)
class NotArticle:
    """Lines of the archived text that are not the article (a caption, 'Advertisement')."""

    lines: str
    what: str


@dataclass(frozen=True)
class NotCarried:
    """Body lines that no quote cites, left out on purpose (a private individual's story)."""

    lines: str
    why: str


@dataclass(frozen=True)
class Provenance:
    """Where the maintainers hold that an article comes from, though its text does not show
    it: shown as their knowledge, not confirmed, never as what the text says."""

    says: str
    basis: str


@dataclass(frozen=True)
class Confirmed:
    """The day every quote cited from a source was found on its page, and which address
    ('url' or 'archive_url') the page was read from: see confirm.py. A source has one only
    while the quotes cited from it are the ones that were found."""

    date: FuzzyDate
    against: str


@dataclass(frozen=True)
class Source:
    id: str
    path: str
    title: str
    publisher: str
    author: str | None
    published: FuzzyDate
    published_basis: str
    url: str | None
    notes: tuple[str, ...]
    archive_sha256: str
    not_article: tuple[NotArticle, ...] = ()
    not_carried: tuple[NotCarried, ...] = ()
    provenance: tuple[Provenance, ...] = ()
    private_names: tuple[str, ...] = ()
    title_basis: str | None = None
    based_on: str | None = None
    via: str | None = None
    archive_url: str | None = None
    retrieved: FuzzyDate | None = None
    confirmed: Confirmed | None = None

    @property
    def cited_as(self) -> str:
        """How a citation names it: 'OCCRP, 24 November 2023'."""
        return f"{self.publisher}, {self.published.display()}"


@dataclass(frozen=True)
class Dataset:
    """All records, events in date order, and the indexes pages are built from."""

    events: tuple[Event, ...]
    entities: Mapping[str, Entity]
    sources: Mapping[str, Source]
    events_by_entity: Mapping[str, tuple[Event, ...]]
    events_by_topic: Mapping[str, tuple[Event, ...]]
    events_by_source: Mapping[str, tuple[Event, ...]]
    figures_by_measure: Mapping[str, tuple[Figure, ...]]
    vocabulary: Vocabulary
    archives: Mapping[str, Archive] = field(default_factory=dict)  # by source id: to show a quote in context

    def event(self, event_id: str) -> Event:
        return self._events_by_id[event_id]

    @cached_property
    def _events_by_id(self) -> dict[str, Event]:
        return {e.id: e for e in self.events}

    @cached_property
    def position(self) -> dict[str, int]:
        """Each event's place in date order (0: the first), to put events in that order."""
        return {e.id: n for n, e in enumerate(self.events)}

    @cached_property
    def entities_by_source(self) -> dict[str, tuple[Entity, ...]]:
        """The entities whose descriptions quote each source, in the order of `entities`."""
        return _group(
            [(s, e) for e in self.entities.values() for s in dict.fromkeys(c.source for c in e.citations)]
        )

    def events_of(self, entity_id: str) -> tuple[Event, ...]:
        """A topic's events, or the events an entity is involved in."""
        if self.entities[entity_id].kind == TOPIC:
            return self.events_by_topic.get(entity_id, ())
        return self.events_by_entity.get(entity_id, ())


def _items_at(value: Any, pattern: str) -> list[Any]:
    """The model's objects at a dotted pattern of field names ('disagreements.*.accounts.*'),
    '*' being every item of a tuple."""
    found = [value]
    for part in pattern.split("."):
        found = [item for v in found for item in v] if part == "*" else [getattr(v, part) for v in found]
    return found


def _citations(items: list[dict[str, Any]]) -> tuple[Citation, ...]:
    return tuple(Citation(c["source"], c["quote"]) for c in items)


def _event(record: Record) -> Event:
    d = record.data
    return Event(
        id=d["id"],
        path=record.path,
        title=d["title"],
        date=parse_date(d["date"]),
        date_basis=d["date_basis"],
        summary=d["summary"],
        topics=tuple(d["topics"]),
        entities=tuple(d["entities"]),
        figures=tuple(Figure(event=d["id"], **f) for f in d.get("figures", [])),
        disagreements=tuple(
            Disagreement(
                about=g["about"],
                kind=g["kind"],
                conflict=g["conflict"],
                accounts=tuple(Account(**a) for a in g["accounts"]),
                note=g.get("note"),
            )
            for g in d.get("disagreements", [])
        ),
        citations=_citations(d["citations"]),
        related_reports=tuple(RelatedReport(r["event"], r["note"]) for r in d.get("related_reports", [])),
        details=d.get("details"),
        former_ids=tuple(d.get("former_ids", [])),
        key=d.get("key", False),
        label=d.get("label"),
    )


def linked_both_ways(events: tuple[Event, ...]) -> tuple[Event, ...]:
    """Each related report shown on both events, whichever of the two lists it: a reader of
    either card learns of the other. A link listed on both keeps each side's own note."""
    extra: dict[str, list[RelatedReport]] = defaultdict(list)
    for event in events:
        for report in event.related_reports:
            extra[report.event].append(RelatedReport(event.id, report.note))
    linked = []
    for event in events:
        listed = {r.event for r in event.related_reports}
        added = tuple(r for r in extra.get(event.id, []) if r.event not in listed)
        linked.append(replace(event, related_reports=event.related_reports + added) if added else event)
    return tuple(linked)


def _entity(record: Record) -> Entity:
    d = record.data
    return Entity(
        id=d["id"],
        path=record.path,
        name=d["name"],
        kind=d["kind"],
        summary=d["summary"],
        aliases=tuple(d.get("aliases", [])),
        related=tuple(d.get("related", [])),
        citations=_citations(d["citations"]),
        location=Location(**d["location"]) if "location" in d else None,
        role=d.get("role"),
        parent=d.get("parent"),
    )


def _source(record: Record, quotes: set[str]) -> Source:
    """The source, confirmed only if its confirmation covers exactly the quotes cited now."""
    d = dict(record.data)
    return Source(
        **{
            k: v
            for k, v in d.items()
            if k
            not in (
                "published",
                "retrieved",
                "notes",
                "not_article",
                "not_carried",
                "provenance",
                "private_names",
                "confirmed",
            )
        },
        path=record.path,
        published=parse_date(d["published"]),
        retrieved=parse_date(d["retrieved"]) if "retrieved" in d else None,
        notes=tuple(d["notes"]),
        not_article=tuple(NotArticle(str(n["lines"]), n["what"]) for n in d.get("not_article", [])),
        not_carried=tuple(NotCarried(str(n["lines"]), n["why"]) for n in d.get("not_carried", [])),
        provenance=tuple(Provenance(p["says"], p["basis"]) for p in d.get("provenance", [])),
        private_names=tuple(d.get("private_names", [])),
        confirmed=_confirmed(d["confirmed"], quotes) if "confirmed" in d else None,
    )


def _confirmed(d: dict[str, str], quotes: set[str]) -> Confirmed | None:
    """None when a quote was added or changed since: it was never looked for on the page."""
    if d["quotes_sha256"] != quotes_digest(quotes):
        return None
    return Confirmed(parse_date(d["date"]), d["against"])


T = TypeVar("T")


def _group(pairs: list[tuple[str, T]]) -> dict[str, tuple[T, ...]]:
    groups: dict[str, list[T]] = defaultdict(list)
    for key, value in pairs:
        groups[key].append(value)
    return {key: tuple(values) for key, values in sorted(groups.items())}


def _with_parents(entities: Mapping[str, Entity], ids: tuple[str, ...]) -> dict[str, None]:
    """The ids and all their parents, each once: a parent is involved in its parts' events,
    and lists them on its page (the checks let no parents make a cycle)."""
    found: dict[str, None] = {}
    for entity_id in ids:
        at: str | None = entity_id
        while at is not None and at not in found:
            found[at] = None
            at = entities[at].parent
    return found


def build(records: list[Record], vocabulary: Vocabulary, archives: Mapping[str, Archive]) -> Dataset:
    """The model of checked records (call only when the checks found no problem), with the
    archived texts their quotes were found in."""
    events = linked_both_ways(
        tuple(sorted((_event(r) for r in records if r.kind is EVENT), key=lambda e: (e.date.sort_key, e.id)))
    )
    cited = cited_by_source(r.data for r in records if r.kind is not SOURCE)
    entities = {r.id: _entity(r) for r in sorted(records, key=lambda r: r.path) if r.kind is ENTITY}
    return Dataset(
        events=events,
        entities=entities,
        sources={
            r.id: _source(r, cited.get(r.id, set()))
            for r in sorted(records, key=lambda r: r.path)
            if r.kind is SOURCE
        },
        events_by_entity=_group([(x, e) for e in events for x in _with_parents(entities, e.entities)]),
        events_by_topic=_group([(t, e) for e in events for t in e.topics]),
        events_by_source=_group([(s, e) for e in events for s in e.sources]),
        figures_by_measure=_group([(f.measure, f) for e in events for f in e.figures]),
        vocabulary=vocabulary,
        archives=archives,
    )
