"""The timeline's event cards in Chromium: their height and weight, the disagreement
signal, the copy-link button, the permalink's highlight, touch targets and the print.

Screenshots of the cards go to test-artifacts/screenshots/ (cards-*.png, and the first
printed page).
"""

from __future__ import annotations

import math
import re
import statistics

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import REPO, real_dataset

pytestmark = [pytest.mark.browser, pytest.mark.build, pytest.mark.content]

DATA = real_dataset()
SHOTS = REPO / "test-artifacts" / "screenshots"
DIFFERING = [e for e in DATA.events if e.disagreements]
WIDTHS = {1280: 350, 390: 600}  # viewport width -> the most the median card may take, in px


def open_timeline(
    browser: Browser, base_url: str, width: int, scheme: str = "light", anchor: str = ""
) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + "timeline/" + anchor)
    return page


CARD_HEIGHTS = """() => [...document.querySelectorAll('.tl-event')].map(card => {
    const title = card.previousElementSibling;
    return card.getBoundingClientRect().bottom - title.getBoundingClientRect().top;
})"""


@pytest.mark.parametrize("width", WIDTHS)
def test_the_median_card_fits_its_height_budget(browser: Browser, base_url: str, width: int):
    page = open_timeline(browser, base_url, width)
    heights = page.evaluate(CARD_HEIGHTS)
    page.locator(".tl-event").nth(1).scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / f"cards-{width}.png")
    page.context.close()
    assert len(heights) == len(DATA.events)
    assert statistics.median(heights) <= WIDTHS[width], sorted(heights)


def test_a_card_is_light_on_elements_and_keeps_every_quote(page: Page, base_url: str):
    page.goto(base_url + "timeline/")
    counts = page.evaluate(
        """() => [...document.querySelectorAll('.tl-event')].map(card => 2
            + card.querySelectorAll('*').length + card.previousElementSibling.querySelectorAll('*').length)"""
    )
    # 35 before the cards were redone (and about 2,000 elements on the page, 1,800 after);
    # 28 then, and one more since each title links to the event's own page
    assert statistics.median(counts) <= 29, sorted(counts)
    quotes = page.locator(".tl-event .tl-citations li").all_text_contents()
    assert len(quotes) == sum(len(e.citations) for e in DATA.events)
    assert all(not re.search('["“”]{2}', quote) for quote in quotes)  # never a doubled mark


def test_citations_collapse_to_one_line_that_opens_to_the_quotes(page: Page, base_url: str):
    event = DATA.events[-1]
    page.goto(base_url + f"timeline/#{event.id}")
    citations = page.locator(f".tl-event[data-event='{event.id}'] .tl-citations")
    source = DATA.sources[event.citations[0].source]
    expect(citations.locator("summary")).to_contain_text(source.publisher)
    first = citations.locator("li").first
    expect(first).to_be_hidden()
    citations.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(first).to_be_visible()
    expect(first).to_contain_text(event.citations[0].quote.split()[-1])


# --- disagreement as the signal ------------------------------------------------------------------


def test_a_title_whose_sources_differ_is_marked_there_and_in_the_table_of_contents(page: Page, base_url: str):
    assert 0 < len(DIFFERING) < len(DATA.events)
    page.goto(base_url + "timeline/")
    marked = page.eval_on_selector_all(".tl-event-title:has(.tl-flag)", "els => els.map(e => e.id)")
    assert marked == [e.id for e in DIFFERING]
    for event in DIFFERING[:3]:
        toc = page.locator(f".md-sidebar--secondary a[href='#{event.id}']")
        assert toc.inner_text().endswith("⚠\ufe0e\xa0Sources\xa0differ")  # kept on one line
    flag = page.locator(f"[id='{DIFFERING[0].id}'] .tl-flag")
    assert flag.locator("[aria-hidden=true]").inner_text() == "⚠\ufe0e"  # the words are read, the sign is not


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_disagreement_box_stands_apart_from_the_citations(browser: Browser, base_url: str, scheme: str):
    event = DIFFERING[0]
    page = open_timeline(browser, base_url, 1280, scheme, f"#{event.id}")
    card = page.locator(f".tl-event[data-event='{event.id}']")
    box = card.locator(".tl-disagreement").first
    expect(box).to_contain_text("Sources differ:")
    style = """el => { const s = getComputedStyle(el);
        return [s.borderTopColor, s.borderTopWidth, s.borderLeftWidth]; }"""
    colour, width, left = box.evaluate(style)
    assert colour != card.locator(".tl-citations").evaluate(style)[0]
    assert float(width.removesuffix("px")) >= 2 and float(left.removesuffix("px")) >= 6
    box.scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / f"cards-disagreement-{scheme}.png")
    page.context.close()


# --- copy link and the permalink's target --------------------------------------------------------


