"""In a real Chromium: filters, search, citations, permalinks, phones, privacy, accessibility.

Screenshots of every page type, desktop and phone, go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import gzip
import json
from urllib.parse import quote_plus, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from browser import axe_violations, visible_events
from conftest import REPO, real_dataset
from timeline.data.paths import entity_page, event_page, page_address, source_page
from timeline.data.vocabulary import TOPIC
from timeline.site.wording import month_label

pytestmark = [pytest.mark.browser, pytest.mark.build]

DATA = real_dataset()
SHOTS = REPO / "test-artifacts" / "screenshots"
# The fullest page of each type, picked from the data: the event with the most citations,
# the topic and the other entity with the most events, the source cited most.
EVENT = max(DATA.events, key=lambda e: len(e.citations))
TOPIC_ = max((e for e in DATA.entities.values() if e.kind == TOPIC), key=lambda e: len(DATA.events_of(e.id)))
ENTITY = max((e for e in DATA.entities.values() if e.kind != TOPIC), key=lambda e: len(DATA.events_of(e.id)))
SOURCE = max(DATA.sources, key=lambda s: sum(s in e.sources for e in DATA.events))
PAGE_TYPES = {
    "home": "",
    "timeline": "timeline/",
    "event": page_address(event_page(EVENT.id)),
    "topic": page_address(entity_page(TOPIC_.id, TOPIC_.kind)),
    "entity": page_address(entity_page(ENTITY.id, ENTITY.kind)),
    "source": page_address(source_page(SOURCE)),
    "figures": "figures/",
    "topics-index": "topics/",
    "entities-index": "entities/",
    "sources-index": "sources/",
    "methodology": "methodology/",
    "open-data": "open-data/",
    "search": f"search/?q={quote_plus(ENTITY.name)}",
}
# For the filters: the topic with the fewest events, and a topic with an entity that
# narrows it without emptying it.
SMALL_TOPIC = min(
    (t for t in DATA.entities.values() if t.kind == TOPIC and DATA.events_of(t.id)),
    key=lambda t: len(DATA.events_of(t.id)),
).id
TOPIC_AND_ENTITY = next(
    (t.id, x)
    for t in sorted(DATA.entities.values(), key=lambda t: -len(DATA.events_of(t.id)))
    if t.kind == TOPIC
    for x in sorted({x for e in DATA.events_of(t.id) for x in e.entities})
    if 0 < sum(x in e.entities for e in DATA.events_of(t.id)) < len(DATA.events_of(t.id))
)
PERSON = min(
    (e for e in DATA.entities.values() if e.kind == "person" and DATA.events_of(e.id)),
    key=lambda e: len(DATA.events_of(e.id)),
)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=False)


# --- the timeline's filters ------------------------------------------------------------------


def test_filters_narrow_the_list_and_survive_a_reload(page: Page, base_url: str):
    page.goto(base_url + "timeline/")
    assert len(visible_events(page)) == len(DATA.events)
    page.select_option("select[name=topic]", SMALL_TOPIC)
    expected = [e.id for e in DATA.events_by_topic[SMALL_TOPIC]]
    assert visible_events(page) == expected
    assert f"topic={SMALL_TOPIC}" in page.url
    expect(page.locator("#tl-filter-status")).to_have_text(
        f"Showing {len(expected)} of {len(DATA.events)} events."
    )
    page.reload()
    assert visible_events(page) == expected
    assert page.input_value("select[name=topic]") == SMALL_TOPIC
    shoot(page, "timeline-filtered-desktop")


def test_filters_combine_and_clear(page: Page, base_url: str):
    topic, entity = TOPIC_AND_ENTITY
    page.goto(base_url + f"timeline/?topic={topic}&entity={entity}")
    both = [e for e in DATA.events_by_topic[topic] if entity in e.entities]
    assert visible_events(page) == [e.id for e in both]
    page.select_option("select[name=entity]", "")
    kind = DATA.entities[entity].kind
    page.select_option("select[name=kind]", kind)
    of_kind = [
        e.id for e in DATA.events_by_topic[topic] if any(DATA.entities[x].kind == kind for x in e.entities)
    ]
    assert visible_events(page) == of_kind
    assert f"kind={kind}" in page.url and "entity=" not in page.url
    page.click("#tl-filters button[type=reset]")
    expect(page.locator("#tl-filter-status")).to_have_text(f"Showing all {len(DATA.events)} events.")
    assert len(visible_events(page)) == len(DATA.events)
    assert "?" not in page.url


def test_filters_hide_empty_year_and_month_headings(page: Page, base_url: str):
    """Only the headings of the years and months that hold one of the topic's events stay."""
    topic = SMALL_TOPIC
    page.goto(base_url + f"timeline/?topic={topic}")
    visible_headings = page.eval_on_selector_all(
        ".md-content h2:not([hidden]), .md-content h3:not([hidden])", "els => els.map(e => e.id)"
    )
    wanted: list[str] = []
    for event in DATA.events_by_topic[topic]:
        for heading in (str(event.date.start.earliest.year), month_label(event).lower().replace(" ", "-")):
            wanted += [] if heading in wanted else [heading]
    assert visible_headings == wanted
    all_years = {str(e.date.start.earliest.year) for e in DATA.events}
    assert len(visible_headings) < len(all_years) + len({month_label(e) for e in DATA.events})


