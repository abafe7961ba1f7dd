"""The editorial rules a program can check, where contributors see them: in the validator.

Hard rules are errors: our own words never call anyone a criminal, and never name a
private individual (a source record lists the private people its article names); an
event's summary is short enough to read at a glance, the longer account in `details`. Soft
rules are warnings, for a reviewer to weigh: an event summary that attributes nothing
to anyone; a day written in prose as the data writes it ('2024-01-05'); and, once every
file is right (before that they would only echo the errors), an entity no event involves
and a storyline with fewer than three events.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ..data.dates import DateError, parse_date
from ..data.load import DataPath
from ..data.lookalike import looks
from ..data.markup import plain_text
from ..data.problems import Example, Problem, Rule, shown
from ..data.records import ENTITY, EVENT, QUOTED, SOURCE, Record, values_at
from ..data.vocabulary import TOPIC
from .index import Index
from .numbers import READINGS_KEPT

LOADED_WORD = Rule(
    "loaded-word",
    "error",
    "our own words never call anyone a criminal",
    "say 'suspects', or quote who says it",
    fails=(Example("bad/loaded-word"),),
)

PRIVATE_NAME = Rule(
    "private-name",
    "error",
    "no record, in our words or in a quote, names a private individual a source lists under "
    "private_names, however it is written",
    "leave the name out",
    fails=(
        Example("fabricated/private-name-in-capitals"),
        Example("fabricated/private-name-in-cyrillic"),
    ),
)

UNATTRIBUTED = Rule(
    "unattributed",
    "warning",
    "an event's summary says who reports or says it",
    "add who reports it ('…, the Daily Tribune reports')",
    fails=(Example("fabricated/unattributed-summary"),),
)

UNUSED_ENTITY = Rule(
    "unused-entity",
    "warning",
    "every entity is involved in an event, or is the parent of an entity (checked once every file is right)",
    "list it in an event's entities, or remove it",
    fails=(Example("fabricated/confusable-entity-names"),),
)

SMALL_TOPIC = Rule(
    "small-topic",
    "warning",
    "a storyline has at least three events (checked once every file is right)",
    "add its events, or make it an entity of another kind",
    fails=(Example("fabricated/small-storyline"),),
)

ISO_DATE_IN_PROSE = Rule(
    "iso-date-in-prose",
    "warning",
    "an event's or entity's own words write a day as readers do, '5 January 2024', not "
    "'2024-01-05' (a date basis may keep the notation of its date)",
    "write the day out, as the message shows",
    fails=(Example("fabricated/iso-date-in-summary"),),
)

KEY_EVENTS = (5, 8)  # how many turning points the overview chart labels
KEY_EVENTS_FROM = 20  # a smaller project (a fixture, a new story) labels what it flags
KEY_COUNT = Rule(
    "key-events",
    "warning",
    f"a project of {KEY_EVENTS_FROM} events or more flags {KEY_EVENTS[0]} to {KEY_EVENTS[1]} of them "
    "`key: true`, the turning points the overview chart labels (checked once every file is right)",
    "set `key: true` on the story's turning points only",
    fails=(Example("fabricated/too-many-key-events"),),
)

MAX_SUMMARY_WORDS = 40
SUMMARY_TOO_LONG = Rule(
    "summary-too-long",
    "error",
    f"an event's summary is at most {MAX_SUMMARY_WORDS} words, counted as a reader would: the "
    "text the site shows (Markdown syntax gone, a link's text kept), split on whitespace",
    "keep what happened and who says so; move the rest into `details`",
    fails=(
        Example("bad/summary-too-long"),
        Example("fabricated/summary-in-a-link-text"),
        Example("fabricated/summary-words-joined-by-no-break-spaces"),
    ),
)

MIN_TOPIC_EVENTS = 3
LOADED = re.compile(r"\b(criminals|a criminal)\b", re.IGNORECASE)
ISO_DAY = re.compile(r"(?<![\w-])[0-9]{4}-[0-9]{2}-[0-9]{2}(?![\w-])")
ATTRIBUTION = re.compile(r"\b(reports?|reported|said|says|according to|calls|names|quoted|describes)\b", re.I)

# Fields in our own voice, by kind of record: everything but ids, dates, numbers and quotes.
OWN_WORDS = {
    EVENT.name: ["title", "label", "summary", "details", "date_basis", "figures.*.note", "figures.*.period",
                 "figures.*.unit", "figures.*.hedge", "figures.*.counts",
                 "disagreements.*.about", "disagreements.*.note",
                 "disagreements.*.accounts.*.says", "related_reports.*.note"],
    ENTITY.name: ["name", "role", "summary", "aliases.*"],
    SOURCE.name: ["title_basis", "published_basis", "based_on", "via", "notes.*", "not_article.*.what",
                  "not_carried.*.why", "provenance.*.says", "provenance.*.basis"],
}  # fmt: skip
_QUOTES = [f"{where}.quote" for where in QUOTED]
# Shown as words: an id in anchors, the feed and the data files, a measure as a heading
# ('chen-family-ransom' is "Chen family ransom").
_SLUGS = ["id", "figures.*.measure"]
_MARKDOWN = ["summary", "details"]


def editorial_problems(records: list[Record]) -> list[Problem]:
    """The rules on records' own words read together: attribution, and length."""
    return [*_unattributed(records), *_too_long(records)]


