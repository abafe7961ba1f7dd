"""The words of the data model, each defined once.

Which entity kinds and figure qualifiers exist is the schemas' to say (their `enum`s,
read once when the schemas are loaded); how pages name them is said here, keyed by
those words. A word the schemas add later still works: it is shown as written until a
label is added here (a test asks for one).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

TOPIC = "topic"  # the kind of entity that is a storyline: events belong to topics
PLACE = "place"  # the only kind of entity that may have a location (a marker on the map)

KIND_PLURAL = {
    "person": "People",
    "organisation": "Organisations",
    "group": "Armed groups and gangs",
    "place": "Places",
    "operation": "Operations",
    "topic": "Topics",
}
KIND_SINGULAR = {
    "person": "Person",
    "organisation": "Organisation",
    "group": "Armed group or gang",
    "place": "Place",
    "operation": "Operation",
    "topic": "Topic",
}
QUALIFIER_WORDS = {  # how a figure's qualifier reads before its number
    "exactly": "",
    "more-than": "more than ",
    "at-least": "at least ",
    "about": "about ",
    "up-to": "up to ",
}
DISAGREEMENT_KINDS = {  # what a disagreement's accounts differ on, as a page says it
    "number": "a number",
    "date": "a date",
    "attribution": "who said it",
    "identity": "who or what",
    "wording": "wording",
    "account": "what happened",
}
QUALIFIER_PHRASES = {  # the words before a number in a quote that give each qualifier ("exactly": none)
    "more-than": ("more than", "over", "above"),
    "at-least": ("at least",),
    "up-to": ("up to", "as many as"),
    "about": ("about", "around", "some", "nearly", "almost", "roughly", "approximately"),
}
SCHEMA_ORG_TYPES = {  # schema.org types for structured data; other kinds are a "Thing"
    "person": "Person",
    "organisation": "Organization",
    "group": "Organization",
    "place": "Place",
}


@dataclass(frozen=True)
class Vocabulary:
    """The enums of the schemas: what the data may say, in the schemas' order."""

    entity_kinds: tuple[str, ...]
    reporter_kinds: tuple[str, ...]  # the kinds of entity a figure's reported_by may name

    @classmethod
    def of(cls, schemas: Mapping[str, Any]) -> Vocabulary:
        """From the loaded schemas, by file name (entity.schema.json, event.schema.json)."""
        entity = schemas["entity.schema.json"]["properties"]["kind"]["enum"]
        figure = schemas["event.schema.json"]["$defs"]["figure"]["properties"]
        reporters = figure["reported_by"]["x-entity-kinds"]
        return cls(tuple(entity), tuple(reporters))

    def kind_plural(self, kind: str) -> str:
        return KIND_PLURAL.get(kind, kind.capitalize())

    def kind_singular(self, kind: str) -> str:
        return KIND_SINGULAR.get(kind, kind.capitalize())


def qualifier_words(qualifier: str) -> str:
    return QUALIFIER_WORDS.get(qualifier, f"{qualifier} ")


def measure_label(measure: str) -> str:
    """'suspects-handed-over' -> 'Suspects handed over'."""
    return measure.replace("-", " ").capitalize()
