"""Every page stays within its budget however many events list on it.

A generated project of 2,000 events that all cite one source and share one topic and one
place is built with MkDocs: a page that listed all of them (the source's "events that cite
it", the topic's digest) would pass the budgets at about this size, so every such list
must go on to further pages. Sizes are asserted, never times.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from conftest import REPO, mkdocs_build, real_dataset
from timeline.data.paths import ENTITIES_INDEX, SOURCES_INDEX, TIMELINE
from timeline.data.vocabulary import TOPIC
from timeline.site import listings
from timeline.site.digest import story_order
from timeline.site.info import SiteInfo
from timeline.site.pages import index_pages
from timeline.site.views import Context
from timeline.tools.synthetic import make_site_project

EVENTS = 2_000
MAX_RAW = 1_000_000  # bytes of a page's HTML
MAX_GZIPPED = 100_000  # bytes of the same, gzipped as a web server sends it
MAX_TOKENS = 65_536  # the most token positions Zensical indexes in one search field
MAX_FRAGMENT = 100_000  # bytes of the text Pagefind sends for one search result


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The built site of the concentrated project, and the project."""
    folder = tmp_path_factory.mktemp("crowded")
    project = make_site_project(folder / "project", EVENTS, REPO, cards=False, concentrated=True)
    done = mkdocs_build(project, folder / "site")
    assert done.returncode == 0, done.stderr[-2_000:]
    return folder / "site", project


@pytest.mark.build
def test_the_project_concentrates_every_event_on_one_source_topic_and_place(crowded: tuple[Path, Path]):
    _, project = crowded
    (source,) = (project / "sources").glob("*.yml")
    events = list((project / "events").glob("*.yml"))
    assert len(events) == EVENTS
    assert all(f"source: {source.stem}\n" in e.read_text() for e in events)


@pytest.mark.build
def test_no_page_outgrows_its_budget(crowded: tuple[Path, Path]):
    site, _ = crowded
    over = []
    for page in site.rglob("*.html"):
        raw = page.read_bytes()
        if len(raw) > MAX_RAW or len(gzip.compress(raw, 6)) > MAX_GZIPPED:
            over.append((str(page.relative_to(site)), len(raw)))
    assert over == []


@pytest.mark.build
def test_the_long_lists_go_on_to_further_pages_that_still_name_every_event(crowded: tuple[Path, Path]):
    site, project = crowded
    (source,) = (project / "sources").glob("*.yml")
    pages = [
        site / "sources" / source.stem / "index.html",
        *(site / "sources" / source.stem).glob("*/index.html"),
    ]
    assert len(pages) > 1
    linked = {h for p in pages for h in _event_links(p.read_text())}
    assert linked == {e.stem for e in (project / "events").glob("*.yml")}
    assert "Citations 1–100 of" in pages[0].read_text()


@pytest.mark.build
def test_no_search_record_outgrows_what_an_engine_indexes(crowded: tuple[Path, Path]):
    site, _ = crowded
    fragments = list((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert len(fragments) > EVENTS  # a record for each event's page, at least
    over = []
    for fragment in fragments:
        text = gzip.decompress(fragment.read_bytes())
        record = json.loads(text[text.index(b"{") :])
        if record["word_count"] > MAX_TOKENS or len(text) > MAX_FRAGMENT:
            over.append((record["url"], record["word_count"], len(text)))
    assert over == []


def test_a_long_index_goes_on_to_further_pages_and_never_parts_a_child_from_its_parent():
    data = real_dataset()
    ctx = Context.of(data, SiteInfo(entries_per_index_page=3))
    pages = index_pages(ctx, story_order(ctx))
    entities = [o for o in pages if o.path.startswith(ENTITIES_INDEX.removesuffix(".md"))]
    sources = [o for o in pages if o.path.startswith(SOURCES_INDEX.removesuffix(".md"))]
    assert entities[0].path == ENTITIES_INDEX and len(entities) > 1
    assert len(sources) == -(-len(data.sources) // 3)
    listed = [line for o in entities for line in o.content.splitlines() if line.lstrip().startswith("- [")]
    assert len(listed) == sum(1 for e in data.entities.values() if e.kind != "topic")  # each once
    firsts = [
        next(line for line in o.content.splitlines() if line.lstrip().startswith("- [")) for o in entities
    ]
    assert all(line.startswith("- [") for line in firsts)  # a page opens with an entry, not a child
    assert all("Pages:" in o.content for o in [*entities, *sources])


def _event_links(html: str) -> set[str]:
    """The ids of the events a page links to their own pages."""
    return {part.split("/")[0] for part in html.split("../events/")[1:]}


def test_the_involving_menu_lists_the_most_involved_past_its_longest(monkeypatch: pytest.MonkeyPatch):
    """Past ENTITY_OPTIONS, the menu keeps the entities with the most events on the page and
    the parents they sit under, and says how many it leaves to the index."""
    monkeypatch.setattr(listings, "ENTITY_OPTIONS", 12)
    data = real_dataset()
    ctx = Context.of(data, SiteInfo())
    offered = listings.filters(ctx, TIMELINE, listings.filter_tree(ctx), data.events)
    listed = {o.value: o for _, options in offered.entity_groups for o in options}
    everyone = [e for e in data.entities.values() if e.kind != TOPIC]
    assert 0 < len(listed) <= 12 < len(everyone)
    assert offered.left_out == len(everyone) - len(listed) and offered.cut
    for entity_id in listed:  # each under its parent of the same kind, as in the index
        parent = data.entities.get(data.entities[entity_id].parent or "")
        assert parent is None or parent.kind != data.entities[entity_id].kind or parent.id in listed
    fewest = min(len(data.events_of(x)) for x, o in listed.items() if not o.covers)
    assert all(len(data.events_of(e.id)) <= fewest for e in everyone if e.id not in listed)


def test_the_involving_menu_offers_only_those_the_pages_events_involve():
    data = real_dataset()
    ctx = Context.of(data, SiteInfo())
    everyone = [e for e in data.entities.values() if e.kind != TOPIC]
    page = data.events[: len(data.events) // 3]
    offered = listings.filters(ctx, TIMELINE, listings.filter_tree(ctx), page)
    listed = [o for _, options in offered.entity_groups for o in options]
    assert listed and all(o.count > 0 for o in listed)  # a parent counts its parts' events
    involved = {x for e in page for x in e.entities}
    parents = {p for x in involved for p in listings.filter_tree(ctx).above.get(x, ())}
    assert involved <= {o.value for o in listed} <= involved | parents  # no one the page lacks
    assert offered.left_out == len(everyone) - len(listed)
    assert not offered.cut  # the menu's limit cut none of them


@pytest.mark.build
def test_no_timeline_page_offers_more_than_the_longest_menu(crowded: tuple[Path, Path]):
    site, project = crowded
    entities = [p for p in (project / "entities").glob("*.yml") if "\nkind: topic\n" not in p.read_text()]
    assert len(entities) > listings.ENTITY_OPTIONS  # enough for the menu to be cut
    for page in (site / "timeline").rglob("index.html"):
        html = page.read_text()
        menu = html[html.index('<select name="entity">') :]
        menu = menu[: menu.index("</select>")]
        offered = menu.count("<option") - 1  # less "Anyone, anywhere"
        assert offered <= listings.ENTITY_OPTIONS, page
        assert f"{len(entities) - offered:,} more are in" in html, page
