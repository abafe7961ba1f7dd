"""The timeline's entries in Chromium: their height and weight, the source markers and the
disagreement mark that lead to the event's page, the copy-link button, the permalink's
highlight, the date that stays in view on a phone, touch targets and the print.

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
from timeline.data.paths import TIMELINE
from timeline.site.info import SiteInfo
from timeline.site.views import Context, year_views

pytestmark = [pytest.mark.browser, pytest.mark.build, pytest.mark.content]

DATA = real_dataset()
SHOTS = REPO / "test-artifacts" / "screenshots"
DIFFERING = [e for e in DATA.events if any(d.conflict for d in e.disagreements)]  # marked: a conflict
# viewport width -> the most an entry may take on average over the timeline (its headings
# included), and the most any one entry may take, in px
WIDTHS = {1280: (220, 400), 390: (400, 700)}


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
TIMELINE_HEIGHT = """() => { const cards = [...document.querySelectorAll('.tl-event')];
    return cards.at(-1).getBoundingClientRect().bottom
        - cards[0].previousElementSibling.getBoundingClientRect().top; }"""


@pytest.mark.parametrize("width", WIDTHS)
def test_entries_fit_their_height_budget(browser: Browser, base_url: str, width: int):
    """About 580 px an event at 1280 and 976 at 390 before the entries were redone, the
    largest 2,309 and 4,256: the timeline was a wall of cards."""
    average, most = WIDTHS[width]
    page = open_timeline(browser, base_url, width)
    heights = page.evaluate(CARD_HEIGHTS)
    total = page.evaluate(TIMELINE_HEIGHT)
    page.locator(".tl-event").nth(1).scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / f"cards-{width}.png")
    page.context.close()
    assert len(heights) == len(DATA.events)
    assert total / len(heights) <= average, total / len(heights)
    assert max(heights) <= most, sorted(heights)


def test_an_entry_is_light_on_elements_and_leaves_the_rest_to_the_events_page(page: Page, base_url: str):
    page.goto(base_url + "timeline/")
    counts = page.evaluate(
        """() => [...document.querySelectorAll('.tl-event')].map(card => 2
            + card.querySelectorAll('*').length + card.previousElementSibling.querySelectorAll('*').length)"""
    )
    # 35 before the cards were redone, 29 then
    assert statistics.median(counts) <= 22, sorted(counts)
    gone = ".tl-changed, .tl-basis, .tl-citations, .tl-figure, .tl-disagreement, .tl-related, .tl-continues"
    assert page.locator(f".tl-event :is({gone})").count() == 0
    assert "Data last changed" not in " ".join(page.locator(".tl-event").all_inner_texts())


def test_a_marker_a_source_leads_to_its_passages_on_the_events_page(page: Page, base_url: str):
    event = max(DATA.events, key=lambda e: len({c.source for c in e.citations}))
    sources = list(dict.fromkeys(c.source for c in event.citations))
    assert len(sources) > 1
    page.goto(base_url + "timeline/")
    markers = page.locator(f".tl-event[data-event='{event.id}'] .tl-ref")
    expect(markers).to_have_count(len(sources))
    shown = markers.locator("[aria-hidden=true]").all_inner_texts()
    assert shown == [f"[{n}]" for n in range(1, len(sources) + 1)]
    expect(markers.nth(1)).to_have_accessible_name(f"Source: {DATA.sources[sources[1]].cited_as}")
    first = 1 + next(i for i, c in enumerate(event.citations) if c.source == sources[1])
    markers.nth(1).click()
    page.wait_for_url(f"**/events/{event.id}/#source-{first}")
    expect(page.locator(f"[id='source-{first}']")).to_be_visible()


# --- disagreement as one mark --------------------------------------------------------------------


def test_an_entry_whose_sources_differ_has_one_mark_leading_to_the_disagreement(page: Page, base_url: str):
    assert 0 < len(DIFFERING) < len(DATA.events)
    page.goto(base_url + "timeline/")
    marked = page.eval_on_selector_all(".tl-event:has(.tl-flag)", "els => els.map(e => e.dataset.event)")
    assert marked == [e.id for e in DIFFERING]
    assert page.locator(".tl-event .tl-flag").count() == len(DIFFERING)  # one each, however many
    flag = page.locator(f".tl-event[data-event='{DIFFERING[0].id}'] .tl-flag")
    assert flag.locator("[aria-hidden=true]").inner_text() == "⚠\ufe0e"  # the words are read, the sign is not
    flag.click()
    anchor = page.url.split("#", 1)[1]
    assert page.url.split("#")[0].endswith(f"/events/{DIFFERING[0].id}/") and anchor.startswith("differ-")
    conflict = next(d for d in DIFFERING[0].disagreements if d.conflict)
    expect(page.locator(f"[id='{anchor}']")).to_contain_text(conflict.about)


# --- the date in view on a phone ------------------------------------------------------------------


def test_on_a_phone_the_month_stays_in_view_while_its_entries_scroll(browser: Browser, base_url: str):
    page = open_timeline(browser, base_url, 390)
    years = year_views(Context.of(DATA, SiteInfo()), TIMELINE, DATA.events)
    month = max((m for y in years for m in y.months), key=lambda m: len(m.events))
    last = month.events[-1]
    page.evaluate(f"document.getElementById('{last.id}').scrollIntoView({{block: 'start'}})")
    heading = page.locator("h3", has_text=month.label).first
    header = page.locator(".md-header").bounding_box()
    box = heading.bounding_box()
    page.screenshot(path=SHOTS / "cards-390-sticky-month.png")
    page.context.close()
    assert header is not None and box is not None
    assert abs(box["y"] - header["height"]) < 2  # just under the header, not scrolled away


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


TARGETS = ".tl-chip, .tl-copy, .tl-ref, .tl-event .tl-flag"
SMALL_TARGETS = """(selector) => {
    const boxes = [...document.querySelectorAll(selector)].map(el => [el, el.getBoundingClientRect()]);
    const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    return boxes.filter(([el, box], i) => box.width < 24 || box.height < 24
        || boxes.some(([other, b], j) => j !== i && overlap(box, b)))
        .map(([el, box]) => `${el.textContent.trim().slice(0, 40)}: ${box.width} x ${box.height}`);
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_every_card_control_is_at_least_24_px_and_none_overlap(browser: Browser, base_url: str, width: int):
    """WCAG 2.5.8: chips, the copy button, the source markers and the disagreement mark are
    24 × 24 px targets that do not overlap. Links inside a summary are the criterion's
    inline exception."""
    page = open_timeline(browser, base_url, width)
    count = page.locator(TARGETS).count()
    small = page.evaluate(SMALL_TARGETS, TARGETS)
    page.context.close()
    assert count >= 3 * len(DATA.events)  # a marker, a topic and the copy button at least
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
    assert page.locator(".tl-ref:visible").count() == 0  # the markers lead to pages paper cannot open
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
    # 5 pages at 36 events (12 before the entries were redone, 37 to 49 before the cards
    # were): at least six events a page, and at most 8 pages for the story
    assert 0 < pages <= min(8, math.ceil(len(DATA.events) / 6) + 1), pages
    starts = outline_pages(pdf)
    assert len(starts) == len(DATA.events)
    assert [title == summary for summary, title in starts] == [True] * len(DATA.events)
