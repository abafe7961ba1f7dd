"""Synthetic projects for measuring the validator and the site build.

For the validator: a project of N generated events, and hostile files added to a small
one (tests/test_bounded.py bounds those). For the site: a complete, buildable project of
N events with entities of every kind, sources with archived texts, figures and
disagreements, built and measured against a plain MkDocs build of the same pages.
`.venv/bin/python scripts/benchmark.py` prints the times; timings vary by machine, so they are reported,
not asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import math
import os
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path

import markdown

from timeline.adapters.settings import project_site
from timeline.contrib.scaffold import make_id
from timeline.data import records
from timeline.data.citations import uncited
from timeline.data.dates import parse_date
from timeline.data.files import MAX_ARCHIVE_BYTES, find_project
from timeline.data.markers import marker_words
from timeline.data.model import Entity, Location
from timeline.data.paths import ENTITIES_INDEX, entity_page
from timeline.data.vocabulary import QUALIFIER_WORDS
from timeline.rules.project import Result, validate
from timeline.site.home import storyline_order
from timeline.site.locator import drawing, locator_map
from timeline.site.templating import fill
from timeline.site.views import Context

SOURCE = (
    records.SOURCE.modeline
    + """
id: wire
title: A wire story
publisher: A wire service
author: null
published: "2024-01-05"
published_basis: stated in the text
url: https://example.org/wire
archive_sha256: {sha}
notes: []
"""
)
TOPIC = (
    records.ENTITY.modeline
    + """
id: topic
name: A topic
kind: topic
summary: The wire service said many suspects were handed over.
citations:
  - source: wire
    quote: suspects were handed over
"""
)
EVENT = (
    records.EVENT.modeline
    + """
id: event-{n}
title: Event number {n}
date: "2023-{month:02d}-{day:02d}"
date_basis: generated
summary: The wire service said {n} suspects were handed over.
topics: [topic]
entities: []
figures:
  - measure: suspects-handed-over
    value: {n}
    qualifier: exactly
    unit: suspects
    source: wire
    quote: "{n} suspects were handed over"
citations:
  - source: wire
    quote: suspects were handed over
"""
)


def make_project(folder: Path, events: int, schemas: Path) -> None:
    """A valid project of `events` generated events, with the given schemas."""
    shutil.copytree(schemas, folder / "schemas")
    for sub in ("events", "entities", "sources"):
        (folder / sub).mkdir()
    numbers = " ".join(f"{n} suspects were handed over." for n in range(events))
    add_source(folder, "wire", numbers)
    (folder / "entities" / "topic.yml").write_text(TOPIC)
    for n in range(events):
        text = EVENT.format(n=n, month=n % 12 + 1, day=n % 28 + 1)
        (folder / "events" / f"event-{n}.yml").write_text(text)


def add_source(folder: Path, source_id: str, text: str) -> None:
    """A source record pinned to its archived text."""
    (folder / "sources" / f"{source_id}.txt").write_text(text)
    sha = hashlib.sha256(text.encode()).hexdigest()
    (folder / "sources" / f"{source_id}.yml").write_text(SOURCE.replace("wire", source_id).format(sha=sha))


# --- hostile files: each is added to a small valid project --------------------------------


def huge_mixed_list(folder: Path) -> None:
    """An event of about 230 KiB whose list holds 40,000 items of mixed types."""
    items = ", ".join(("1", "a", "1.5", "true", "null")[i % 5] for i in range(40_000))
    (folder / "events" / "hostile.yml").write_text(EVENT.format(n=1, month=1, day=1).replace(
        "id: event-1", "id: hostile").replace("entities: []", f"entities: [{items}]"))  # fmt: skip


def many_unknown_references(folder: Path) -> None:
    """3,000 entities that name 38,000 entities that do not exist."""
    for n in range(3_000):
        related = ", ".join(f"missing-{n}-{k}" for k in range(13 if n < 2_000 else 12))
        text = TOPIC.replace("id: topic", f"id: entity-{n}").replace("kind: topic", "kind: group")
        (folder / "entities" / f"entity-{n}.yml").write_text(text + f"related: [{related}]\n")


def huge_archive(folder: Path) -> None:
    """A 95 MB archived text."""
    add_source(folder, "huge", "short")
    with (folder / "sources" / "huge.txt").open("wb") as handle:
        handle.truncate(95_000_000)


def one_word_archive(folder: Path) -> None:
    """A 2 MiB text of one repeated word and one endless token, and quotes that hunt in it."""
    add_source(folder, "words", "a " * 700_000 + "x" * 600_000)
    quotes = "".join(f"  - source: words\n    quote: {q}\n" for q in ["a a b"] * 15 + ["x"] * 14 + ["a"])
    figure = "    source: words\n    quote: a a a\n"
    text = EVENT.format(n=5, month=1, day=1).replace("id: event-5", "id: hunting")
    text = text.replace('    source: wire\n    quote: "5 suspects were handed over"\n', figure)
    (folder / "events" / "hunting.yml").write_text(text.split("citations:")[0] + "citations:\n" + quotes)


def one_token_archive(folder: Path) -> None:
    """A 2 MiB text that is one token, and 30 two-letter quotes that each cut it."""
    add_source(folder, "token", "ab" * (MAX_ARCHIVE_BYTES // 2))
    text = EVENT.format(n=6, month=1, day=1).replace("id: event-6", "id: cutting")
    quotes = "".join("  - source: token\n    quote: ab\n" for _ in range(30))
    (folder / "events" / "cutting.yml").write_text(text.split("citations:")[0] + "citations:\n" + quotes)


def deep_nesting(folder: Path) -> None:
    """A record nested 10,000 levels deep."""
    (folder / "events" / "deep.yml").write_text("a: " + "[" * 10_000 + "]" * 10_000 + "\n")


def bracket_summary(folder: Path) -> None:
    """An event whose summary opens 3,900 square brackets: Markdown would take seconds on it."""
    text = EVENT.format(n=2, month=1, day=1).replace("id: event-2", "id: brackets")
    said = "summary: The wire service said 2 suspects were handed over."
    (folder / "events" / "brackets.yml").write_text(text.replace(said, f"{said} {'[' * 3_900}"))


HOSTILE: dict[str, Callable[[Path], None]] = {
    "a 230 KiB event with a 40,000-item list": huge_mixed_list,
    "3,000 entities with 38,000 unknown references": many_unknown_references,
    "a 95 MB archived text": huge_archive,
    "2 MiB archive of one word, quotes hunting in it": one_word_archive,
    "2 MiB archive of one token, 30 quotes cutting it": one_token_archive,
    "a record nested 10,000 deep": deep_nesting,
    "a summary of 3,900 square brackets": bracket_summary,
}


def time_validation(folder: Path) -> tuple[float, Result]:
    start = time.perf_counter()
    result = validate(folder)
    return time.perf_counter() - start, result


def scale_time(events: int, schemas: Path) -> tuple[int, float]:
    """(files checked, seconds) for a generated project of `events` events."""
    with tempfile.TemporaryDirectory() as tmp:
        make_project(Path(tmp), events, schemas)
        seconds, result = time_validation(Path(tmp))
    if not result.ok:
        raise RuntimeError(f"the generated project does not validate: {result.problems[:3]}")
    return result.files_checked, seconds


def hostile_times(schemas: Path) -> Iterator[tuple[str, float, int]]:
    """(case, seconds, problems found) for each hostile case, added to a small valid project."""
    for name, make in HOSTILE.items():
        with tempfile.TemporaryDirectory() as tmp:
            make_project(Path(tmp), 10, schemas)
            make(Path(tmp))
            seconds, result = time_validation(Path(tmp))
        yield name, seconds, len(result.problems)


# --- a complete synthetic project: a site to build and measure at any scale ---------------
#
# N events, about N/5 entities of every kind (a few topics hold many events each, and a
# few places appear in many events), about N/25 sources with ~5 KB archived texts, about
# one figure per three events, a disagreement in one event of ten, dates from 2019 to 2024
# in every notation the events can use. The archived texts are written from the very
# sentences the records quote, so the project validates with no problems at all.

MIN_EVENTS = 30  # enough for every topic to hold three events and every entity one
SITE_COPIES = ("docs", "maps", "overrides", "schemas")  # copied from the real project, with mkdocs.yml
EVENTS_PER_SOURCE = 25
EVENTS_PER_ENTITY = 5
ARCHIVE_BYTES = 5_000  # an archived text is padded with unquoted paragraphs to this size
FIRST_DAY, LAST_DAY = dt.date(2019, 1, 1), dt.date(2024, 12, 31)

_SYLLABLES = ("ka", "lo", "min", "thu", "zan", "wei", "po", "sha", "win", "tun", "lay", "mya", "hla", "soe")
_ACTOR_KINDS = {"person": 30, "organisation": 25, "group": 15, "operation": 10}
_PLACE_SHARE = 0.2  # of the entities that are not topics
_HUBS = 3  # places that appear in about a third of all events
_PUBLISHERS = ("Example Wire", "The Sample Herald", "Demo Daily", "Synthetic Times", "Test Bulletin")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class _Action:
    """What an event reports, as our words, as the article's, and as a figure."""

    measure: str
    unit: str
    done: str  # "handed suspects over to China": after "had"
    counted: str  # "had been handed over": after "{n} {unit}"