def test_filters_are_usable_by_keyboard(page: Page, base_url: str):
    page.goto(base_url + "timeline/")
    page.focus("select[name=topic]")
    page.keyboard.press("ArrowDown")  # the first topic
    first_topic = page.input_value("select[name=topic]")
    assert first_topic
    assert visible_events(page) == [e.id for e in DATA.events_by_topic[first_topic]]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "kind"


def test_without_javascript_the_timeline_is_complete_and_has_no_dead_controls(
    browser: Browser, base_url: str
):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(base_url + "timeline/")
    assert page.locator(".tl-event").count() == len(DATA.events)
    assert not page.locator("#tl-filters").is_visible()
    # each entry's source markers are plain links to its page's passages
    sources = sum(len({c.source for c in e.citations}) for e in DATA.events)
    assert page.locator(".tl-event .tl-ref").count() == sources
    context.close()


# --- search, citations, permalinks -------------------------------------------------------------


def test_search_for_a_persons_name_lands_on_the_event_page(page: Page, base_url: str):
    event = DATA.events_of(PERSON.id)[0]
    page.goto(base_url + "search/")
    page.get_by_label("Search the timeline").click()
    page.keyboard.type(PERSON.name)
    result = page.locator(f"#tl-search-results a[href$='/events/{event.id}/']")
    expect(result.first).to_be_visible(timeout=10_000)
    shoot(page, "search-desktop")
    result.first.click()
    page.wait_for_url(f"**/events/{event.id}/")
    expect(page.locator("h1")).to_contain_text(event.title)


# Pagefind's own API in the search page, ranked as the page ranks: each result's address.
PAGEFIND_URLS = """async ([query, count]) => {
    const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
    await pagefind.options({ ranking: { pageLength: 0 } });  // as the search page does
    const search = await pagefind.search(query);
    const results = await Promise.all(search.results.slice(0, count).map(r => r.data()));
    return results.map(r => r.url);
}"""


def test_every_event_is_found_by_its_title_in_the_first_three(page: Page, base_url: str):
    page.goto(base_url + "search/")
    missing = []
    for event in DATA.events:
        urls = page.evaluate(PAGEFIND_URLS, [event.title, 3])
        if not any(url.endswith(f"/events/{event.id}/") for url in urls):
            missing.append((event.id, urls))
    assert missing == []


