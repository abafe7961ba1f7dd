"""A complete synthetic project: a site to build and measure at any scale.

N events, about N/5 entities of every kind (a few topics hold many events each, and a
few places appear in many events), about N/25 sources with ~5 KB archived texts, about
one figure per three events, a disagreement in one event of ten, dates from 2019 to 2024
in every notation the events can use. The archived texts are written from the very
sentences the records quote (articles.py), so the project validates with no problems at all.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import replace
from pathlib import Path

from timeline.contrib.scaffold import make_id
from timeline.data.citations import uncited
from timeline.data.dates import parse_date
from timeline.data.markers import marker_words
from timeline.data.records import KINDS
from timeline.site.home import storyline_order

from .articles import (
    FIRST_DAY,
    LAST_DAY,
    Action,
    Entity,
    Event,
    Source,
    quote_event,
    word,
    write_entities,
    write_event,
    write_source,
)

MIN_EVENTS = 30  # enough for every topic to hold three events and every entity one
SITE_COPIES = ("docs", "maps", "overrides", "schemas")  # copied from the real project, with mkdocs.yml
DATA_FOLDERS = frozenset(k.folder for k in KINDS)  # written into each project after its mkdocs.yml
EVENTS_PER_SOURCE = 25
EVENTS_PER_ENTITY = 5
_ACTOR_KINDS = {"person": 30, "organisation": 25, "group": 15, "operation": 10}
_PLACE_SHARE = 0.2  # of the entities that are not topics
_HUBS = 3  # places that appear in about a third of all events
_PUBLISHERS = ("Example Wire", "The Sample Herald", "Demo Daily", "Synthetic Times", "Test Bulletin")

_ACTIONS = (
    Action("suspects-handed-over", "suspects", "handed suspects over to China", "had been handed over"),
    Action("people-trapped", "people", "found people trapped in guarded compounds", "were still trapped"),
    Action("scam-centres", "scam centres", "closed scam centres near the border", "had been closed"),
    Action("outposts-overrun", "outposts", "taken military outposts", "had been overrun"),
    Action("people-in-fraud-daily", "people", "counted the people working in fraud", "worked in fraud daily"),
    Action("yuan-frozen", "yuan", "frozen accounts used by fraud networks", "had been frozen"),
    Action("people-rescued", "people", "rescued workers from the compounds", "had been rescued"),
)

KEY_EVENTS = 6  # flagged key: true, spread over the story, as editors would


def make_site_project(
    folder: Path, events: int, real: Path, seed: int = 2024, cards: bool = True, concentrated: bool = False
) -> Path:
    """A complete synthetic project of `events` events in folder, buildable as the real one is.

    docs/, overrides/, schemas/ and mkdocs.yml are copied from the real project at
    `real` (without share cards, if not `cards`); everything else is generated. The same
    arguments give the same project. `concentrated`: every event cites one source and names
    the first topic and the first place, so that every list of them grows with the project
    (a page that lists them all would outgrow any size budget).
    """
    if events < MIN_EVENTS:
        raise ValueError(f"a synthetic site needs at least {MIN_EVENTS} events")
    rng = random.Random(seed * 100_003 + events)
    copy_site(folder, real, cards)
    for sub in ("events", "entities", "sources"):
        (folder / sub).mkdir(exist_ok=True)
    home = (real / "docs" / "index.md").read_text()
    (folder / "docs" / "index.md").write_text(uncited(home))  # its citations quote the real sources
    storylines, measures = list(storyline_order(home)), marker_words(home, "figures")
    actions = _ACTIONS + tuple(
        Action(m, "cases", f"counted cases of {m.replace('-', ' ')}", "were counted")
        for m in measures
        if m not in {a.measure for a in _ACTIONS}
    )
    topics, places, actors = _entities(events, storylines)
    made = [_event(n, rng, topics, places, actors, actions) for n in range(events)]
    for n in range(KEY_EVENTS):
        made[n * events // KEY_EVENTS] = replace(made[n * events // KEY_EVENTS], key=True)
    if concentrated:
        made = [_concentrate(event, topics[0], places[0]) for event in made]
    sources = _assign_sources(made, rng, 1 if concentrated else None)
    for event in made:
        quote_event(event, sources, rng)
    write_entities(folder, [*topics, *places, *actors], made)
    for event in made:
        write_event(folder, event)
    for source in sources:
        write_source(folder, source, rng)
    return folder


def copy_site(folder: Path, real: Path, cards: bool) -> None:
    """The real project's pages, templates, map and schemas, and its mkdocs.yml (without
    share cards, if not `cards`), copied into folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for part in SITE_COPIES:
        shutil.copytree(real / part, folder / part, dirs_exist_ok=True)
    config = _site_config((real / "mkdocs.yml").read_text(), folder)
    if not cards:
        config = config.replace("  - timeline:\n", "  - timeline:\n      share_cards: false\n", 1)
    (folder / "mkdocs.yml").write_text(config)


