"""The filters as a disclosure on a phone, in a real Chromium on the built site: at 390 px
the form is one row, a button "Filter events" that says how many filters are on, closed
until the reader opens it; at 1280 px the menus are one row, shown without a click. Nothing
moves while the page loads, and axe finds nothing, open or closed, in either scheme.

Before the form folded, the first entry of the timeline started 1,410 px down at 390 px
(the open form took 292 px); with it closed, 1,153 px (the form 35).
Screenshots go to test-artifacts/screenshots/filters-*.png.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from browser import axe_violations, visible_events
from conftest import REPO, real_dataset

pytestmark = [pytest.mark.browser, pytest.mark.build]

DATA = real_dataset()
SHOTS = REPO / "test-artifacts" / "screenshots"
TOPIC = "chiang-mai-centre"
TOGGLE = "#tl-filters .tl-filter-toggle"
SELECTS = "#tl-filters select"
FIRST_ENTRY_TOP = "document.querySelector('.tl-event-title').getBoundingClientRect().top + window.scrollY"
# Adds up the page's layout shifts from its first moment (what Lighthouse's CLS adds up).
WATCH_SHIFTS = """window.__shifted = 0;
new PerformanceObserver(list => list.getEntries().forEach(e => { window.__shifted += e.value; }))
    .observe({type: 'layout-shift', buffered: true});"""


def open_page(browser: Browser, width: int, url: str, scheme: str = "light") -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(url)
    return page


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Page]:
    page = open_page(browser, 390, base_url + "timeline/")
    yield page
    page.context.close()


def line_count(page: Page, selector: str) -> float:
    return page.eval_on_selector(
        selector, "e => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)"
    )


def test_on_a_phone_the_filters_are_one_closed_row_above_the_first_entry(phone: Page):
    toggle = phone.locator(TOGGLE)
    expect(toggle).to_have_text("Filter events")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    for select in phone.locator(SELECTS).all():
        expect(select).to_be_hidden()
    form = phone.locator("#tl-filters").bounding_box()
    assert form is not None and form["height"] <= 50, form  # one row: the button (292 px open before)
    closed = phone.evaluate(FIRST_ENTRY_TOP)
    phone.locator("#tl-filters").scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=SHOTS / "filters-phone-closed.png")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(phone.locator("select[name=topic]")).to_be_visible()
    expect(phone.locator("#tl-filter-status")).to_have_text(f"Showing all {len(DATA.events)} events.")
    assert phone.evaluate(FIRST_ENTRY_TOP) - closed >= 200  # what the closed form saves
    rights = phone.eval_on_selector_all(SELECTS, "els => els.map(e => e.getBoundingClientRect().right)")
    assert max(rights) <= 390 - 16, rights  # within the page's margin, however long an option
    phone.screenshot(path=SHOTS / "filters-phone-open.png")
    assert line_count(phone, ".tl-intro") <= 3


def test_on_a_phone_choosing_a_topic_filters_and_the_button_counts_the_filters_on(phone: Page):
    toggle = phone.locator(TOGGLE)
    toggle.click()
    phone.select_option("select[name=topic]", TOPIC)
    assert visible_events(phone) == [e.id for e in DATA.events_by_topic[TOPIC]]
    expect(toggle).to_have_text("Filter events (1 on)")
    phone.select_option("select[name=kind]", "place")
    expect(toggle).to_have_text("Filter events (2 on)")
    toggle.click()  # closed again: the button still says so, and the events stay filtered
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(phone.locator("select[name=topic]")).to_be_hidden()
    expect(toggle).to_have_text("Filter events (2 on)")
    assert 0 < len(visible_events(phone)) <= len(DATA.events_by_topic[TOPIC])


def test_on_a_phone_filters_in_the_address_are_counted_on_the_closed_button(browser: Browser, base_url: str):
    page = open_page(browser, 390, f"{base_url}timeline/?topic={TOPIC}&entity=thailand")
    expect(page.locator(TOGGLE)).to_have_text("Filter events (2 on)")
    expect(page.locator(TOGGLE)).to_have_attribute("aria-expanded", "false")
    both = [e.id for e in DATA.events_by_topic[TOPIC] if "thailand" in e.entities]
    assert visible_events(page) == both
    page.context.close()


def test_on_a_wide_screen_the_menus_are_one_row_shown_without_a_click(browser: Browser, base_url: str):
    page = open_page(browser, 1280, base_url + "timeline/")
    expect(page.locator(TOGGLE)).to_be_hidden()
    controls = page.locator(f"{SELECTS}, #tl-filters button[type=reset]")
    boxes = [box for box in (c.bounding_box() for c in controls.all()) if box is not None]
    assert len(boxes) == 4 and all(box["width"] > 100 for box in boxes)
    bottoms = [box["y"] + box["height"] for box in boxes]
    assert max(bottoms) - min(bottoms) <= 4, bottoms  # side by side, in one row
    assert line_count(page, ".tl-intro") <= 3
    page.select_option("select[name=topic]", TOPIC)
    assert visible_events(page) == [e.id for e in DATA.events_by_topic[TOPIC]]
    page.locator("#tl-filters").scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / "filters-desktop.png")
    page.context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_nothing_moves_while_the_timeline_loads(browser: Browser, base_url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.add_init_script(WATCH_SHIFTS)
    page.goto(base_url + "timeline/", wait_until="networkidle")
    shifted = page.evaluate("window.__shifted")
    context.close()
    assert shifted == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_the_filters_closed_or_open(browser: Browser, base_url: str, scheme: str):
    page = open_page(browser, 390, base_url + "timeline/", scheme)
    closed = axe_violations(page)
    page.click(TOGGLE)
    opened = axe_violations(page)
    page.context.close()
    wide = open_page(browser, 1280, base_url + "timeline/", scheme)
    desktop = axe_violations(wide)
    wide.context.close()
    assert closed == opened == desktop == [], json.dumps([closed, opened, desktop], indent=1)