def test_an_event_is_one_result_and_interface_text_is_not_indexed(page: Page, base_url: str):
    """The pages that list events leave them to the event's page; "Data last changed", on
    every generated page, and the date's working on every event page find none of them
    (hand-written prose may use the words)."""
    event = DATA.events[len(DATA.events) // 2]
    page.goto(base_url + "search/")
    anchors = page.evaluate(
        """async (query) => {
            const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
            const search = await pagefind.search(query);
            const results = await Promise.all(search.results.map(r => r.data()));
            return results.flatMap(r => r.sub_results.map(s => s.url));
        }""",
        event.title,
    )
    assert any(f"/events/{event.id}/" in url for url in anchors)
    assert not [url for url in anchors if url.endswith(f"#{event.id}")]  # the timeline's entry
    generated = ("/events/", "/timeline/", "/topics/", "/entities/", "/sources/", "/figures/")
    changed = page.evaluate(PAGEFIND_URLS, ["Data last changed", 100])
    assert not [url for url in changed if any(part in url for part in generated)], changed
    worked_out = page.evaluate(PAGEFIND_URLS, ["How the date was worked out", 100])
    assert not [url for url in worked_out if "/events/" in url], worked_out


@pytest.mark.parametrize(("written", "value"), [("31000", 31000), ("31,000", 31000), ("41 000", 41000)])
def test_a_number_is_found_however_it_is_written(page: Page, base_url: str, written: str, value: int):
    reporting = {f.event for e in DATA.events for f in e.figures if f.value == value}
    assert reporting  # the real data reports these numbers handed over
    page.goto(base_url + "search/")
    urls = page.evaluate(PAGEFIND_URLS, [written, 5])
    assert any(url.rstrip("/").rsplit("/", 1)[-1] in reporting for url in urls), urls


def test_events_come_first_with_their_dates_and_more_results_loads_more(page: Page, base_url: str):
    page.goto(base_url + "search/?q=China")
    results = page.locator("#tl-search-results > li.tl-search-result")
    expect(results.first).to_be_visible(timeout=10_000)
    first = results.count()
    expect(results.first.locator(".tl-search-date")).not_to_be_empty()
    assert "/events/" in (results.first.locator("a").first.get_attribute("href") or "")
    more = page.get_by_role("button", name="More results")
    expect(more).to_be_visible()
    more.click()
    expect(results).to_have_count(min(2 * first, first + 10), timeout=10_000)
    assert first > 5


def test_a_search_that_finds_nothing_suggests_close_titles_and_names(page: Page, base_url: str):
    page.goto(base_url + "search/?q=Kokanq+zzzqqq")
    expect(page.locator("#tl-search-status")).to_have_text("No results for Kokanq zzzqqq.", timeout=10_000)
    suggestions = page.locator(".tl-search-suggest a")
    expect(suggestions.first).to_be_visible()
    assert 0 < suggestions.count() <= 5
    assert "Kokang" in suggestions.first.inner_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_results_and_suggestions(browser: Browser, base_url: str, scheme: str):
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + "search/?q=China")
    expect(page.get_by_role("button", name="More results")).to_be_visible(timeout=10_000)
    found = axe_violations(page)
    page.goto(base_url + "search/?q=Kokanq+zzzqqq")
    expect(page.locator(".tl-search-suggest a").first).to_be_visible(timeout=10_000)
    none = axe_violations(page)
    context.close()
    assert found == none == [], json.dumps(found + none, indent=1)


@pytest.mark.parametrize("width", [1280, 390])
def test_search_results_fit_the_screen_and_show_their_dates(browser: Browser, base_url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900 if width > 400 else 844})
    page = context.new_page()
    page.goto(base_url + PAGE_TYPES["search"])
    results = page.locator("#tl-search-results > li.tl-search-result")
    expect(results.first).to_be_visible(timeout=10_000)
    listed = results.evaluate_all(
        """all => all.map(r => [r.querySelector('a').getAttribute('href').includes('/events/'),
                             (r.querySelector('.tl-search-date') || {}).textContent || ''])"""
    )
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    shoot(page, f"search-results-{width}")
    context.close()
    assert widths[0] <= widths[1]
    kinds = [is_event for is_event, _ in listed]
    assert kinds[0] and kinds == sorted(kinds, reverse=True)  # events first
    assert all(date.strip() for is_event, date in listed if is_event)


