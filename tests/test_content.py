"""The editorial rules that code can check, over the real data set."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from timeline.dates import Precision
from timeline.project import validate
from timeline.quotes import normalise

RESULT = validate(REPO)
DATA = RESULT.dataset
ARCHIVES = {p.stem: normalise(p.read_text(encoding="utf-8")) for p in (REPO / "sources").glob("*.txt")}
PRIVATE_NAMES = ["Chen"]  # private individuals named in the sources: never named on the site
ATTRIBUTION = re.compile(
    r"\b(reports?|reported|said|says|according to|calls|names|quoted|describes)\b", re.IGNORECASE
)


def test_the_data_validates_with_no_problem():
    assert RESULT.problems == []
    assert DATA is not None


def test_there_are_five_sources_and_thirty_to_forty_five_events():
    assert len(DATA.sources) == 5
    assert 30 <= len(DATA.events) <= 45


def all_quotes():
    for event in DATA.events:
        yield event.id, [(c.source, c.quote) for c in event.citations]
        yield event.id, [(f.source, f.quote) for f in event.figures]
        yield event.id, [(a.source, a.quote) for d in event.disagreements for a in d.accounts]
    for entity in DATA.entities.values():
        yield entity.id, [(c.source, c.quote) for c in entity.citations]


def test_every_summary_is_cited_and_every_quote_is_found_verbatim():
    for event in DATA.events:
        assert event.citations, event.id
    for entity in DATA.entities.values():
        assert entity.citations, entity.id
    missing = [
        (owner, quote) for owner, quotes in all_quotes() for source, quote in quotes
        if normalise(quote) not in ARCHIVES[source]
    ]  # fmt: skip
    assert missing == []


def test_every_topic_has_an_introduction_and_at_least_three_events():
    topics = [e for e in DATA.entities.values() if e.kind == "topic"]
    assert {"crackdown", "operation-1027", "chiang-mai-centre"} <= {t.id for t in topics}
    for topic in topics:
        assert len(DATA.events_by_topic.get(topic.id, ())) >= 3, topic.id


def test_every_entity_is_referenced_by_an_event_or_is_a_topic():
    referenced = {x for e in DATA.events for x in e.entities + e.topics}
    referenced |= {f.reported_by for e in DATA.events for f in e.figures if f.reported_by}
    unreferenced = [e.id for e in DATA.entities.values() if e.kind != "topic" and e.id not in referenced]
    assert unreferenced == []


def test_no_event_is_dated_more_precisely_than_a_day():
    for event in DATA.events:
        assert "T" not in event.date.text and ":" not in event.date.text, event.id
        assert event.date.precision in (Precision.YEAR, Precision.MONTH, Precision.DAY)


def test_every_event_records_how_its_date_was_derived():
    for event in DATA.events:
        assert len(event.date_basis.split()) >= 3, event.id


def test_every_event_summary_attributes_its_claims():
    unattributed = [e.id for e in DATA.events if not ATTRIBUTION.search(e.summary)]
    assert unattributed == []


def test_our_words_say_suspects_not_criminals_and_name_no_private_person():
    for record in [*DATA.events, *DATA.entities.values()]:
        own_words = f"{record.summary} {getattr(record, 'title', '')} {getattr(record, 'name', '')}"
        assert not re.search(r"\b(criminals|a criminal)\b", own_words, re.IGNORECASE), record.id
        for name in PRIVATE_NAMES:
            assert not re.search(rf"\b{name}\b", own_words), record.id
    quotes = [q for _, qs in all_quotes() for _, q in qs]  # quotes may not name them either
    for name in PRIVATE_NAMES:
        assert not any(re.search(rf"\b{name}\b", q) for q in quotes)


def test_at_least_the_known_disagreements_are_recorded():
    about = {d.about for e in DATA.events for d in e.disagreements}
    assert "Nong Rong's title" in about
    assert "Exactly 31,000, or more than 31,000" in about
    assert "How many suspects were handed over" in about
    assert len(about) >= 2


@pytest.mark.parametrize(
    "measure", ["suspects-handed-over", "people-trapped", "scam-centres", "outposts-overrun"]
)
def test_the_headline_figures_are_recorded(measure: str):
    assert DATA.figures_by_measure[measure]
