"""The key numbers and the "sources differ" marks in a real Chromium: a number is marked
only where the accounts of it conflict, every mark leads to its own disagreement on its
event's page and is read as words, and each key number reads as one sentence with its hedge.

Screenshots go to test-artifacts/screenshots/numbers-*.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page

from conftest import REPO, SITE_URL, copy_site_sources, mkdocs_build, real_dataset
from timeline.tools.browser import serve

pytestmark = [pytest.mark.browser, pytest.mark.build]

DATA = real_dataset()
SHOTS = REPO / "test-artifacts" / "screenshots"
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
MARKS = ".tl-differs-mark, a.tl-flag, a.tl-differs"
IN_CONFLICT = "box-office-takings"  # 3 billion yuan printed as US$41.4 million: a conflict
IN_DETAIL = "suspects-handed-over"  # 31,000 since September, 41,000 in 2023: different periods
SECTION = (  # the h2 a disagreement's heading is listed under
    "h => { let e = h; while (e && e.tagName !== 'H2') e = e.previousElementSibling;"
    " return e && e.textContent }"
)
LINKS = "marks => marks.map(m => new URL(m.getAttribute('href'), location.href).href)"


@pytest.fixture(scope="module")
def with_conflict_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site whose home page also shows, as a key number, a measure whose accounts conflict."""
    project = copy_site_sources(tmp_path_factory.mktemp("numbers") / "project")
    home = project / "docs" / "index.md"
    text = home.read_text(encoding="utf-8")
    assert f"<!-- data:numbers {IN_DETAIL} " in text
    home.write_text(
        text.replace(f"<!-- data:numbers {IN_DETAIL} ", f"<!-- data:numbers {IN_CONFLICT} {IN_DETAIL} ")
    )
    done = mkdocs_build(project, project / "site", SITE_URL=SITE_URL)
    assert done.returncode == 0, done.stderr
    with serve(project / "site", urlsplit(SITE_URL).path) as url:
        yield url


def number_of(page: Page, measure: str) -> Locator:
    """The key number whose link to every report leads to the measure's section."""
    return page.locator(".tl-number").filter(has=page.locator(f'a[href$="#{measure}"]'))


def test_only_a_conflict_marks_a_key_number_and_its_mark_leads_to_that_disagreement(
    page: Page, with_conflict_url: str
):
    page.goto(with_conflict_url)
    assert number_of(page, IN_DETAIL).count() == 1
    assert number_of(page, IN_DETAIL).locator(".tl-differs-mark").count() == 0
    mark = number_of(page, IN_CONFLICT).locator(".tl-differs-mark")
    assert mark.count() == 1
    assert mark.inner_text().strip() == "≠ sources differ"
    assert mark.locator('[aria-hidden="true"]').inner_text().strip() == "≠"
    assert page.get_by_role("link", name="sources differ", exact=True).count() == 1
    href = mark.get_attribute("href") or ""
    event = DATA.event(DATA.figures_by_measure[IN_CONFLICT][0].event)
    conflict = next(d for d in event.disagreements if d.conflict)
    assert f"events/{event.id}/#differ-" in href, href
    page.goto(urljoin(with_conflict_url, href))
    target = page.locator(f"#{href.split('#')[1]}")
    assert target.count() == 1 and target.inner_text().startswith(conflict.about)


@pytest.mark.parametrize("path", ["", "timeline/", "figures/"])
def test_every_mark_leads_to_a_conflict_on_its_event_page(browser: Browser, base_url: str, path: str):
    """Each "sources differ" mark on a page opens its event's page at a disagreement listed
    under "Where the sources differ", not at a general section."""
    conflicts = {d.about for e in DATA.events for d in e.disagreements if d.conflict}
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + path)
    hrefs = page.eval_on_selector_all(
        MARKS, "marks => marks.map(m => new URL(m.getAttribute('href'), location.href).href)"
    )
    if path == "timeline/":
        assert len(hrefs) == sum(any(d.conflict for d in e.disagreements) for e in DATA.events) > 0
    for href in hrefs:
        assert "/events/" in href and "#differ-" in href, href
        page.goto(href)
        heading = page.locator(f"#{href.split('#')[1]}")
        assert heading.count() == 1, href
        assert heading.inner_text().removesuffix("¶").strip() in conflicts
        section = heading.evaluate(SECTION)
        assert section is not None and section.startswith("Where the sources differ"), (href, section)
    context.close()


def test_each_key_number_reads_as_one_sentence_with_its_hedge(page: Page, base_url: str):
    page.goto(base_url)
    trapped = number_of(page, "people-trapped").inner_text()
    assert "At least 120,000 people could be trapped in scam compounds in Myanmar, according to" in trapped
    handed = number_of(page, IN_DETAIL).inner_text()
    assert "41,000 suspects handed over to China from Myanmar in 2023, according to CCTV" in handed
    assert "(every day)" not in page.locator(".tl-numbers").inner_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", SIZES)
def test_the_numbers_and_the_figures_page_fit_the_screen(
    browser: Browser, base_url: str, size: str, scheme: str
):
    context = browser.new_context(viewport=SIZES[size], color_scheme=scheme, is_mobile=size == "phone")
    page = context.new_page()
    SHOTS.mkdir(parents=True, exist_ok=True)
    for path, name, selector in (
        ("", "home", ".tl-numbers"),
        ("figures/", "figures", "#reported-differently"),
    ):
        page.goto(base_url + path)
        page.locator(selector).first.scroll_into_view_if_needed()
        page.screenshot(path=SHOTS / f"numbers-{name}-{size}-{scheme}.png")
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], f"{path}: {width[0]}px wide in a {width[1]}px viewport"
    context.close()