_ACTIONS = (
    _Action("suspects-handed-over", "suspects", "handed suspects over to China", "had been handed over"),
    _Action("people-trapped", "people", "found people trapped in guarded compounds", "were still trapped"),
    _Action("scam-centres", "scam centres", "closed scam centres near the border", "had been closed"),
    _Action("outposts-overrun", "outposts", "taken military outposts", "had been overrun"),
    _Action(
        "people-in-fraud-daily", "people", "counted the people working in fraud", "worked in fraud daily"
    ),
    _Action("yuan-frozen", "yuan", "frozen accounts used by fraud networks", "had been frozen"),
    _Action("people-rescued", "people", "rescued workers from the compounds", "had been rescued"),
)
_QUALIFIERS = tuple(QUALIFIER_WORDS.items())  # each qualifier, and how an article writes it
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _word(n: int) -> str:
    """A made-up capitalised word, different for every n (no syllable begins another)."""
    digits = []
    n += len(_SYLLABLES)  # at least two syllables
    while n:
        n, digit = divmod(n, len(_SYLLABLES))
        digits.append(_SYLLABLES[digit])  # the lowest digit first: neighbours start differently
    return "".join(digits).capitalize()


def _q(value: object) -> str:
    """A YAML scalar or flow list, written as JSON (which YAML reads as it is)."""
    return json.dumps(value, ensure_ascii=False)


@dataclass(eq=False)
class _Entity:
    id: str
    name: str
    kind: str
    events: list[int] = field(default_factory=list)  # events that name it, in order


@dataclass(eq=False)
class _Source:
    number: int  # in order of publication
    id: str
    publisher: str
    published: str  # the notation
    day: dt.date  # the day it was published (within what the notation allows)
    paragraphs: list[str] = field(default_factory=list)


@dataclass(eq=False)
class _Event:
    n: int
    date: str
    actor: _Entity
    place: _Entity
    other: _Entity
    topics: list[_Entity]
    action: _Action
    notation: str
    source: _Source | None = None
    sentence: str = ""  # the main cited sentence, as in the article
    records: list[str] = field(default_factory=list)  # YAML lines of figures, disagreements, citations
    key: bool = False  # one of the turning points the overview chart labels


KEY_EVENTS = 6  # flagged key: true, spread over the story, as editors would