def test_copy_link_copies_the_events_address_by_keyboard_and_says_so(browser: Browser, base_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + "timeline/?topic=crackdown")
    event = DATA.events_by_topic["crackdown"][0]
    buttons = page.locator(".tl-copy")
    expect(buttons).to_have_count(len(DATA.events))
    button = page.locator(f".tl-event[data-event='{event.id}'] .tl-copy")
    expect(button).to_have_accessible_name("Copy link")
    button.focus()
    page.keyboard.press("Enter")
    status = page.get_by_role("status").filter(has_text="Link copied")
    expect(status).to_have_count(1)
    assert status.get_attribute("aria-live") == "polite"
    assert page.evaluate("navigator.clipboard.readText()") == base_url + f"timeline/#{event.id}"
    context.close()


def test_without_javascript_there_is_no_copy_button(browser: Browser, base_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "timeline/")
    assert page.locator(".tl-event").count() == len(DATA.events)
    assert page.locator(".tl-event button, .tl-event-title button").count() == 0
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_event_a_permalink_opens_is_highlighted(browser: Browser, base_url: str, scheme: str):
    event = DIFFERING[-1]
    page = open_timeline(browser, base_url, 390, scheme, f"#{event.id}")
    style = """el => { const s = getComputedStyle(el); const card = el.nextElementSibling;
        const c = getComputedStyle(card);
        return [s.outlineStyle, c.borderLeftWidth, c.backgroundColor]; }"""
    target = page.locator(f"[id='{event.id}']").evaluate(style)
    other = page.locator(f"[id='{DATA.events[0].id}']").evaluate(style)
    page.screenshot(path=SHOTS / f"cards-target-{scheme}.png")
    page.context.close()
    assert target[0] == "solid" and other[0] == "none"
    assert target[1] != other[1] and target[2] != other[2]


# --- touch targets -------------------------------------------------------------------------------


TARGETS = ".tl-chip, .tl-copy, .tl-event summary, .tl-citations li > a"
SMALL_TARGETS = """(selector) => {
    document.querySelectorAll('.tl-event details').forEach(d => d.open = true);
    const boxes = [...document.querySelectorAll(selector)].map(el => [el, el.getBoundingClientRect()]);
    const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    return boxes.filter(([el, box], i) => box.width < 24 || box.height < 24
        || boxes.some(([other, b], j) => j !== i && overlap(box, b)))
        .map(([el, box]) => `${el.textContent.trim().slice(0, 40)}: ${box.width} x ${box.height}`);
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_every_card_control_is_at_least_24_px_and_none_overlap(browser: Browser, base_url: str, width: int):
    """WCAG 2.5.8: chips, the copy button, the disclosures and the citations' links are
    24 × 24 px targets that do not overlap. Links inside a sentence (a summary, a figure,
    an account) are the criterion's inline exception."""
    page = open_timeline(browser, base_url, width)
    count = page.locator(TARGETS).count()
    small = page.evaluate(SMALL_TARGETS, TARGETS)
    page.context.close()
    assert count > 4 * len(DATA.events)
    assert small == []


# --- print ---------------------------------------------------------------------------------------


def outline_pages(pdf: bytes) -> list[tuple[str, str]]:
    """From a PDF's outline: for each entry without children, its page and its parent's."""
    entries = {}
    for match in re.finditer(rb"(\d+) 0 obj\s*<<(.*?)>>\s*endobj", pdf, re.S):
        body = match.group(2)
        dest = re.search(rb"/Dest \[(\d+) 0 R", body)
        if b"stream" in body or dest is None:
            continue
        parent = re.search(rb"/Parent (\d+) 0 R", body)
        entries[match.group(1)] = (dest.group(1), parent and parent.group(1), b"/First" in body)
    return [
        (page.decode(), entries[parent][0].decode())
        for page, parent, has_children in entries.values()
        if not has_children and parent in entries
    ]


def test_the_timeline_prints_compactly_with_no_heading_cut_from_its_card(page: Page, base_url: str):
    page.goto(base_url + "timeline/")
    page.emulate_media(media="print")
    assert not page.locator(".tl-copy:visible, .tl-event-title .headerlink:visible").count()
    assert page.locator(".tl-citations li:visible").count() == sum(len(e.citations) for e in DATA.events)
    # Each summary becomes a heading for the PDF's outline, a level under its event's title:
    # the outline says on which page each title and each summary begins.
    page.evaluate(
        """() => document.querySelectorAll('.tl-event .tl-summary > :first-child').forEach(p => {
            p.setAttribute('role', 'heading'); p.setAttribute('aria-level', '6'); })"""
    )
    pdf = page.pdf(format="A4", outline=True, tagged=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "timeline-print.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    # 12 pages at 36 events (37 to 49 before the cards were redone): about three events a page
    assert 0 < pages <= math.ceil(len(DATA.events) / 3) + 1, pages
    starts = outline_pages(pdf)
    assert len(starts) == len(DATA.events)
    assert [title == summary for summary, title in starts] == [True] * len(DATA.events)
