"""The synthetic project's records and archived texts, written from what synthetic.py made.

Each event's cited sentences are added to its source's article, so every quote is a real
passage of an archived text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from timeline.contrib.scaffold import make_id
from timeline.data import records
from timeline.data.dates import parse_date
from timeline.data.vocabulary import QUALIFIER_WORDS

ARCHIVE_BYTES = 5_000  # an archived text is padded with unquoted paragraphs to this size
FIRST_DAY, LAST_DAY = dt.date(2019, 1, 1), dt.date(2024, 12, 31)

_SYLLABLES = ("ka", "lo", "min", "thu", "zan", "wei", "po", "sha", "win", "tun", "lay", "mya", "hla", "soe")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Action:
    """What an event reports, as our words, as the article's, and as a figure."""

    measure: str
    unit: str
    done: str  # "handed suspects over to China": after "had"
    counted: str  # "had been handed over": after "{n} {unit}"


_QUALIFIERS = tuple(QUALIFIER_WORDS.items())  # each qualifier, and how an article writes it
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def word(n: int) -> str:
    """A made-up capitalised word, different for every n (no syllable begins another)."""
    digits = []
    n += len(_SYLLABLES)  # at least two syllables
    while n:
        n, digit = divmod(n, len(_SYLLABLES))
        digits.append(_SYLLABLES[digit])  # the lowest digit first: neighbours start differently
    return "".join(digits).capitalize()


def scalar(value: object) -> str:
    """A YAML scalar or flow list, written as JSON (which YAML reads as it is)."""
    return json.dumps(value, ensure_ascii=False)


@dataclass(eq=False)
class Entity:
    id: str
    name: str
    kind: str
    events: list[int] = field(default_factory=list)  # events that name it, in order


@dataclass(eq=False)
class Source:
    number: int  # in order of publication
    id: str
    publisher: str
    published: str  # the notation
    day: dt.date  # the day it was published (within what the notation allows)
    paragraphs: list[str] = field(default_factory=list)


@dataclass(eq=False)
class Event:
    n: int
    date: str
    actor: Entity
    place: Entity
    other: Entity
    topics: list[Entity]
    action: Action
    notation: str
    source: Source | None = None
    sentence: str = ""  # the main cited sentence, as in the article
    records: list[str] = field(default_factory=list)  # YAML lines of figures, disagreements, citations
    key: bool = False  # one of the turning points the overview chart labels
    also: tuple[Entity, ...] = ()  # entities it names besides its actor, place and other


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


def quote_event(event: Event, sources: list[Source], rng: random.Random) -> None:
    """The article sentences this event rests on, and the records that quote them.

    Long because each sentence and the record that quotes it are written side by side, so
    that a reader sees every quote is a passage of its article.
    """
    assert event.source is not None
    source, later = event.source, sources[min(event.source.number + 1, len(sources) - 1)]
    a, p, o, act = event.actor.name, event.place.name, event.other.name, event.action
    day_name = weekday(event)
    statement = [
        f"{a} said on {day_name} that authorities in {p} had {act.done}, working with {o}.",
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
        figure_quote = f"{words}{written} {act.unit} {act.counted} in {p}{period}"  # the period's year too
        reporter = f"    reported_by: {event.actor.id}\n" if event.actor.kind == "organisation" else ""
        event.records.append(
            f"  - measure: {act.measure}\n    value: {value}\n    qualifier: {qualifier}\n"
            f"    unit: {scalar(act.unit)}\n    period: {scalar(period.strip())}\n{reporter}"
            f"    source: {source.id}\n    quote: {scalar(figure_quote)}\n"
        )
        if event.n % 9 == 0 and later is not source:
            later.paragraphs.append(
                f"Other officials put the number at {other_written} {act.unit}, citing records from {p}."
            )
            event.records.append(
                "disagreements:\n"
                f"  - about: {scalar('How many ' + act.unit)}\n"
                f"    note: {scalar('The two articles give different numbers and do not say why.')}\n"
                "    kind: number\n"
                "    conflict: true\n"
                "    accounts:\n"
                f"      - source: {source.id}\n        says: {scalar(f'{words}{written}')}\n"
                f"        quote: {scalar(figure_quote)}\n"
                f"      - source: {later.id}\n        says: {scalar(other_written)}\n"
                f"        quote: {scalar(f'put the number at {other_written} {act.unit}')}\n"
            )
    if event.n % 4 == 1 and later is not source:
        again = f"Separately, {a} confirmed that officials in {p} had {act.done}."
        later.paragraphs.append(again)
        citations.append((later.id, again.removeprefix("Separately, ")))
    event.records.append(
        "citations:\n" + "".join(f"  - source: {s}\n    quote: {scalar(q)}\n" for s, q in citations)
    )


def weekday(event: Event) -> str:
    """The day of the week an article would name: the event's own, when it has one."""
    return _WEEKDAYS[parse_date(event.date).latest.weekday()]


def _basis(event: Event) -> str:
    assert event.source is not None
    article = f"in {event.source.publisher}'s article of {event.source.day.isoformat()}"
    return {
        "day": f'"on {weekday(event)}", {article}',
        "month": f'"this month", {article}',
        "span": f'"last week", {article}',
        "year": f'"this year", {article}',
        "before": f"the article gives no date; {article}",
        "one-of": f'"on {weekday(event)}", in an article of one of two days',
        "about": f'"around then", {article}',
    }[event.notation]


def _event_id(event: Event) -> str:
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


def write_event(folder: Path, event: Event) -> None:
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
    named = (event.actor, event.place, event.other, *event.also)
    text = (
        f"{records.EVENT.modeline}\n"
        f"id: {_event_id(event)}\n"
        f"title: {scalar(title)}\n"
        f"date: {scalar(event.date)}\n"
        f"date_basis: {scalar(_basis(event))}\n"
        f"summary: {scalar(summary)}\n"
        f"details: {scalar(details)}\n"
        f"topics: {scalar([t.id for t in event.topics])}\n"
        f"entities: {scalar(list(dict.fromkeys(e.id for e in named)))}\n"
        + ("key: true\n" if event.key else "")
    )
    figures = [r for r in event.records if r.startswith("  - measure:")]
    rest = [r for r in event.records if not r.startswith("  - measure:")]
    text += ("figures:\n" + "".join(figures) if figures else "") + "".join(rest)
    (folder / "events" / f"{_event_id(event)}.yml").write_text(text)


def write_entities(folder: Path, entities: list[Entity], events: list[Event]) -> None:
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
            f"name: {scalar(entity.name)}",
            f"kind: {entity.kind}",
        ]
        if k % 3 == 0:
            lines.append(f"aliases: {scalar([f'the {entity.name}'])}")
        lines.append(f"summary: {scalar(summary)}")
        if k % 4 == 0 and entity.kind != "topic" and first.actor is not entity:
            lines.append(f"related: {scalar([first.actor.id])}")
        lines += ["citations:", f"  - source: {first.source.id}", f"    quote: {scalar(quote)}"]
        (folder / "entities" / f"{entity.id}.yml").write_text("\n".join(lines) + "\n")