def check_own_words(record: Record, index: Index) -> list[Problem]:
    """The rules on one record's own words, each field read once for the three of them."""
    names = _NamePatterns.of(tuple(index.private_names.items()))
    own = _fields(record, OWN_WORDS.get(record.kind.name, []))
    problems = list(_loaded_words(record, own))
    if names is not None:
        problems += _private_names_in(record, names, [*own, *_fields(record, [*_QUOTES, *_SLUGS])])
    problems += _iso_days(record, own)
    return problems


_Field = tuple[str, DataPath, str]  # the pattern a text is found at, its path, and the text


def _fields(record: Record, patterns: list[str]) -> list[_Field]:
    return [(pattern, path, text) for pattern in patterns for path, text in values_at(record.data, pattern)]


def _loaded_words(record: Record, own: list[_Field]) -> Iterator[Problem]:
    for _, path, text in own:
        if word := LOADED.search(text):
            yield record.doc.problem(
                path,
                LOADED_WORD,
                f"'{word[0]}' in our own words prejudges guilt; say 'suspects', or quote who says it",
            )


def _private_names_in(record: Record, names: _NamePatterns, fields: list[_Field]) -> Iterator[Problem]:
    for pattern, path, text in fields:
        if pattern in _MARKDOWN and record.has_failed(path):
            continue  # too long or too many brackets to render: its schema error stands
        if name := names.first_in(as_read(pattern, text)):
            yield record.doc.problem(
                path,
                PRIVATE_NAME,
                f"'{shown(name)}' is a private individual ({names.listed_by[name]} lists the "
                "name); leave the name out, in our words and in quotes",
            )


def _iso_days(record: Record, own: list[_Field]) -> Iterator[Problem]:
    """Days in the notation of the data ('2024-01-05') where a reader reads prose. A date
    basis is left alone: it works a date out in the notation the date is written in."""
    if record.kind not in (EVENT, ENTITY):
        return
    for pattern, path, text in own:
        if pattern == "date_basis" or (pattern in _MARKDOWN and record.has_failed(path)):
            continue
        if _may_hold_a_day(text) and (day := ISO_DAY.search(as_read(pattern, text))):
            yield record.doc.problem(path, ISO_DATE_IN_PROSE, _written_out(day[0]))


def _may_hold_a_day(text: str) -> bool:
    """Whether a field could read as holding a day: that takes eight digits, and each digit
    a reader sees is written as one or as a character reference, which holds one ('&#50;',
    '&#x32;'). Most fields have fewer and need no rendering."""
    return sum(map(text.count, "0123456789")) >= 8


def _written_out(day: str) -> str:
    """The message, with the day as a reader writes it where it is a real day."""
    try:
        fix = f"write it as readers do: '{parse_date(day).display()}'"
    except DateError:
        fix = "write the day out as readers do, e.g. '5 January 2024'"
    return f"'{day}' is a date as the data writes it; {fix}"


@lru_cache(maxsize=READINGS_KEPT)
def as_read(pattern: str, text: str) -> str:
    """A field's text as a reader sees it: a slug's hyphens as spaces, and Markdown as the
    site renders it, in plain text: character references decoded ('Ch&#101;n' is "Chen"),
    emphasis gone ('C**he**n'), a link's text and an image's alt text kept and their syntax
    gone ('[Ch](#top)en', 'Ch[](#top)en' and 'Ch![](x.png)en' are "Chen")."""
    if pattern in _SLUGS:
        return text.replace("-", " ")
    if pattern in _MARKDOWN:
        return plain_text(text)
    return text


