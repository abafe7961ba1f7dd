"""What entity pages add below their events: related reports grouped, a topic's figures and
disagreements in brief, and previous/next links in the order of the indexes (topics in the
home page's story order)."""

from __future__ import annotations

import itertools
import re

from conftest import REPO, real_dataset
from timeline.data.dates import parse_date
from timeline.data.paths import entity_page
from timeline.site.digest import neighbours, report_groups, story_order, topic_digest
from timeline.site.home import storyline_order
from timeline.site.info import SiteInfo
from timeline.site.listings import storyline_views
from timeline.site.pages import render_pages
from timeline.site.views import Context, event_view
from timeline.site.wording import continues, plain_numbers

DATA = real_dataset()
HOME = (REPO / "docs" / "index.md").read_text()
STORY = storyline_order(HOME)
CTX = Context.of(DATA, SiteInfo(storylines=STORY))
DEATH = [
    "2023-11-gang-leader-dies-fleeing-arrest",
    "2023-11-junta-says-it-arrested-two-ringleaders-wanted-by-china",
    "occrp-says-ming-xuechang-took-his-own-life",
]


def test_the_story_order_is_the_home_pages_storylines_marker():
    assert STORY == ("crackdown", "operation-1027", "chiang-mai-centre", "scam-industry")
    assert storyline_order("no marker here") == ()


def test_the_three_reports_of_a_ring_leaders_death_are_linked_both_ways():
    for event_id in DEATH:
        linked = {r.event for r in DATA.event(event_id).related_reports}
        assert linked == set(DEATH) - {event_id}
        assert all("do not say" in r.note for r in DATA.event(event_id).related_reports)


def test_a_card_lists_its_related_reports_in_timeline_order():
    view = event_view(CTX, "timeline.md", DATA.event(DEATH[2]))
    assert [r.event.link for r in view.related] == [f"events/{i}.md" for i in DEATH[:2]]  # their own pages


def test_an_entity_page_groups_every_linked_report_once():
    (group,) = report_groups(CTX, "entities/ming-xuechang.md", DATA.events_of("ming-xuechang"))
    position = [e.id for e in DATA.events]
    assert [r.link for r in group.events] == [f"../events/{i}.md" for i in sorted(DEATH, key=position.index)]
    assert [(n.first, n.second) for n in group.notes] == [(1, 2), (1, 3), (2, 3)]  # each linked pair once
    assert report_groups(CTX, "entities/nong-rong.md", DATA.events_of("nong-rong")) == ()
    (once,) = report_groups(
        CTX, "topics/crackdown.md", DATA.events_of("crackdown")
    )  # three events, one group
    assert len(once.events) == 3


def test_a_topic_digest_holds_every_figure_and_disagreement_of_its_events_attributed():
    events = DATA.events_by_topic["crackdown"]
    digest = topic_digest(CTX, "topics/crackdown.md", events)
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
    assert around["crackdown"].previous is None
    assert around["crackdown"].next is not None and around["crackdown"].next.link == "operation-1027.md"
    assert (
        around["operation-1027"].previous is not None
        and around["operation-1027"].previous.label == DATA.entities["crackdown"].name
    )
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
    order = ("scam-industry", person, "crackdown")
    ctx = Context.of(DATA, SiteInfo(storylines=order))
    topics = [e.id for e in story_order(ctx) if e.kind == "topic"]
    cards = [
        card.link.removesuffix(".md").removeprefix("topics/")
        for card in storyline_views(ctx, "index.md", order)
    ]
    assert cards == topics
    assert topics[:2] == ["scam-industry", "crackdown"] and person not in cards


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
