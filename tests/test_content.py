"""The editorial rules that code can check, over the real data set."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, real_result
from content_properties import ids_with_unsupported_dates, unreachable_events
from timeline.data.archives import listed_lines
from timeline.data.dates import Precision
from timeline.data.quotes import Archive, Found, normalise

pytestmark = pytest.mark.content

RESULT = real_result()
DATA = RESULT.dataset
ARCHIVES = {p.stem: normalise(p.read_text(encoding="utf-8")) for p in (REPO / "sources").glob("*.txt")}


def test_the_data_validates_with_no_problem():
    """No error and no warning: every quote verbatim, every editorial rule kept (the
    validator's rules module: no 'criminals' in our words, no private name, summaries
    attributed and of at most 40 words, every entity used, every storyline with three or
    more events)."""
    assert RESULT.problems == []
    assert DATA is not None


def test_the_private_individual_the_post_names_is_declared_so_the_validator_guards_it():
    assert DATA.sources["scmp-2023-08-23-chiang-mai-cooperation"].private_names == ("Chen",)


def all_quotes():
    for event in DATA.events:
        yield event.id, [(c.source, c.quote) for c in event.quotations()]
    for entity in DATA.entities.values():
        yield entity.id, [(c.source, c.quote) for c in entity.citations]


def test_the_three_storylines_are_topics():
    topics = [e for e in DATA.entities.values() if e.kind == "topic"]
    assert {"crackdown", "operation-1027", "chiang-mai-centre"} <= {t.id for t in topics}


def test_no_event_is_dated_more_precisely_than_a_day():
    for event in DATA.events:
        assert "T" not in event.date.text and ":" not in event.date.text, event.id
        assert event.date.precision in (Precision.YEAR, Precision.MONTH, Precision.DAY)


def test_every_event_records_how_its_date_was_derived():
    for event in DATA.events:
        assert len(event.date_basis.split()) >= 3, event.id


def test_at_least_the_known_disagreements_are_recorded():
    about = {d.about for e in DATA.events for d in e.disagreements}
    assert "Nong Rong's title" in about
    assert "Exactly 31,000, or more than 31,000" in about
    assert "How many suspects were handed over" in about
    assert {
        "Who the 63 were",
        "Who reported a ring leader's death",
        "Which crimes Nong Rong raised",
        "Handed over, or extradited",
        "Who is fighting the junta, in each article's words",
        "Who announced the 31,000",
        "Who gives the estimates of 100,000 people and 1,000 centres",
        "How the three are described",
    } <= about


def test_every_disagreement_quotes_each_article_once_from_two_or_more():
    """Or, for a conflict within one article, that article twice or more."""
    for event in DATA.events:
        for disagreement in event.disagreements:
            sources = [a.source for a in disagreement.accounts]
            within_one = disagreement.conflict and len(set(sources)) == 1
            assert len(sources) >= 2 and (within_one or len(sources) == len(set(sources))), (
                event.id,
                disagreement.about,
            )
            assert all(a.says.strip() and a.quote.strip() for a in disagreement.accounts)


def test_named_operations_and_the_two_chiang_mai_bodies_are_operations_not_topics():
    kinds = {e.id: e.kind for e in DATA.entities.values()}
    assert kinds["operation-1027-attacks"] == kinds["chiang-mai-mechanism"] == "operation"
    assert kinds["chiang-mai-coordination-centre"] == "operation"
    assert kinds["operation-1027"] == kinds["chiang-mai-centre"] == "topic"  # the storylines stay
    topic_aliases = {
        a.lower() for t in ("operation-1027", "chiang-mai-centre") for a in DATA.entities[t].aliases
    }
    assert not topic_aliases & {"operation 1027", "special cooperative mechanism"}


@pytest.mark.parametrize(
    "measure", ["suspects-handed-over", "people-trapped", "scam-centres", "outposts-overrun"]
)
def test_the_headline_figures_are_recorded(measure: str):
    assert DATA.figures_by_measure[measure]


# --- coverage: every quote lies in the body, and every body line is carried or listed ---------
# The validator warns on a body line that no quote cites and that the source record does not
# list under not_carried with why (uncited-line), so test_the_data_validates_with_no_problem
# covers every line of every article, the ones a new source adds too.


def body_lines(source: str) -> dict[int, Archive]:
    """Every non-blank line of an article's body, by its 1-based number, ready to search."""
    excluded = listed_lines(item.lines for item in DATA.sources[source].not_article)
    text = (REPO / "sources" / f"{source}.txt").read_text(encoding="utf-8")
    return {
        n: Archive.of(line)
        for n, line in enumerate(text.split("\n"), start=1)
        if line.strip() and n not in excluded
    }


def quotes_by_source() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {s: set() for s in DATA.sources}
    for _, quotes in all_quotes():
        for source, quote in quotes:
            found[source].add(normalise(quote))
    return found


@pytest.mark.parametrize("source", sorted(DATA.sources))
def test_every_quote_lies_in_one_body_line(source: str):
    lines = body_lines(source)
    stray = [
        q
        for q in quotes_by_source()[source]
        if not any(line.search(q).found is Found.MATCH for line in lines.values())
    ]
    assert stray == []


@pytest.mark.parametrize("source", sorted(DATA.sources))
def test_every_source_is_cited_and_says_why_for_each_line_it_leaves_out(source: str):
    assert quotes_by_source()[source]
    assert all(item.why.strip() for item in DATA.sources[source].not_carried)


# --- dates in ids, and who reported a figure ---------------------------------------------------


def test_no_event_id_encodes_a_date_its_date_does_not_support():
    """An id starts with the day, month or year every possible day of its date falls in, or none."""
    assert ids_with_unsupported_dates(DATA) == []


@pytest.mark.build
def test_every_event_is_on_the_timeline_in_the_exports_and_in_search(built_site: Path):
    assert unreachable_events(DATA, built_site) == {}


def test_a_figure_with_no_reporter_is_in_a_sentence_that_attributes_it_to_no_one():
    """Leaving out reported_by says the article states the number itself: check that it does."""
    said = re.compile(r"\b(said|says|say|according to|reported|stated|announced)\b", re.IGNORECASE)
    for event in DATA.events:
        for figure in (f for f in event.figures if not f.reported_by):
            text = ARCHIVES[figure.source]
            at = text.index(normalise(figure.quote))
            start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
            end = text.find(". ", at + len(normalise(figure.quote)))
            assert not said.search(text[start : end if end != -1 else None]), (event.id, figure.quote)