def served_size(body: bytes) -> int:
    """Bytes on the wire as GitHub Pages sends them: gzipped, unless that does not help
    (Pagefind's index chunks are compressed already)."""
    return min(len(body), len(gzip.compress(body, 6)))


def test_one_query_downloads_a_small_part_of_the_index(page: Page, base_url: str):
    sizes: dict[str, int] = {}
    page.on(
        "response",
        lambda r: sizes.__setitem__(r.url, served_size(r.body())) if "/pagefind/" in r.url else None,
    )
    page.goto(base_url + "search/?q=handed+over")
    expect(page.locator("#tl-search-results li").first).to_be_visible(timeout=10_000)
    page.wait_for_load_state("networkidle")
    assert 0 < sum(sizes.values()) <= 300_000, sizes  # the budget for one query
    assert any("/pagefind/index/" in url for url in sizes) and any("/fragment/" in url for url in sizes)


def test_a_citation_link_reaches_the_source_page(page: Page, base_url: str):
    event = DATA.events[-1]
    source = DATA.sources[event.citations[0].source]
    page.goto(base_url + "timeline/")
    page.locator(f".tl-event[data-event='{event.id}'] .tl-ref").first.click()  # to the event's page
    page.wait_for_url(f"**/events/{event.id}/#source-1")
    page.locator("#source-1 a", has_text=source.cited_as).first.click()
    if source.confirmed is None:  # it opens the section that says the text is not confirmed
        page.wait_for_url(f"**/sources/{source.id}/#confirmation")
        expect(page.locator("#confirmation")).to_contain_text("Not yet checked against the published article")
        expect(page.locator("#confirmation")).to_be_in_viewport()
    else:
        page.wait_for_url(f"**/sources/{source.id}/")
    expect(page.locator("h1")).to_contain_text(source.title)
    expect(page.locator(f"a[href$='events/{event.id}/']").first).to_be_visible()  # to the event's own page


def test_a_permalink_opens_the_event_in_view(page: Page, base_url: str):
    event = DATA.events[len(DATA.events) // 2]
    page.goto(base_url + f"timeline/#{event.id}")
    heading = page.locator(f"[id='{event.id}']")
    expect(heading).to_be_in_viewport()
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < DESKTOP["height"] / 2
    expect(heading).to_contain_text(event.title)


def test_the_timeline_prints_without_controls_and_with_every_event(page: Page, base_url: str):
    page.goto(base_url + "timeline/")
    page.emulate_media(media="print")
    assert not page.locator("#tl-filters").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".tl-event:visible").count() == len(DATA.events)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1]
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000


# --- every page type ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_horizontal_scrolling_on_a_phone(browser: Browser, base_url: str, kind: str):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + PAGE_TYPES[kind])
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    shoot(page, f"{kind}-phone")
    context.close()
    assert widths[0] <= widths[1], f"{kind}: page is {widths[0]}px wide in a {widths[1]}px viewport"


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_request_leaves_the_sites_origin(page: Page, base_url: str, kind: str):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base_url + PAGE_TYPES[kind], wait_until="networkidle")
    shoot(page, f"{kind}-desktop")
    foreign = [url for url in requests if not url.startswith((origin, "data:", "blob:"))]
    assert foreign == []
    assert requests


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_no_accessibility_violations(browser: Browser, base_url: str, kind: str, scheme: str):
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + PAGE_TYPES[kind])
    violations = axe_violations(page)
    if kind in ("timeline", "home"):
        shoot(page, f"{kind}-{scheme}")
    context.close()
    assert violations == [], json.dumps(violations, indent=1)