def make_site_project(folder: Path, events: int, real: Path, seed: int = 2024, cards: bool = True) -> Path:
    """A complete synthetic project of `events` events in folder, buildable as the real one is.

    docs/, overrides/, schemas/ and mkdocs.yml are copied from the real project at
    `real` (without share cards, if not `cards`); everything else is generated. The same
    arguments give the same project.
    """
    if events < MIN_EVENTS:
        raise ValueError(f"a synthetic site needs at least {MIN_EVENTS} events")
    rng = random.Random(seed * 100_003 + events)
    folder.mkdir(parents=True, exist_ok=True)
    for part in SITE_COPIES:
        shutil.copytree(real / part, folder / part, dirs_exist_ok=True)
    for sub in ("events", "entities", "sources"):
        (folder / sub).mkdir(exist_ok=True)
    config = _site_config((real / "mkdocs.yml").read_text(), folder)
    if not cards:
        config = config.replace("  - timeline:\n", "  - timeline:\n      share_cards: false\n", 1)
    (folder / "mkdocs.yml").write_text(config)
    home = (real / "docs" / "index.md").read_text()
    (folder / "docs" / "index.md").write_text(uncited(home))  # its citations quote the real sources
    storylines, measures = list(storyline_order(home)), marker_words(home, "figures")
    actions = _ACTIONS + tuple(
        _Action(m, "cases", f"counted cases of {m.replace('-', ' ')}", "were counted")
        for m in measures
        if m not in {a.measure for a in _ACTIONS}
    )
    topics, places, actors = _entities(events, storylines)
    made = [_event(n, rng, topics, places, actors, actions) for n in range(events)]
    for n in range(KEY_EVENTS):
        made[n * events // KEY_EVENTS] = replace(made[n * events // KEY_EVENTS], key=True)
    sources = _assign_sources(made, rng)
    for event in made:
        _quote_event(event, sources, rng)
    _write_entities(folder, [*topics, *places, *actors], made)
    for event in made:
        _write_event(folder, event)
    for source in sources:
        _write_source(folder, source, rng)
    return folder


def _site_config(text: str, folder: Path) -> str:
    """mkdocs.yml as it is, less the `watch:` entries that are not in the synthetic project."""
    lines, watching = [], False
    for line in text.splitlines(keepends=True):
        if not line.startswith((" ", "-", "\n")):
            watching = line.startswith("watch:")
        entry = line.strip().removeprefix("- ").strip() if line.strip().startswith("- ") else ""
        if watching and entry and not (folder / entry).exists():
            continue
        lines.append(line)
    return "".join(lines)


def _entities(events: int, storylines: list[str]) -> tuple[list[_Entity], list[_Entity], list[_Entity]]:
    """Topics (the home page's first), places and the other kinds, about events/5 in all."""
    n_topics = max(len(storylines), 4) + events // 1_000
    topics = [
        _Entity(storylines[k] if k < len(storylines) else make_id("storyline", _word(k)), "", "topic")
        for k in range(n_topics)
    ]
    for k, topic in enumerate(topics):
        topic.name = f"The {_word(k + 7)} storyline"
    rest = max(len(_ACTOR_KINDS) + _HUBS, events // EVENTS_PER_ENTITY - n_topics)
    n_places = max(_HUBS, round(rest * _PLACE_SHARE))
    places = [
        _Entity("", f"{_word(k)} {('Township', 'State', 'District')[k % 3]}", "place")
        for k in range(n_places)
    ]
    weights = sum(_ACTOR_KINDS.values())
    actors: list[_Entity] = []
    n_actors = rest - n_places
    for offset, (kind, weight) in enumerate(_ACTOR_KINDS.items(), start=1):
        count = max(1, round(n_actors * weight / weights))
        for k in range(offset * 1_000, offset * 1_000 + count):
            if kind == "person":
                name = f"{_word(k)} {_word(k * 7 + 3)}"
            elif kind == "organisation":
                name = f"{_word(k)} {('Police', 'Ministry', 'Council', 'Agency')[k % 4]}"
            elif kind == "group":
                name = f"{_word(k)} {('Army', 'Alliance', 'Militia')[k % 3]}"
            else:
                name = f"Operation {_word(k)}"
            actors.append(_Entity("", name, kind))
    for entity in [*places, *actors]:
        entity.id = make_id(entity.name)
    return topics, places, actors


def _date(rng: random.Random) -> tuple[str, str]:
    """(notation, date) for one event: mostly days, then months, spans, years and the rest."""
    day = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    pick = rng.random()
    if pick < 0.55:
        return "day", day.isoformat()
    if pick < 0.70:
        return "month", f"{day:%Y-%m}"
    if pick < 0.78:
        end = min(day + dt.timedelta(days=rng.randrange(2, 9)), LAST_DAY)
        return "span", f"{day.isoformat()}/{end.isoformat()}" if end > day else day.isoformat()
    if pick < 0.83:
        return "year", f"{day:%Y}"
    if pick < 0.89:
        return "before", f"../{day.isoformat()}"
    if pick < 0.93:
        earlier = day - dt.timedelta(days=7)
        return "one-of", f"[{earlier.isoformat()},{day.isoformat()}]"
    if pick < 0.97:
        return "about", f"{day:%Y-%m}~"
    return "about", f"{day.isoformat()}~"


def _event(
    n: int,
    rng: random.Random,
    topics: list[_Entity],
    places: list[_Entity],
    actors: list[_Entity],
    actions: tuple[_Action, ...],
) -> _Event:
    notation, date = _date(rng)
    place = places[rng.randrange(_HUBS)] if rng.random() < 0.35 else places[n % len(places)]
    actor, other = actors[(2 * n) % len(actors)], actors[(2 * n + 1) % len(actors)]
    chosen = [topics[n % len(topics)]]
    if rng.random() < 0.1:
        chosen.append(topics[(n + 1) % len(topics)])
    event = _Event(n, date, actor, place, other, chosen, actions[n % len(actions)], notation)
    for entity in (actor, place, other, *chosen):
        entity.events.append(n)
    return event


def _assign_sources(events: list[_Event], rng: random.Random) -> list[_Source]:
    """About one source per 25 events, each published on or after the last of its events."""
    count = max(3, round(len(events) / EVENTS_PER_SOURCE))
    ordered = sorted(events, key=lambda e: (parse_date(e.date).latest, e.n))
    size = -(-len(ordered) // count)
    sources = []
    for c in range(count):
        chunk = ordered[c * size : (c + 1) * size]
        if not chunk:
            break
        day = max(parse_date(e.date).latest for e in chunk) + dt.timedelta(days=rng.randrange(4))
        publisher = _PUBLISHERS[c % len(_PUBLISHERS)]
        pick = rng.random()
        if pick < 0.8:
            published = day.isoformat()
        elif pick < 0.88:
            published = f"{day.isoformat()}/.."
        elif pick < 0.95:
            published = f"{day:%Y-%m}"
        else:
            published = f"[{(day - dt.timedelta(days=1)).isoformat()},{day.isoformat()}]"
        words = make_id(publisher.removeprefix("The "), day.isoformat(), "report", str(c))
        source = _Source(c, words, publisher, published, day)
        sources.append(source)
        for event in chunk:
            event.source = source
    return sources


def _number(unit: str, rng: random.Random) -> tuple[int, str, int, str]:
    """Two different values, each as an article writes it: in words ('six'), as 'N billion'
    (of yuan) or in digits with commas ('12,345')."""
    if unit == "yuan":
        billions = rng.randrange(2, 9)
        return billions * 10**9, f"{billions} billion", (billions + 1) * 10**9, f"{billions + 1} billion"
    if rng.random() < 0.1:
        small = rng.randrange(2, len(_NUMBER_WORDS) - 1)
        return small, _NUMBER_WORDS[small], small + 1, f"{small + 1}"
    value = rng.randrange(12, 60_000)
    other = value + rng.randrange(1, 5_000)
    return value, f"{value:,}", other, f"{other:,}"


def _quote_event(event: _Event, sources: list[_Source], rng: random.Random) -> None:
    """The article sentences this event rests on, and the records that quote them."""
    assert event.source is not None
    source, later = event.source, sources[min(event.source.number + 1, len(sources) - 1)]
    a, p, o, act = event.actor.name, event.place.name, event.other.name, event.action
    weekday = _weekday(event)
    statement = [
        f"{a} said on {weekday} that authorities in {p} had {act.done}, working with {o}.",
        f"\u201cThe work in {p} will go on,\u201d {a} said, adding that {o} had also {act.done}.",
        f"According to {a}, officials in {p} had {act.done} after weeks of talks with {o}.",
        f"{a} told reporters in {p} that {o} had {act.done} in the past few weeks.",
    ][event.n % 4]
    statement = statement.replace("  ", " ")
    event.sentence = statement
    source.paragraphs.append(statement)
    quote = statement.replace("\u201c", '"').replace("\u201d", '"')
    citations = [(source.id, quote)]
    if event.n % 3 == 0:
        value, written, _, other_written = _number(act.unit, rng)
        qualifier, words = _QUALIFIERS[event.n % len(_QUALIFIERS)]
        period = f" since {FIRST_DAY.year + event.n % 6}"
        source.paragraphs.append(f"{a} said {words}{written} {act.unit} {act.counted} in {p}{period}.")
        figure_quote = f"{words}{written} {act.unit} {act.counted} in {p}"
        reporter = f"    reported_by: {event.actor.id}\n" if event.actor.kind == "organisation" else ""
        event.records.append(
            f"  - measure: {act.measure}\n    value: {value}\n    qualifier: {qualifier}\n"
            f"    unit: {_q(act.unit)}\n    period: {_q(period.strip())}\n{reporter}"
            f"    source: {source.id}\n    quote: {_q(figure_quote)}\n"
        )
        if event.n % 9 == 0 and later is not source:
            later.paragraphs.append(
                f"Other officials put the number at {other_written} {act.unit}, citing records from {p}."
            )
            event.records.append(
                "disagreements:\n"
                f"  - about: {_q('How many ' + act.unit)}\n"
                f"    note: {_q('The two articles give different numbers and do not say why.')}\n"
                "    kind: number\n"
                "    conflict: true\n"
                "    accounts:\n"
                f"      - source: {source.id}\n        says: {_q(f'{words}{written}')}\n"
                f"        quote: {_q(figure_quote)}\n"
                f"      - source: {later.id}\n        says: {_q(other_written)}\n"
                f"        quote: {_q(f'put the number at {other_written} {act.unit}')}\n"
            )
    if event.n % 4 == 1 and later is not source:
        again = f"Separately, {a} confirmed that officials in {p} had {act.done}."
        later.paragraphs.append(again)
        citations.append((later.id, again.removeprefix("Separately, ")))
    event.records.append(
        "citations:\n" + "".join(f"  - source: {s}\n    quote: {_q(q)}\n" for s, q in citations)
    )


def _weekday(event: _Event) -> str:
    """The day of the week an article would name: the event's own, when it has one."""
    return _WEEKDAYS[parse_date(event.date).latest.weekday()]


def _basis(event: _Event) -> str:
    assert event.source is not None
    article = f"in {event.source.publisher}'s article of {event.source.day.isoformat()}"
    return {
        "day": f'"on {_weekday(event)}", {article}',
        "month": f'"this month", {article}',
        "span": f'"last week", {article}',
        "year": f'"this year", {article}',
        "before": f"the article gives no date; {article}",
        "one-of": f'"on {_weekday(event)}", in an article of one of two days',
        "about": f'"around then", {article}',
    }[event.notation]


def _event_id(event: _Event) -> str:
    date = parse_date(event.date)
    first, last = date.earliest, date.latest
    if first == last:
        prefix = f"{first.isoformat()}-"
    elif (first.year, first.month) == (last.year, last.month):
        prefix = f"{first:%Y-%m}-"
    elif first.year == last.year:
        prefix = f"{first.year}-"
    else:
        prefix = ""
    words = make_id(event.actor.name, "reports", event.action.measure, limit=50)
    return f"{prefix}{words}-{event.n}"


def _write_event(folder: Path, event: _Event) -> None:
    assert event.source is not None
    act, source = event.action, event.source
    summary = (
        f"{event.actor.name} said that authorities in {event.place.name} had {act.done}, "
        f"{source.publisher} reports, and named {event.other.name} as taking part."
    )
    details = (
        f"The article places it among the developments of *{event.topics[0].name.lower()}*; "
        f"it does not say how many people in {event.place.name} were involved, nor when the work "
        "would end."
    )
    if event.n % 5 == 0:
        details += (
            f"\n\nAccording to {source.publisher}, officials in {event.place.name} expected "
            f"further steps with {event.other.name}, and the report names no one else."
        )
    title = f"{event.actor.name} says authorities in {event.place.name} have {act.done}"
    text = (
        f"{records.EVENT.modeline}\n"
        f"id: {_event_id(event)}\n"
        f"title: {_q(title)}\n"
        f"date: {_q(event.date)}\n"
        f"date_basis: {_q(_basis(event))}\n"
        f"summary: {_q(summary)}\n"
        f"details: {_q(details)}\n"
        f"topics: {_q([t.id for t in event.topics])}\n"
        f"entities: {_q(list(dict.fromkeys([event.actor.id, event.place.id, event.other.id])))}\n"
        + ("key: true\n" if event.key else "")
    )
    figures = [r for r in event.records if r.startswith("  - measure:")]
    rest = [r for r in event.records if not r.startswith("  - measure:")]
    text += ("figures:\n" + "".join(figures) if figures else "") + "".join(rest)
    (folder / "events" / f"{_event_id(event)}.yml").write_text(text)


def _write_entities(folder: Path, entities: list[_Entity], events: list[_Event]) -> None:
    """Each entity, citing the sentence of the first event that names it."""
    for k, entity in enumerate(entities):
        first = events[entity.events[0]]
        assert first.source is not None
        quote = first.sentence.replace("\u201c", '"').replace("\u201d", '"')
        if entity.kind == "topic":
            summary = (
                f"A storyline of the synthetic timeline. {first.source.publisher} reports "
                f"that {first.actor.name} said authorities in {first.place.name} had {first.action.done}."
            )
        else:
            summary = (
                f"Named in the synthetic timeline's events; {first.source.publisher} reports what "
                f"{first.actor.name} said about {first.place.name}."
            )
        lines = [
            records.ENTITY.modeline,
            f"id: {entity.id}",
            f"name: {_q(entity.name)}",
            f"kind: {entity.kind}",
        ]
        if k % 3 == 0:
            lines.append(f"aliases: {_q([f'the {entity.name}'])}")
        lines.append(f"summary: {_q(summary)}")
        if k % 4 == 0 and entity.kind != "topic" and first.actor is not entity:
            lines.append(f"related: {_q([first.actor.id])}")
        lines += ["citations:", f"  - source: {first.source.id}", f"    quote: {_q(quote)}"]
        (folder / "entities" / f"{entity.id}.yml").write_text("\n".join(lines) + "\n")


def _write_source(folder: Path, source: _Source, rng: random.Random) -> None:
    """The archived text (headline, dateline, byline, paragraphs, a caption) and its record."""
    title = f"{source.publisher} report {source.id.rsplit('-', 1)[1]} on the scam compounds"
    author = None if rng.random() < 0.2 else f"{_word(rng.randrange(500))} {_word(rng.randrange(500))}"
    lines = [title, "", f"Published: {parse_date(source.published).display()}", ""]
    furniture = [(3, "the publication dateline")]
    if author:
        lines += [f"By {author}", ""]
        furniture.append((len(lines) - 1, "byline"))
    paragraphs = list(source.paragraphs)
    k = 0
    while sum(len(p) + 2 for p in paragraphs) < ARCHIVE_BYTES:
        paragraphs.append(
            f"Officials in {_word(k + 900)} did not answer questions about the compounds, "
            f"and residents described checkpoints on the road to {_word(k + 950)} as {k + 2} "
            "weeks of waiting."
        )
        k += 1
    filler: list[int] = []  # the lines of the paragraphs no event quotes
    for i, paragraph in enumerate(paragraphs):
        if i == len(paragraphs) // 2:
            lines += [f"A checkpoint near the border. (Photo: {_word(i)} {_word(i + 1)})", ""]
            furniture.append((len(lines) - 1, "photo caption"))
        lines += [paragraph, ""]
        filler += [len(lines) - 1] if i >= len(source.paragraphs) else []
    text = "\n".join(lines)
    (folder / "sources" / f"{source.id}.txt").write_text(text)
    record = [
        records.SOURCE.modeline,
        f"id: {source.id}",
        f"title: {_q(title)}",
        f"publisher: {_q(source.publisher)}",
        f"author: {_q(author)}",
        f"published: {_q(source.published)}",
        "published_basis: stated in the text",
        *([f'retrieved: "{source.day.isoformat()}"'] if source.published.endswith("/..") else []),
        f"url: {_q(None if rng.random() < 0.1 else f'https://example.org/news/{source.id}')}",
        f"archive_sha256: {hashlib.sha256(text.encode()).hexdigest()}",
        "not_article:",
        *(f'  - lines: "{line}"\n    what: {what}' for line, what in furniture),
        "not_carried:",
        '  - lines: "1"\n    why: the headline, which the title carries',
        *([f'  - lines: "{filler[0]}-{filler[-1]}"\n    why: paragraphs no event needs'] if filler else []),
        "notes: []" if rng.random() < 0.5 else "notes:\n  - The address of the article is not confirmed.",
    ]
    (folder / "sources" / f"{source.id}.yml").write_text("\n".join(record) + "\n")


# --- the site benchmark: validate, build, measure, and the plain MkDocs baseline ------------

GZIP_LEVEL = 6  # what web servers commonly use
RESULTS_SHOWN = 5  # results a search page shows at first (Pagefind's default UI)
BASELINE_CONFIG = "mkdocs.baseline.yml"
BASELINE_PAGES = "build/pages"


@dataclass(frozen=True)
class Run:
    """One command, timed, with the peak memory of its process tree."""

    seconds: float
    peak_rss: int  # bytes
    returncode: int
    output: str
    cpu_seconds: float = 0.0  # user + system time of its process tree: steadier than wall time
    # on a machine that other work shares


RSS_UNIT = 1 if sys.platform == "darwin" else 1024  # ru_maxrss is in bytes on macOS, KiB elsewhere


# Linux charges a child, when it execs, with the peak memory of the process it was started
# from (a vfork shares that process's memory until then): a command started by this
# benchmark, or by a test run that has grown large, would report at least their peak. So
# each command is started by a small launcher, which waits for it and reports what wait4()
# says of the command's own process tree: its time, peak memory and exit status.
_LAUNCHER = """
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as report:
    cpu = usage.ru_utime + usage.ru_stime
    report.write(f"{seconds} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)} {cpu}")
"""


def run_measured(command: Sequence[str], cwd: Path) -> Run:
    """Run command; its wall time and the peak resident memory of its process tree, measured
    by a launcher (see _LAUNCHER) so that no other process's peak is counted."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report"
        launch = [sys.executable, "-c", _LAUNCHER, str(report), *command]
        subprocess.run(launch, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
        if not report.is_file():
            raise BenchmarkFailed(f"{command[0]} could not be started:\n{output}")
        seconds, peak, returncode, cpu = report.read_text().split()
    return Run(float(seconds), int(peak) * RSS_UNIT, int(returncode), output, float(cpu))


@dataclass(frozen=True)
class SiteSize:
    """What a built site weighs."""

    pages: int  # HTML files
    total: int  # bytes of every file
    largest_page: str  # its path in the site
    largest_raw: int
    largest_gz: int
    search_index: int  # Material's search/search_index.json, 0 if none
    search_index_gz: int
    pagefind_total: int | None = None  # bytes of pagefind/, when the site has one
    pagefind_query: int | None = None  # upper bound of what one one-word query downloads


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def measure_site(site: Path) -> SiteSize:
    """Pages, total bytes, the largest page raw and gzipped, and the search index."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    index = site / "search" / "search_index.json"
    index_bytes = index.read_bytes() if index.is_file() else b""
    total, query = _pagefind(site / "pagefind")
    return SiteSize(
        pages=len(pages),
        total=sum(p.stat().st_size for p in files),
        largest_page=largest.relative_to(site).as_posix(),
        largest_raw=largest.stat().st_size,
        largest_gz=gzipped(largest.read_bytes()),
        search_index=len(index_bytes),
        search_index_gz=gzipped(index_bytes) if index_bytes else 0,
        pagefind_total=total,
        pagefind_query=query,
    )


def _pagefind(folder: Path) -> tuple[int | None, int | None]:
    """(bytes of the Pagefind bundle, bytes one one-word query downloads at most).

    A query loads pagefind.js, pagefind-entry.json, the language's WebAssembly and
    metadata, one index chunk (the one whose word range holds the word) and a fragment
    for each result shown. Which chunk holds a word is in the compressed metadata, so the
    largest chunk stands in for it, and the median fragment for each shown result: an
    upper bound, without parsing Pagefind's formats. Its files are compressed already, so
    their sizes are what travels.
    """
    if not folder.is_dir():
        return None, None
    files = [p for p in folder.rglob("*") if p.is_file()]

    def size(pattern: str) -> list[int]:
        return [p.stat().st_size for p in folder.glob(pattern) if p.is_file()]

    fixed = sum(size("pagefind.js") + size("pagefind-entry.json") + size("wasm.*") + size("*.pf_meta"))
    chunk = max(size("index/*"), default=0)
    fragments = size("fragment/*")
    shown = min(RESULTS_SHOWN, len(fragments)) * (statistics.median(fragments) if fragments else 0)
    return sum(p.stat().st_size for p in files), round(fixed + chunk + shown)


@dataclass(frozen=True)
class SiteRun:
    """The measurements for one N."""

    events: int
    files: int  # data files the validator read
    validate: Run
    build: Run
    pages: Run  # `timeline build-pages`, the baseline's input
    baseline: Run  # plain MkDocs on those pages, without the plugin
    size: SiteSize


class BenchmarkFailed(RuntimeError):
    """A step failed; the message holds the command's last lines of output."""


def _checked(what: str, run: Run) -> Run:
    if run.returncode != 0:
        tail = "\n".join(run.output.splitlines()[-20:])
        raise BenchmarkFailed(f"{what} failed (exit {run.returncode}):\n{tail}")
    return run


def baseline_config(config: str) -> str:
    """mkdocs.yml without the timeline plugin (and its options), reading the pages `build-pages` wrote."""
    lines, plugin_indent = [], -1
    for line in config.splitlines(keepends=True):
        indent = len(line) - len(line.lstrip())
        if line.strip() in ("- timeline", "- timeline:"):
            plugin_indent = indent
            continue
        if plugin_indent >= 0 and line.strip() and indent > plugin_indent:
            continue
        plugin_indent = -1
        if line.startswith("docs_dir:"):
            line = f"docs_dir: {BASELINE_PAGES}\n"
        lines.append(line)
    if not any(line.startswith("docs_dir:") for line in lines):
        lines.append(f"docs_dir: {BASELINE_PAGES}\n")
    return "".join(lines)


def site_run(
    events: int, real: Path, work: Path, say: Callable[[str], None] = print, cards: bool = True
) -> SiteRun:
    """Generate a project of `events` events in work/, then validate, build and measure it,
    and build the same pages with plain MkDocs as the baseline."""
    project, site, baseline_site = work / "project", work / "site", work / "baseline-site"
    say(f"N={events:,}: generating the project")
    make_site_project(project, events, real, cards=cards)
    timeline = [sys.executable, "-m", "timeline.cli"]
    say(f"N={events:,}: timeline validate")
    checked = _checked("timeline validate", run_measured([*timeline, "validate", "--root", "."], project))
    summary = checked.output.strip().splitlines()
    if len(summary) != 1 or not summary[0].endswith(" 0 errors"):
        raise BenchmarkFailed("the generated project has problems:\n" + "\n".join(summary[-20:]))
    say(f"N={events:,}: mkdocs build --strict")
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    build = _checked("mkdocs build", run_measured([*mkdocs, "--site-dir", str(site)], project))
    size = measure_site(site)
    say(f"N={events:,}: timeline build-pages, then plain MkDocs")
    pages = _checked(
        "timeline build-pages", run_measured([*timeline, "build-pages", "--out", BASELINE_PAGES], project)
    )
    (project / BASELINE_CONFIG).write_text(baseline_config((project / "mkdocs.yml").read_text()))
    plain = [*mkdocs, "--config-file", BASELINE_CONFIG, "--site-dir", str(baseline_site)]
    baseline = _checked("plain mkdocs build", run_measured(plain, project))
    files = int(summary[0].split()[0])
    return SiteRun(events, files, checked, build, pages, baseline, size)


def site_benchmark(
    counts: Sequence[int],
    real: Path,
    work: Path | None = None,
    say: Callable[[str], None] = print,
    cards: bool = True,
) -> list[SiteRun]:
    """site_run for each N, in a temporary folder (or in work/, kept, one folder per N)."""
    runs = []
    for events in counts:
        if work is not None:
            folder = work / f"n{events}"
            if folder.exists():
                shutil.rmtree(folder)
            runs.append(site_run(events, real, folder, say, cards))
            continue
        with tempfile.TemporaryDirectory(prefix=f"timeline-benchmark-{events}-") as tmp:
            runs.append(site_run(events, real, Path(tmp), say, cards))
    return runs


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "–"


def _mb(n: float) -> str:
    return f"{n / 1_000_000:,.2f}"


def _mib(n: float) -> str:
    return f"{n / 2**20:,.0f}"


def _kb(n: float) -> str:
    return f"{n / 1_000:,.0f}"


def site_table(runs: Sequence[SiteRun]) -> str:
    """One Markdown table of the runs, then the growth from each N to the next."""
    pagefind = any(r.size.pagefind_total is not None for r in runs)
    head = [
        "N events", "files", "validate s", "build s", "baseline s", "build / baseline",
        "build / baseline (CPU)", "build-pages s", "peak RSS MB", "baseline RSS MB",
        "largest page KB (raw / gz)", "pages", "site MB", "search index MB (raw / gz)",
    ]  # fmt: skip
    if pagefind:
        head += ["Pagefind MB", "one query KB (at most)"]
    rows = [head, ["---"] * len(head)]
    for r in runs:
        s = r.size
        row = [
            f"{r.events:,}", f"{r.files:,}", f"{r.validate.seconds:.1f}", f"{r.build.seconds:.1f}",
            f"{r.baseline.seconds:.1f}", f"{r.build.seconds / r.baseline.seconds:.2f}",
            _ratio(r.build.cpu_seconds, r.baseline.cpu_seconds), f"{r.pages.seconds:.1f}",
            _mib(r.build.peak_rss), _mib(r.baseline.peak_rss),
            f"{_kb(s.largest_raw)} / {_kb(s.largest_gz)}", f"{s.pages:,}", _mb(s.total),
            f"{_mb(s.search_index)} / {_mb(s.search_index_gz)}",
        ]  # fmt: skip
        if pagefind:
            row += [_mb(s.pagefind_total or 0), _kb(s.pagefind_query or 0) if s.pagefind_query else "–"]
        rows.append(row)
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.append("")
    lines.append("Largest page: " + "; ".join(f"{r.events:,}: `{r.size.largest_page}`" for r in runs) + ".")
    if len(runs) > 1:
        lines += ["", _growth_table(runs)]
    return "\n".join(lines)


def _growth_table(runs: Sequence[SiteRun]) -> str:
    """Each measure's ratio from one N to the next, and the build time's exponent."""

    def measures(r: SiteRun) -> list[float]:
        s = r.size
        return [
            r.validate.seconds, r.build.seconds, r.baseline.seconds, r.build.peak_rss,
            s.largest_gz, s.total, s.search_index,
        ]  # fmt: skip

    head = [
        "growth", "N ×", "validate ×", "build ×", "baseline ×", "peak RSS ×", "largest page (gz) ×",
        "site ×", "search index ×", "build exponent",
    ]  # fmt: skip
    rows = [head, ["---"] * len(head)]
    for before, after in pairwise(runs):
        n = after.events / before.events
        ratios = [a / b if b else math.nan for a, b in zip(measures(after), measures(before), strict=True)]
        exponent = math.log(ratios[1]) / math.log(n) if n != 1 and ratios[1] > 0 else math.nan
        rows.append(
            [
                f"{before.events:,} → {after.events:,}",
                f"{n:g}",
                *("–" if math.isnan(x) else f"{x:.1f}" for x in ratios),
                "–" if math.isnan(exponent) else f"{exponent:.2f}",
            ]
        )
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def _progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def site_command(
    counts: Sequence[int], real: Path, output: Path | None, work: Path | None, cards: bool = True
) -> int:
    """`scripts/benchmark.py --site`: progress on stderr, the table on stdout (and in output)."""
    if min(counts) < MIN_EVENTS:
        print(f"error: --site needs at least {MIN_EVENTS} events", file=sys.stderr)
        return 2
    try:
        runs = site_benchmark(counts, real, work, _progress, cards)
    except BenchmarkFailed as failed:
        print(f"error: {failed}", file=sys.stderr)
        return 1
    table = site_table(runs)
    print(table)
    if output is not None:
        output.write_text(table + "\n", encoding="utf-8")
    return 0


# --- the preview ----------------------------------------------------------------------
#
# What a contributor waits for after each save under ./dev.sh serve: the real server on a
# copy of the project, one event's title changed, the time until the page served for it
# shows the change (the server answers a request once the rebuild it waits for is done).

PREVIEW_WORDS = ("Zanzibarish", "Zanzibarisher", "Zanzibarishest")  # one save each; no page has them


def preview_command(counts: Sequence[int], real: Path, cards: bool = True) -> int:
    """`scripts/benchmark.py --preview`: seconds from each of three saves to the served page,
    on a copy of the real project and on a synthetic project of each size in counts."""
    with tempfile.TemporaryDirectory() as work:
        projects = [("the real data", Path(work) / "real")]
        for part in (*SITE_COPIES, "events", "entities", "sources"):
            shutil.copytree(real / part, projects[0][1] / part)
        (projects[0][1] / "mkdocs.yml").write_text(
            _site_config((real / "mkdocs.yml").read_text(), projects[0][1])
        )
        for events in counts:
            folder = make_site_project(Path(work) / str(events), events, real, cards=cards)
            projects.append(("a synthetic project", folder))
        for name, folder in projects:
            count = len(list((folder / "events").glob("*.yml")))
            seconds = ", ".join(f"{s:.2f} s" for s in preview_seconds(folder))
            print(f"preview, {name}, {count:,} events: save to served page {seconds}", flush=True)
    return 0


def preview_seconds(project: Path) -> list[float]:
    """Serve project as ./dev.sh serve does; for each word, add it to the first event's
    title and time the save until the event's served page shows it."""
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{free.getsockname()[1]}"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", address]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while _served(f"http://{address}/") is None:
            if server.poll() is not None:
                raise BenchmarkFailed(f"mkdocs serve stopped in {project}")
            time.sleep(0.5)
        path = min((project / "events").glob("*.yml"))
        page, text, times = f"http://{address}/events/{path.stem}/", path.read_text(encoding="utf-8"), []
        for word in PREVIEW_WORDS:
            start = time.monotonic()
            path.write_text(re.sub(r'^title: ("?)', rf"title: \g<1>{word} ", text, count=1, flags=re.M))
            while word not in (_served(page) or ""):
                time.sleep(0.05)
            times.append(time.monotonic() - start)
            time.sleep(1)  # the watcher's quiet time, so that the next save is a rebuild of its own
        return times
    finally:
        server.terminate()
        server.wait()


def _served(url: str) -> str | None:
    """The page at url once the server has rebuilt what it waits for; None if nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=600) as answer:
            return str(answer.read().decode("utf-8", "replace"))
    except urllib.error.HTTPError:
        return ""
    except OSError:
        return None


# --- the locator map at scale ------------------------------------------------------------
#
# The map is the one part of a page whose work grows with the number of places: each
# place's page has one. This measures it alone, over the project's own data with N
# generated places spread over the map (each a page with a map).


@dataclass(frozen=True)
class MapRun:
    places: int
    seconds: float  # processor time: every page's map made and converted to HTML
    peak_mb: float  # the process's peak resident memory so far, the project loaded included
    largest: int  # characters of the largest map's Markdown


def map_run(root: Path, places: int) -> MapRun:
    """The map of the home page, the entities index and each located place's page, with
    `places` generated places added to the project's data: made, filled and converted to
    HTML as MkDocs does (processor time, so that other work on the machine counts less)."""
    data = validate(root).dataset
    if data is None:
        raise RuntimeError("the project does not validate; run ./dev.sh validate")
    site = project_site(root, None, None)
    if site.map_region is None:
        raise RuntimeError("the project has no map: set map_region in mkdocs.yml")
    frame = drawing(site.map_region, site.map_focus).frame
    made = [
        Entity(
            id=f"benchmark-place-{k}",
            path=f"entities/benchmark-place-{k}.yml",
            name=f"{_word(k)} {('Township', 'State', 'District')[k % 3]}",
            kind="place",
            summary="A generated place.",
            aliases=(),
            related=(),
            citations=(),
            location=Location(
                frame.south + (frame.north - frame.south) * ((k * 0.618034) % 1),
                frame.west + (frame.east - frame.west) * ((k * 0.414214) % 1),
                geonames=k + 1,
            ),
        )
        for k in range(places)
    ]
    ctx = Context.of(replace(data, entities={**data.entities, **{e.id: e for e in made}}), site)
    located = [e for e in ctx.data.entities.values() if e.location]
    converter = markdown.Markdown(extensions=["md_in_html", "attr_list"])
    start, largest = time.process_time(), 0
    for page, current in [("index.md", None), (ENTITIES_INDEX, None)] + [
        (entity_page(e.id, e.kind), e.id) for e in located
    ]:
        text = fill("locator_map.svg.j2", map=locator_map(ctx, page, current))
        converter.reset().convert(text)
        largest = max(largest, len(text))
    seconds = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * RSS_UNIT
    return MapRun(places, seconds, peak / 1e6, largest)


def map_table(runs: Sequence[MapRun]) -> str:
    lines = ["| places added | map work (CPU) | peak memory | largest map |", "|---:|---:|---:|---:|"]
    for r in runs:
        lines.append(f"| {r.places:,} | {r.seconds:.2f} s | {r.peak_mb:.0f} MB | {_kb(r.largest)} KB |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """`.venv/bin/python scripts/benchmark.py`: time validation at scale or on hostile files, the site build
    at scale, or the locator map with more places."""
    parser = argparse.ArgumentParser(prog="scripts/benchmark.py", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--events",
        type=int,
        action="append",
        help="how many events to generate (default 10,000; repeat for several sizes)",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--hostile", action="store_true", help="time each hostile case instead")
    mode.add_argument(
        "--site",
        action="store_true",
        help="generate a whole synthetic project per size; time validate, the build and a plain "
        "MkDocs build of the same pages; measure the site; print one Markdown table",
    )
    mode.add_argument(
        "--preview",
        action="store_true",
        help="time a save of one event until ./dev.sh serve serves the changed page, on a copy of "
        "the project and on a synthetic project of each --events size (none if not given)",
    )
    mode.add_argument(
        "--places",
        type=int,
        action="append",
        help="time the locator map of every page with this many generated places added to the "
        "project's data (repeat for several sizes); print one Markdown table",
    )
    parser.add_argument("--output", type=Path, help="with --site: also write the table to this file")
    parser.add_argument(
        "--work", type=Path, help="with --site: build in this folder and keep it (default: a temporary one)"
    )
    parser.add_argument(
        "--no-share-cards",
        action="store_true",
        help="with --site: build without share cards (share_cards: false), to see what they cost",
    )
    parser.add_argument("--root", type=Path, help="the project folder (default: the one this folder is in)")
    args = parser.parse_args(argv)
    root = (args.root or find_project(Path.cwd()) or Path.cwd()).resolve()
    if not (root / "schemas").is_dir():
        print(f"error: {root} has no schemas/; name the project folder with --root", file=sys.stderr)
        return 1
    return _run(args, root)


def _run(args: argparse.Namespace, root: Path) -> int:
    if args.hostile:
        for name, seconds, problems in hostile_times(root / "schemas"):
            print(f"{seconds:6.2f} s  {problems:6,} problems  {name}")
        return 0
    if args.places:
        print(map_table([map_run(root, n) for n in args.places]))
        return 0
    if args.preview:
        return preview_command(args.events or [], root, cards=not args.no_share_cards)
    counts: list[int] = args.events or [10_000]
    if args.site:
        return site_command(counts, root, args.output, args.work, cards=not args.no_share_cards)
    for events in counts:
        files, seconds = scale_time(events, root / "schemas")
        per_event = seconds / events * 1000
        print(f"{files} files validated in {seconds:.2f} s ({per_event:.2f} ms per event)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
