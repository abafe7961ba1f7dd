"""What entity pages add below their events: related reports grouped, a topic's figures and
disagreements in brief, and previous/next links in the order of the indexes (topics in the
home page's story order).

Exact groups and notes are asserted on the fixture project, its events linked; the real data
is judged only on properties that any correct change to it keeps."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from conftest import REPO, make_project, real_dataset
from timeline.data.dates import parse_date
from timeline.data.paths import entity_page
from timeline.rules.project import validate
from timeline.site.digest import neighbours, report_groups, story_order, topic_digest
from timeline.site.home import storyline_order
from timeline.site.info import SiteInfo
from timeline.site.listings import storyline_views
from timeline.site.parts import render_pages
from timeline.site.views import Context, event_view
from timeline.site.wording import continues, plain_numbers

DATA = real_dataset()
HOME = (REPO / "docs" / "index.md").read_text()
STORY = storyline_order(HOME)
CTX = Context.of(DATA, SiteInfo(storylines=STORY))
# The fixture project's three events, linked as reports that may be of one incident, each
# pair once, in timeline order (a date known only to its year goes after its dated events).
ORDER = ["ringleaders", "handover", "more-than-40000"]
NOTES = {
    ("handover", "more-than-40000"): "Both count handovers; the articles do not say they are the same.",
    ("handover", "ringleaders"): "Both name the crackdown; the articles do not say it is one incident.",
    ("more-than-40000", "ringleaders"): "Both report arrests; the articles do not say they are the same.",
}


def fixture_context(root: Path, linked: bool) -> Context:
    """The fixture project at root, its events linked as in NOTES or not."""
    make_project(root)
    for (one, other), note in NOTES.items() if linked else ():
        path = root / "events" / f"{one}.yml"
        text = path.read_text(encoding="utf-8")
        head = "" if "related_reports:" in text else "related_reports:\n"
        path.write_text(f"{text}{head}  - event: {other}\n    note: {json.dumps(note)}\n", encoding="utf-8")
    result = validate(root)
    assert result.dataset is not None and result.problems == [], result.problems
    return Context.of(result.dataset, SiteInfo(storylines=("crackdown",)))


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Context:
    return fixture_context(tmp_path_factory.mktemp("linked") / "project", linked=True)


def test_the_story_order_is_the_home_pages_storylines_marker():
    assert storyline_order("# Home\n\n<!-- data:storylines b-topic a-topic -->\n") == ("b-topic", "a-topic")
    assert storyline_order("no marker here") == ()
    assert STORY and all(DATA.entities[t].kind == "topic" for t in STORY)  # the validator sees to it


def test_three_linked_reports_are_linked_both_ways_each_with_its_note(linked: Context):
    data = linked.data
    for event_id in ORDER:
        assert {r.event for r in data.event(event_id).related_reports} == set(ORDER) - {event_id}
    for (one, other), note in NOTES.items():
        assert (other, note) in {(r.event, r.note) for r in data.event(one).related_reports}
        assert (one, note) in {(r.event, r.note) for r in data.event(other).related_reports}


def test_every_related_report_of_the_real_data_is_linked_both_ways():
    for event in DATA.events:
        for report in event.related_reports:
            back = {(r.event, r.note) for r in DATA.event(report.event).related_reports}
            assert (event.id, report.note) in back, (event.id, report.event)


def test_a_card_lists_its_related_reports_in_timeline_order(linked: Context):
    view = event_view(linked, "timeline.md", linked.data.event(ORDER[2]))
    assert [r.event.link for r in view.related] == [f"events/{i}.md" for i in ORDER[:2]]  # their own pages


def test_an_entity_page_groups_every_linked_report_once(linked: Context, tmp_path: Path):
    (group,) = report_groups(linked, "entities/cctv.md", linked.data.events_of("cctv"))  # one of the three
    assert [r.link for r in group.events] == [f"../events/{i}.md" for i in ORDER]
    assert [(n.first, n.second, n.note) for n in group.notes] == [  # each linked pair once
        (1, 2, NOTES["handover", "ringleaders"]),
        (1, 3, NOTES["more-than-40000", "ringleaders"]),
        (2, 3, NOTES["handover", "more-than-40000"]),
    ]
    (once,) = report_groups(linked, "topics/crackdown.md", linked.data.events_of("crackdown"))  # all three
    assert len(once.events) == 3
    unlinked = fixture_context(tmp_path / "project", linked=False)
    assert report_groups(unlinked, "entities/cctv.md", unlinked.data.events_of("cctv")) == ()


@pytest.mark.parametrize("topic", [e.id for e in DATA.entities.values() if e.kind == "topic"])
def test_a_topic_digest_holds_every_figure_and_disagreement_of_its_events_attributed(topic: str):
    events = DATA.events_by_topic.get(topic, ())
    digest = topic_digest(CTX, f"topics/{topic}.md", events)
    assert sum(len(m.figures) for m in digest.measures) == sum(len(e.figures) for e in events)
    assert len(digest.disagreements) == sum(len(e.disagreements) for e in events)
    assert all(
        f.reporter and f.source_link.startswith("../sources/") for m in digest.measures for f in m.figures
    )
    counts = [len(m.figures) for m in digest.measures]
    assert counts == sorted(counts, reverse=True)  # the most reported first


def test_previous_and_next_follow_the_order_of_the_indexes():
    order = story_order(CTX)
    topics = [e.id for e in order if e.kind == "topic"]
    assert topics[: len(STORY)] == list(STORY)
    around = neighbours(order)
    first, second = STORY[:2]
    assert around[first].previous is None
    assert around[first].next is not None and around[first].next.link == f"{second}.md"
    assert around[second].previous is not None and around[second].previous.label == DATA.entities[first].name
    others = [e for e in order if e.kind != "topic"]
    kinds = DATA.vocabulary.entity_kinds
    keys = [kinds.index(e.kind) for e in others]
    assert keys == sorted(keys)  # the index's order: by kind (then by name, parts under their parent)


def test_previous_and_next_walk_the_entities_index_as_it_reads():
    (index,) = [o for o in render_pages(CTX) if o.path == "entities/index.md"]
    listed = re.findall(r"^ *- \[[^\]]*\]\(([^)]+)\)", str(index.content), re.M)
    around = neighbours(story_order(CTX))
    by_page = {entity_page(e.id, e.kind).removeprefix("entities/"): e.id for e in DATA.entities.values()}
    for before, after in itertools.pairwise(listed):
        following = around[by_page[before]].next
        assert following is not None and following.link.endswith(after.rsplit("/", 1)[-1])
    assert around[by_page[listed[0]]].previous is None and around[by_page[listed[-1]]].next is None


def test_the_home_pages_cards_and_the_topic_pages_follow_one_order_of_topics_only():
    person = next(e.id for e in DATA.entities.values() if e.kind == "person")
    first, *_, last = [e.id for e in DATA.entities.values() if e.kind == "topic"]
    order = (last, person, first)  # not the topics' own order, with an id that is no topic
    ctx = Context.of(DATA, SiteInfo(storylines=order))
    topics = [e.id for e in story_order(ctx) if e.kind == "topic"]
    cards = [
        card.link.removesuffix(".md").removeprefix("topics/")
        for card in storyline_views(ctx, "index.md", order)
    ]
    assert cards == topics
    assert topics[:2] == [last, first] and person not in cards


def test_the_topics_index_lists_topics_in_story_order():
    (index,) = [o for o in render_pages(CTX) if o.path == "topics/index.md"]
    content = str(index.content)
    positions = [content.index(f"]({topic}.md)") for topic in STORY]
    assert positions == sorted(positions)


def test_a_span_listed_at_its_start_says_what_it_continues_to():
    assert continues(parse_date("2023-09/2023-11-21")) == "Continues to 21 November 2023"
    assert continues(parse_date("2023-11-13/2023-11-19")) is None  # within the month it is listed under
    assert continues(parse_date("2023/2024")) == "Continues to 2024"
    assert continues(parse_date("2023-11-21")) is None
    assert continues(parse_date("[2023-08-16,2023-09-23]")) is None  # one of two days, not a span


def test_numbers_are_also_given_without_separators_for_search():
    assert plain_numbers("41,000 suspects", "1,200,000 yuan, 2023, 41,000 again") == "41000 1200000"
    assert plain_numbers("12,34 and 3.5 and 950") == ""