def write_source(folder: Path, source: Source, rng: random.Random) -> None:
    """The archived text (headline, dateline, byline, paragraphs, a caption) and its record.

    Long because the record names the text's lines by number (what is not the article, what
    it does not carry), so both are written in one pass.
    """
    title = f"{source.publisher} report {source.id.rsplit('-', 1)[1]} on the scam compounds"
    author = None if rng.random() < 0.2 else f"{word(rng.randrange(500))} {word(rng.randrange(500))}"
    lines = [title, "", f"Published: {parse_date(source.published).display()}", ""]
    furniture = [(3, "the publication dateline")]
    if author:
        lines += [f"By {author}", ""]
        furniture.append((len(lines) - 1, "byline"))
    paragraphs = list(source.paragraphs)
    k = 0
    while sum(len(p) + 2 for p in paragraphs) < ARCHIVE_BYTES:
        paragraphs.append(
            f"Officials in {word(k + 900)} did not answer questions about the compounds, "
            f"and residents described checkpoints on the road to {word(k + 950)} as {k + 2} "
            "weeks of waiting."
        )
        k += 1
    filler: list[int] = []  # the lines of the paragraphs no event quotes
    for i, paragraph in enumerate(paragraphs):
        if i == len(paragraphs) // 2:
            lines += [f"A checkpoint near the border. (Photo: {word(i)} {word(i + 1)})", ""]
            furniture.append((len(lines) - 1, "photo caption"))
        lines += [paragraph, ""]
        filler += [len(lines) - 1] if i >= len(source.paragraphs) else []
    text = "\n".join(lines)
    (folder / "sources" / f"{source.id}.txt").write_text(text)
    record = [
        records.SOURCE.modeline,
        f"id: {source.id}",
        f"title: {scalar(title)}",
        f"publisher: {scalar(source.publisher)}",
        f"author: {scalar(author)}",
        f"published: {scalar(source.published)}",
        "published_basis: stated in the text",
        *([f'retrieved: "{source.day.isoformat()}"'] if source.published.endswith("/..") else []),
        f"url: {scalar(None if rng.random() < 0.1 else f'https://example.org/news/{source.id}')}",
        f"archive_sha256: {hashlib.sha256(text.encode()).hexdigest()}",
        "not_article:",
        *(f'  - lines: "{line}"\n    what: {what}' for line, what in furniture),
        "not_carried:",
        '  - lines: "1"\n    why: the headline, which the title carries',
        *([f'  - lines: "{filler[0]}-{filler[-1]}"\n    why: paragraphs no event needs'] if filler else []),
        "notes: []" if rng.random() < 0.5 else "notes:\n  - The address of the article is not confirmed.",
    ]
    (folder / "sources" / f"{source.id}.yml").write_text("\n".join(record) + "\n")
