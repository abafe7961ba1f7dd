"""Each event's own page: the whole record, each quote in its context in the archived
article, its place in story order, its own head and structured data; the timeline links it."""

from __future__ import annotations

import html
import json
import re
import shutil
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, expect

from browser import axe_violations
from conftest import (
    SITE_URL,
    copy_site_sources,
    make_project,
    mkdocs_build,
    real_dataset,
    without_citations,
)
from timeline.data.model import Account, Disagreement
from timeline.data.paths import event_page, page_address
from timeline.data.quotes import Archive, Place
from timeline.rules.project import validate
from timeline.site.eventpage import passage
from timeline.site.info import SiteInfo
from timeline.site.pages import timeline_data
from timeline.site.periods import shard_of
from timeline.site.search import number_forms, search_names
from timeline.site.views import Context, differ_anchors
from timeline.tools.browser import serve

ARCHIVE_URL = "https://web.archive.org/web/2024/https://tribune.net.ph/2024/01/over-40000"
pytestmark = pytest.mark.build

REAL = real_dataset()
A4_WIDTH = 794  # CSS pixels across an A4 page at 96 dpi
FORMER = "2023-cctv-handover"  # the id the fixture's event had before it was renamed
DETAILS = "The Daily Tribune adds that CCTV gave the *41,000* in its evening news."


def test_a_quote_is_found_in_the_text_as_archived_with_its_lines():
    text = "Headline\n\nOne “said” 31,000  suspects. Two – three…\nNext line here.\n"
    archive = Archive.of(text, [1])
    place = archive.locate('"said" 31,000 suspects')
    assert place is not None
    assert (place.first_line, place.last_line) == (3, 3)
    assert place.text[place.start : place.end] == "“said” 31,000  suspects"
    across = archive.locate("Two - three... Next line")
    assert across is not None and (across.first_line, across.last_line) == (3, 4)
    assert archive.locate("not there at all") is None
    assert archive.locate("Headline") is None  # not the article body


def test_the_context_is_the_sentence_around_the_quote_and_one_more_each_side():
    line = "First one. Second one. Third has the quote in it, “then more.” Fourth. Fifth."
    start = line.index("the quote")
    shown = passage(Place(7, 7, line, start, start + len("the quote")))
    assert (shown.before, shown.quote, shown.lines) == ("Second one. Third has ", "the quote", "line 7")
    assert shown.after == " in it, “then more.” Fourth."


def test_a_long_context_is_cut_on_a_word_with_an_ellipsis():
    line = "word " * 200 + "the quote" + " word" * 200
    start = line.index("the quote")
    shown = passage(Place(1, 2, line, start, start + 9))
    assert shown.before.startswith("…word") and len(shown.before) <= 282
    assert shown.after.endswith("word…") and shown.lines == "lines 1–2"