@dataclass(frozen=True)
class _NamePatterns:
    """The private names, compiled once per run rather than once per text searched (re's
    own cache holds 512 patterns, fewer than a large project may list).

    Names and texts are compared as they look (lookalike.looks): case, accents, compatibility
    forms, look-alike letters of other scripts and invisible characters folded, so that
    'CHEN', 'Сhen' (Cyrillic С), 'C\u200bhen' and 'Chén' are all 'Chen'. A name is still
    found only as a whole word of the folded text: 'Chen' is not in 'Cheng'.
    """

    listed_by: dict[str, str]  # each name, with the source record that lists it
    any_name: re.Pattern[str]
    each: dict[str, re.Pattern[str]]
    # The answer for each text asked about: the same text recurs across records (a quote
    # and its source's id), and the answer depends on the text alone.
    answers: dict[str, str | None] = field(default_factory=dict, compare=False)

    @staticmethod
    @lru_cache(maxsize=4)
    def of(listed: tuple[tuple[str, str], ...]) -> _NamePatterns | None:
        """The names listed (each with the record that lists it), compiled; once a run (a
        run's every record asks with the same names)."""
        private = dict(listed)
        folded = {name: seen for name in private if (seen := looks(name))}
        if not folded:
            return None
        any_name = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in folded.values()) + r")\b")
        return _NamePatterns(
            private, any_name, {name: re.compile(rf"\b{re.escape(n)}\b") for name, n in folded.items()}
        )

    def first_in(self, text: str) -> str | None:
        """The first name, in the order listed, that the text holds as a whole word."""
        if text not in self.answers:
            self.answers[text] = self._first_in(text)
        return self.answers[text]

    def _first_in(self, text: str) -> str | None:
        seen = looks(text)
        if self.any_name.search(seen) is None:  # one search says there is none, mostly
            return None
        return next((name for name, one in self.each.items() if one.search(seen)), None)


def unused_entities(records: list[Record]) -> Iterator[Problem]:
    """Entities no event involves, and that are no entity's parent: a rule on the story as a
    whole, run on data with no errors."""
    used = {
        value
        for record in records
        if record.kind is EVENT
        for pattern in ("entities.*", "topics.*", "figures.*.reported_by")
        for _, value in values_at(record.data, pattern)
    } | {record.data.get("parent") for record in records if record.kind is ENTITY}
    for record in records:
        if (
            record.kind is ENTITY
            and isinstance(record.id, str)
            and record.data.get("kind") != TOPIC
            and record.id not in used
        ):
            yield record.doc.problem(
                ("id",),
                UNUSED_ENTITY,
                f"no event involves '{record.id}'; list it in an event's entities, or remove it",
            )


def small_topics(records: list[Record]) -> Iterator[Problem]:
    """Storylines of fewer than MIN_TOPIC_EVENTS events: run on data with no errors."""
    counts = Counter(v for r in records if r.kind is EVENT for _, v in values_at(r.data, "topics.*"))
    for record in records:
        topic = record.kind is ENTITY and record.data.get("kind") == TOPIC and isinstance(record.id, str)
        if topic and counts[record.id] < MIN_TOPIC_EVENTS:
            yield record.doc.problem(
                ("kind",),
                SMALL_TOPIC,
                f"the storyline '{record.id}' has {counts[record.id]} event(s), fewer than "
                f"{MIN_TOPIC_EVENTS}; add its events, or make it an entity of another kind",
            )


def key_events(records: list[Record]) -> Iterator[Problem]:
    """Too few turning points leave the chart unlabelled; too many crowd it: on the first
    key event (or, with none, the first event), run on data with no errors."""
    events = [r for r in records if r.kind is EVENT]
    keys = [r for r in events if r.data.get("key") is True]
    low, high = KEY_EVENTS
    if len(events) < KEY_EVENTS_FROM or low <= len(keys) <= high:
        return
    where = keys[0] if keys else events[0]
    yield where.doc.problem(
        ("key",) if keys else ("id",),
        KEY_COUNT,
        f"{len(keys)} of the {len(events)} events are flagged `key: true`; flag {low} to {high}, "
        "the turning points the overview chart labels",
    )


def _unattributed(records: list[Record]) -> Iterator[Problem]:
    for record in records:
        summary = record.data.get("summary")
        if record.kind is EVENT and isinstance(summary, str) and not ATTRIBUTION.search(summary):
            yield record.doc.problem(
                ("summary",),
                UNATTRIBUTED,
                "the summary attributes nothing to anyone; say who reports or says it "
                "('..., the Daily Tribune reports')",
            )


def _too_long(records: list[Record]) -> Iterator[Problem]:
    """Summaries a reader cannot take in at a glance: the timeline shows each in full."""
    for record in records:
        summary = record.data.get("summary")
        if record.kind is not EVENT or not isinstance(summary, str) or record.has_failed(("summary",)):
            continue
        if (words := len(as_read("summary", summary).split())) > MAX_SUMMARY_WORDS:
            yield record.doc.problem(
                ("summary",),
                SUMMARY_TOO_LONG,
                f"the summary has {words} words, more than {MAX_SUMMARY_WORDS}; keep what happened "
                "and who says so, and move the rest into `details`",
            )
