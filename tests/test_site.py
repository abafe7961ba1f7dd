"""End to end: the real site, built for a sub-path, read as HTML."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import REPO, REPO_URL, SITE_URL, real_dataset
from htmlscan import broken_links, event_refs, foreign_loads, page_of, scan

pytestmark = pytest.mark.build

DATA = real_dataset()
SUB_PATH = urlsplit(SITE_URL).path  # "/repo/"


def test_every_event_appears_exactly_once_on_the_timeline(built_site: Path):
    ids = scan(built_site / "timeline" / "index.html").ids
    assert {e.id: ids.count(e.id) for e in DATA.events} == {e.id: 1 for e in DATA.events}


def test_the_timeline_has_as_many_events_as_there_are_event_files(built_site: Path):
    timeline = (built_site / "timeline" / "index.html").read_text()
    assert (
        timeline.count('class="tl-event"') == len(list((REPO / "events").glob("*.yml"))) == len(DATA.events)
    )


def test_every_event_appears_once_in_each_of_its_topic_and_entity_pages(built_site: Path):
    wrong = []
    for event in DATA.events:
        for folder, ids in (("topics", event.topics), ("entities", event.entities)):
            for entity_id in ids:
                # In the list of events (the digest and related reports below it link events too).
                links = event_refs((built_site / folder / entity_id / "index.html").read_text())
                count = sum(link.endswith(f"events/{event.id}/") for link in links)  # its own page
                if count != 1:
                    wrong.append((event.id, entity_id, count))
    assert wrong == []


def test_the_search_index_is_built_in_chunks_and_no_whole_index_is_sent(built_site: Path):
    bundle = built_site / "pagefind"
    assert (bundle / "pagefind-entry.json").is_file() and (bundle / "pagefind-ui.js").is_file()
    assert len(list((bundle / "index").iterdir())) >= 1 and len(list((bundle / "fragment").iterdir())) > 40
    assert not (built_site / "search" / "search_index.json").exists()  # MkDocs' whole-site index is gone


def test_every_internal_link_and_anchor_resolves_under_the_sub_path(built_site: Path):
    assert broken_links(built_site, SUB_PATH) == []


def test_no_page_loads_anything_from_another_host(built_site: Path):
    assert foreign_loads(built_site) == []


def test_pages_are_published_under_the_sub_path(built_site: Path):
    sitemap = (built_site / "sitemap.xml").read_text()
    assert f"{SITE_URL}timeline/" in sitemap
    assert (
        f'<link rel="canonical" href="{SITE_URL}timeline/">'
        in (built_site / "timeline/index.html").read_text()
    )


@pytest.mark.parametrize(
    ("page", "edit"),
    [
        ("entities/nong-rong.md", "entities/nong-rong.yml"),
        ("topics/crackdown.md", "entities/crackdown.yml"),
        ("sources/occrp-2023-11-24-31000-scammers.md", "sources/occrp-2023-11-24-31000-scammers.yml"),
        ("index.md", "docs/index.md"),
        ("methodology.md", "docs/methodology.md"),
    ],
)
def test_edit_links_point_at_the_file_behind_the_page(built_site: Path, page: str, edit: str):
    assert scan(page_of(built_site, page)).edit_links == [f"{REPO_URL}/edit/main/{edit}"]


def test_pages_built_from_many_files_have_no_edit_link(built_site: Path):
    for page in ("timeline.md", "figures.md", "entities/index.md"):
        assert scan(page_of(built_site, page)).edit_links == []


def test_the_home_page_fills_in_the_storylines_and_figures_from_the_data(built_site: Path):
    home = (built_site / "index.html").read_text()
    assert f"in {len(DATA.events)} events" in home
    assert "<!-- data:" not in home
    for topic in ("crackdown", "operation-1027", "chiang-mai-centre"):
        assert f'href="topics/{topic}/"' in home
    assert "more than 31,000 suspects" in home and "41,000 suspects" in home


def test_every_disagreement_is_stated_on_the_figures_page(built_site: Path):
    figures = (built_site / "figures" / "index.html").read_text()
    for event in DATA.events:
        for disagreement in event.disagreements:
            assert html.escape(disagreement.about, quote=False) in figures


def test_every_page_has_link_preview_tags_with_its_own_description(built_site: Path):
    descriptions = set()
    for page in (
        "",
        "timeline/",
        "entities/nong-rong/",
        "sources/occrp-2023-11-24-31000-scammers/",
        "figures/",
    ):
        head = (built_site / page / "index.html").read_text().split("</head>")[0]
        for tag in ("og:title", "og:description", "og:url", "twitter:card", "twitter:description"):
            assert f'"{tag}"' in head, (page, tag)
        start = head.index('property="og:description" content="') + len('property="og:description" content="')
        descriptions.add(head[start : head.index('"', start)])
    assert len(descriptions) == 5


def test_json_ld_describes_the_timeline_and_each_entity(built_site: Path):
    timeline = scan(built_site / "timeline" / "index.html").data_blocks
    (ld,) = [json.loads(block) for block in timeline]
    assert ld["@type"] == "ItemList" and len(ld["itemListElement"]) == len(DATA.events)
    assert ld["itemListElement"][0]["item"]["@type"] == "Event"
    (person,) = [
        json.loads(b) for b in scan(built_site / "entities" / "nong-rong" / "index.html").data_blocks
    ]
    assert (person["@type"], person["name"]) == ("Person", "Nong Rong")


def test_no_quote_is_shown_with_doubled_quotation_marks(built_site: Path):
    pages = [built_site / "timeline" / "index.html", built_site / "figures" / "index.html"]
    pages += sorted((built_site / "sources").glob("*/index.html"))
    events = sorted((built_site / "events").glob("*/index.html"))  # where the citations are
    doubled = {}
    for page in pages + events:
        text = html.unescape(re.sub(r"<script.*?</script>|<[^>]*>", "", page.read_text(), flags=re.S))
        if found := re.findall(r'.{0,30}["“”]{2}.{0,30}', text):
            doubled[page.parent.name] = found
    assert len(pages) == 2 + len(DATA.sources) and len(events) >= len(DATA.events)
    assert doubled == {}
    shown = "".join(page.read_text() for page in events)
    assert (
        '<mark>"With energetic cooperation' in shown
    )  # a passage that opens with a quotation keeps its one mark
