"""Every reference names a record that exists, of a kind that fits where it is named; a
reference to nothing says which command makes the record, or which id was meant."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..data.load import DataPath
from ..data.problems import Example, Problem, Rule, shown
from ..data.records import ENTITY, EVENT, QUOTED, Record, is_placeholder, values_at
from ..data.schema_errors import DUPLICATE_ITEM
from ..data.vocabulary import TOPIC
from .index import Index, a_or_an

UNKNOWN_REFERENCE = Rule(
    "unknown-reference",
    "error",
    "every id a record names exists (a close id is offered only when it is nearly the same)",
    "correct the id, or make the record: `./dev.sh new entity --name … --kind … --id …`",
    fails=(
        Example("bad/unknown-entity"),
        Example("bad/unknown-entity-far-from-any"),
    ),
)

NOT_A_TOPIC = Rule(
    "not-a-topic",
    "error",
    "an event's topics are entities of kind topic",
    "move the id to entities, or name a topic",
    fails=(Example("bad/not-a-topic"),),
)

TOPIC_AS_ENTITY = Rule(
    "topic-as-entity",
    "error",
    "an event's entities are not topics",
    "move the id to topics",
    fails=(Example("bad/topic-as-entity"),),
)

SELF_REFERENCE = Rule(
    "self-reference",
    "error",
    "a record does not name itself",
    "remove the reference",
    fails=(
        Example("bad/self-reference"),
        Example("bad/related-report-to-itself"),
        Example("bad/parent-itself"),
    ),
)

PARENT_CYCLE = Rule(
    "parent-cycle",
    "error",
    "an entity's parent is not the entity itself, nor one of the entities under it",
    "remove the parent from one of the entities the message names",
    fails=(Example("bad/parent-cycle"),),
)

NOT_A_REPORTER = Rule(
    "not-a-reporter",
    "error",
    "a figure's reported_by is a person, an organisation or a group, never a topic, a place or an operation",
    "name who gave the figure",
    fails=(Example("fabricated/reporter-is-a-topic"),),
)

# The command that makes a record of each kind a reference can name.
_MAKE = {
    "source": "./dev.sh new source --from URL-or-FILE",
    "event": "./dev.sh new event --date … --title …",
    TOPIC: f"./dev.sh new entity --name … --kind {TOPIC}",
}

_MAKE_ENTITY = "./dev.sh new entity --name … --kind …"


# Where a record names another, and what it must name there.
_REFERENCES = (
    ("topics.*", TOPIC),
    ("entities.*", "entity"),
    ("related.*", "entity"),
    ("parent", "entity"),
    ("related_reports.*.event", "event"),
    *((f"{where}.source", "source") for where in QUOTED),
    ("figures.*.reported_by", "reporter"),
)


def references(record: Record) -> Iterator[tuple[DataPath, str, Any]]:
    """(path, what it must name, value) for every reference a record makes."""
    data = record.data
    for pattern, what in _REFERENCES:
        for path, value in values_at(data, pattern, object):
            yield path, what, value


def check_references(record: Record, index: Index) -> Iterator[Problem]:
    for path, what, value in references(record):
        if not isinstance(value, str) or is_placeholder(value) or record.has_failed(path):
            continue
        targets: Any = {"source": index.sources, "event": index.events}.get(what, index.entity_kinds)
        if value not in targets:
            candidates = {"source": index.sources, TOPIC: index.topics, "event": index.events}.get(
                what, index.entities
            )
            label = "entity" if what == "reporter" else what
            named = shown(value)
            make = f"make the {label} with {_MAKE.get(what, _MAKE_ENTITY)}"
            close = index.suggest(value, what, candidates)  # then the id is likely a slip: no --id
            fix = f"{close} Or {make}" if close else f"; correct the id, or {make} --id {named}"
            yield record.doc.problem(path, UNKNOWN_REFERENCE, f"unknown {label} '{named}'{fix}")
        elif what == TOPIC and index.entity_kinds[value] != TOPIC:
            yield record.doc.problem(
                path,
                NOT_A_TOPIC,
                f"'{value}' is not a topic but {a_or_an(index.entity_kinds[value])}; list it under entities",
            )
        elif what == "reporter" and index.entity_kinds[value] in index.non_reporter_kinds:
            *others, last = [a_or_an(kind) for kind in index.reporter_kinds]
            yield record.doc.problem(
                path,
                NOT_A_REPORTER,
                f"'{value}' is {a_or_an(index.entity_kinds[value])}, which cannot give a number; name "
                f"{', '.join(others)} or {last} that gave it, or leave reported_by out",
            )
        elif what == "entity" and record.kind is EVENT and index.entity_kinds[value] == TOPIC:
            yield record.doc.problem(path, TOPIC_AS_ENTITY, f"'{value}' is a topic; list it under topics")
        elif path[0] in ("related", "related_reports", "parent") and value == record.id:
            yield record.doc.problem(path, SELF_REFERENCE, f"'{value}' is this record itself; remove it")
    yield from _repeated_related_reports(record)


def _repeated_related_reports(record: Record) -> Iterator[Problem]:
    """Each other event once: a second link would show the same related report twice."""
    seen: set[str] = set()
    for (_, i), report in values_at(record.data, "related_reports.*", dict):
        other = report.get("event")
        if not isinstance(other, str):
            continue
        if other in seen:
            yield record.doc.problem(
                ("related_reports", i, "event"),
                DUPLICATE_ITEM,
                f"related_reports links '{other}' twice; keep one and put both notes in it",
            )
        seen.add(other)


def check_parent_cycles(records: list[Record]) -> Iterator[Problem]:
    """Each entity whose parents lead back to it: the filter could not list it under them.
    A parent that names the entity itself is a self-reference, reported above."""
    parents = {
        r.id: r.data["parent"]
        for r in records
        if r.kind is ENTITY
        and isinstance(r.id, str)
        and isinstance(r.data.get("parent"), str)
        and r.data["parent"] != r.id
    }
    for record in records:
        if not isinstance(record.id, str) or record.id not in parents or record.has_failed(("parent",)):
            continue
        chain, at = [record.id], parents[record.id]
        while at in parents and at not in chain:
            chain.append(at)
            at = parents[at]
        if at == record.id:
            loop = " → ".join(shown(i) for i in [*chain, at])
            yield record.doc.problem(
                ("parent",),
                PARENT_CYCLE,
                f"the parents lead back to this entity ({loop}); remove one of them",
            )