def _site_config(text: str, folder: Path) -> str:
    """mkdocs.yml as it is, less the `watch:` entries that are not in the synthetic project
    (its data folders are, though they are written after this: the preview watches them)."""
    lines, watching = [], False
    for line in text.splitlines(keepends=True):
        if not line.startswith((" ", "-", "\n")):
            watching = line.startswith("watch:")
        entry = line.strip().removeprefix("- ").strip() if line.strip().startswith("- ") else ""
        if watching and entry and entry not in DATA_FOLDERS and not (folder / entry).exists():
            continue
        lines.append(line)
    return "".join(lines)


def _entities(events: int, storylines: list[str]) -> tuple[list[Entity], list[Entity], list[Entity]]:
    """Topics (the home page's first), places and the other kinds, about events/5 in all."""
    n_topics = max(len(storylines), 4) + events // 1_000
    topics = [
        Entity(storylines[k] if k < len(storylines) else make_id("storyline", word(k)), "", "topic")
        for k in range(n_topics)
    ]
    for k, topic in enumerate(topics):
        topic.name = f"The {word(k + 7)} storyline"
    rest = max(len(_ACTOR_KINDS) + _HUBS, events // EVENTS_PER_ENTITY - n_topics)
    n_places = max(_HUBS, round(rest * _PLACE_SHARE))
    places = [
        Entity("", f"{word(k)} {('Township', 'State', 'District')[k % 3]}", "place") for k in range(n_places)
    ]
    weights = sum(_ACTOR_KINDS.values())
    actors: list[Entity] = []
    n_actors = rest - n_places
    for offset, (kind, weight) in enumerate(_ACTOR_KINDS.items(), start=1):
        count = max(1, round(n_actors * weight / weights))
        for k in range(offset * 1_000, offset * 1_000 + count):
            if kind == "person":
                name = f"{word(k)} {word(k * 7 + 3)}"
            elif kind == "organisation":
                name = f"{word(k)} {('Police', 'Ministry', 'Council', 'Agency')[k % 4]}"
            elif kind == "group":
                name = f"{word(k)} {('Army', 'Alliance', 'Militia')[k % 3]}"
            else:
                name = f"Operation {word(k)}"
            actors.append(Entity("", name, kind))
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
    topics: list[Entity],
    places: list[Entity],
    actors: list[Entity],
    actions: tuple[Action, ...],
) -> Event:
    notation, date = _date(rng)
    place = places[rng.randrange(_HUBS)] if rng.random() < 0.35 else places[n % len(places)]
    actor, other = actors[(2 * n) % len(actors)], actors[(2 * n + 1) % len(actors)]
    chosen = [topics[n % len(topics)]]
    if rng.random() < 0.1:
        chosen.append(topics[(n + 1) % len(topics)])
    event = Event(n, date, actor, place, other, chosen, actions[n % len(actions)], notation)
    for entity in (actor, place, other, *chosen):
        entity.events.append(n)
    return event


def _concentrate(event: Event, topic: Entity, place: Entity) -> Event:
    """The event with `topic` among its topics and `place` among its entities."""
    topics = event.topics if topic in event.topics else [topic, *event.topics]
    also = () if place in (event.actor, event.place, event.other) else (place,)
    for entity in {topic, *also} - {*event.topics, *event.also}:
        entity.events.append(event.n)
    return replace(event, topics=topics, also=also)


def _assign_sources(events: list[Event], rng: random.Random, count: int | None = None) -> list[Source]:
    """About one source per 25 events (or `count`), each published on or after the last of its events."""
    count = count or max(3, round(len(events) / EVENTS_PER_SOURCE))
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
        source = Source(c, words, publisher, published, day)
        sources.append(source)
        for event in chunk:
            event.source = source
    return sources