def test_each_disagreement_gets_a_stable_anchor_unique_on_the_page():
    accounts = (Account("a", "one", "words"), Account("b", "two", "other words"))
    about = ("The count", "the count!", "<b>", "")
    event = replace(
        REAL.events[0], disagreements=tuple(Disagreement(a, "number", True, accounts) for a in about)
    )
    assert list(differ_anchors(event)) == [
        "differ-the-count",
        "differ-the-count-2",
        "differ-b",
        "differ-point",
    ]


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base fixture's data, built by the real site: one event with details, and its
    source with an archived copy."""
    root = copy_site_sources(tmp_path_factory.mktemp("events") / "project")
    for folder in ("events", "entities", "sources"):
        shutil.rmtree(root / folder)
    make_project(root)
    event = root / "events" / "handover.yml"
    event.write_text(event.read_text() + f"details: {json.dumps(DETAILS)}\nformer_ids: [{FORMER}]\n")
    source = root / "sources" / "tribune.yml"
    source.write_text(source.read_text() + f"archive_url: {ARCHIVE_URL}\n")
    home = root / "docs" / "index.md"
    text = re.sub(
        r"<!-- data:storylines [a-z0-9 -]+ -->",
        "<!-- data:storylines crackdown -->",
        without_citations(home.read_text()),
    )
    text = re.sub(
        r"<!-- data:(numbers|figures) [a-z0-9 -]+ -->", r"<!-- data:\1 suspects-handed-over -->", text
    )
    home.write_text(text)
    done = mkdocs_build(
        root,
        root / "site",
        SITE_URL="https://example.org/repo/",
        SITE_REPO_URL="https://github.com/example/timeline",
        SITE_EDIT_URI="edit/main/",
    )
    assert done.returncode == 0, done.stderr
    return root / "site"


def read(site: Path, event_id: str) -> str:
    return (site / "events" / event_id / "index.html").read_text(encoding="utf-8")


def test_an_event_page_has_its_own_title_description_preview_and_structured_data(fixture_site: Path):
    page = read(fixture_site, "handover")
    title = "CCTV says 41,000 suspects were handed over in 2023"
    assert f"<title>{title} - " in page
    summary = "China's state broadcaster CCTV said 41,000 suspects were handed over in 2023."
    head = summary.replace("'", "’")  # the head's text uses look-alikes for markup characters
    assert f'<meta name="description" content="{head}"' in page
    assert f'<meta property="og:title" content="{title} · ' in page
    assert f'<meta property="og:description" content="{head}"' in page
    assert '<meta property="og:url" content="https://example.org/repo/events/handover/"' in page
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert block is not None
    ld = json.loads(block.group(1))
    assert (ld["@type"], ld["name"], ld["description"]) == ("Event", title, summary)
    assert (ld["startDate"], ld["endDate"], ld["url"]) == (
        "2023-01-01",
        "2023-12-31",
        "https://example.org/repo/events/handover/",
    )


def test_an_event_page_shows_each_quote_in_its_context_with_its_line_and_links(fixture_site: Path):
    page = read(fixture_site, "handover")
    quote = re.search(r'<div class="tl-passage" id="source-1">(.*?)</div>', page, re.S)
    assert quote is not None
    text = html.unescape(quote.group(1))
    assert "line 5 of the archived text" in text
    # The quote starts its paragraph: the rest of its sentence follows, as archived.
    context = (
        '<p><mark>"With energetic cooperation[^<]*said CCTV</mark>, '
        "without offering details of their nationalities.</p>"
    )
    assert re.search(context, text)
    assert f'href="{ARCHIVE_URL}"' in text and ">Archived copy<" in text
    assert 'href="https://tribune.net.ph/2024/01/' in text and ">Original article<" in text
    assert 'href="../../sources/tribune/' in text


def test_an_event_page_has_the_details_date_basis_figures_and_entities(fixture_site: Path):
    page = html.unescape(read(fixture_site, "handover"))
    assert "<p>The Daily Tribune adds that CCTV gave the <em>41,000</em> in its evening news.</p>" in page
    assert '"in 2023", in an article of 2024-01-05' in page
    assert "41,000 suspects</strong> (in 2023), reported by" in page
    assert 'href="../../topics/crackdown/"' in page and 'href="../../entities/cctv/"' in page
    assert 'href="../../timeline/#handover"' in page


def test_an_event_page_links_its_neighbours_in_story_order_and_its_data_file(fixture_site: Path):
    data = validate(fixture_site.parent).dataset
    assert data is not None
    order = [e.id for e in data.events]  # the timeline's order
    assert len(order) == 3
    for at, event_id in enumerate(order):
        page = read(fixture_site, event_id)
        nav = re.search(r'<nav [^>]*class="tl-neighbours".*?</nav>', page, re.S)
        assert nav is not None
        links = re.findall(r'href="\.\./([^/"]+)/"', nav.group())
        assert links == [*order[max(at - 1, 0) : at], *order[at + 1 : at + 2]]
        assert f'href="https://github.com/example/timeline/edit/main/events/{event_id}.yml"' in page


def test_the_timeline_entry_title_links_to_the_event_page(fixture_site: Path):
    timeline = (fixture_site / "timeline/index.html").read_text()
    title = r'<h4 [^>]*id="handover"[^>]*><span class="tl-date">.*?</span> <a href="\.\./events/handover/">'
    assert re.search(title, timeline)


def test_a_former_id_forwards_to_the_event_page(fixture_site: Path):
    moved = (fixture_site / "events" / FORMER / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../handover/">' in moved
    assert '<a href="../handover/">CCTV says 41,000 suspects were handed over in 2023</a>' in moved


@pytest.mark.browser
def test_the_one_page_timeline_lands_a_former_id_on_its_event(browser: Browser, fixture_site: Path):
    """timeline/#<former-id> scrolls to the renamed event's entry and marks it as a
    permalink does; the old id is an empty anchor just before the entry."""
    context = browser.new_context(viewport={"width": 390, "height": 400})
    page = context.new_page()
    with serve(fixture_site, urlsplit(SITE_URL).path) as url:
        page.goto(f"{url}timeline/#{FORMER}")
        title = page.locator("h4#handover")
        expect(title).to_be_in_viewport()
        assert page.evaluate("window.scrollY") > 0  # the entry is the last: the page scrolled to it
        after = page.eval_on_selector(f'[id="{FORMER}"]', "e => e.parentNode.nextElementSibling.id")
        assert after == "handover"
        assert title.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"  # marked as a permalink
        page.goto(f"{url}timeline/#handover")
        assert title.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
        page.goto(f"{url}timeline/#ringleaders")
        assert title.evaluate("e => getComputedStyle(e).outlineStyle") == "none"  # only the target is marked
    context.close()


def test_the_split_timeline_forwards_a_former_id_to_the_event_page(tmp_path: Path):
    project = make_project(tmp_path / "project")
    event = project / "events" / "handover.yml"
    event.write_text(event.read_text() + f"former_ids: [{FORMER}]\n")
    data = validate(project).dataset
    assert data is not None
    ctx = Context.of(data, SiteInfo(events_per_page=1))
    maps = [json.loads(o.content) for o in timeline_data(ctx, {}) if "/pages/" in o.path]
    assert len(maps) == 3
    forwarded = {k: v for m in maps for k, v in m.items()}
    assert forwarded[FORMER] == "../events/handover"
    assert maps[shard_of(FORMER, 3)][FORMER] == "../events/handover"  # where the script looks
    assert forwarded["handover"].startswith("2023")  # a current id still leads to its period


# What does not fit, on paper: the page wider than the sheet, a box that hides or scrolls
# part of its text, a section folded away, a part of the article hidden by the print styles.
CUT_OFF = """() => {
  const article = document.querySelector("article");
  const clipped = [...article.querySelectorAll("*")].filter(e => {
    const s = getComputedStyle(e);
    return /hidden|auto|scroll|clip/.test(s.overflowX + s.overflowY)
      && (e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1);
  }).map(e => e.tagName + "." + e.className);
  const hidden = [...article.querySelectorAll("h2, p, li, blockquote, figure, table, .tl-passage")]
    .filter(e => !e.checkVisibility() && !e.closest(".tl-sr-only, [hidden], .md-source-file"))
    .map(e => e.tagName + ": " + e.textContent.trim().slice(0, 40));
  return {
    wide: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    folded: article.querySelectorAll("details:not([open])").length,
    clipped, hidden,
    passages: article.querySelectorAll(".tl-passage").length,
  };
}"""


@pytest.mark.browser
def test_every_event_page_prints_whole(browser: Browser, base_url: str):
    context = browser.new_context(viewport={"width": A4_WIDTH, "height": 1123})
    page = context.new_page()
    page.emulate_media(media="print")
    cut = {}
    for event in REAL.events:
        page.goto(base_url + page_address(event_page(event.id)))
        found = page.evaluate(CUT_OFF)
        if found["passages"] < len(event.citations) or any(
            found[k] for k in ("wide", "folded", "clipped", "hidden")
        ):
            cut[event.id] = found
    context.close()
    assert cut == {}


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_any_event_page(browser: Browser, base_url: str, scheme: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found = {}
    for event in REAL.events:
        page.goto(base_url + page_address(event_page(event.id)))
        found[event.id] = axe_violations(page)
    context.close()
    assert {k: v for k, v in found.items() if v} == {}
    assert len(found) == len(REAL.events)


def test_a_number_is_indexed_in_every_form_readers_write_it():
    assert number_forms(31000) == ("31000", "31,000", "31 000")
    assert number_forms(1234567) == ("1234567", "1,234,567", "1 234 567")
    assert number_forms(63) == ("63",)


def test_an_empty_search_suggests_from_every_event_title_and_entity_name(dataset):
    names = json.loads(search_names(dataset).content)
    assert [n for n, _ in names[: len(dataset.events)]] == [e.title for e in dataset.events]
    addresses = dict(map(tuple, names))
    some = next(iter(dataset.entities.values()))
    assert addresses[some.name].endswith(f"/{some.id}/") and ".md" not in addresses[some.name]
    assert addresses[dataset.events[0].title] == f"events/{dataset.events[0].id}/"
