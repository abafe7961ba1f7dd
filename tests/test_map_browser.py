"""The locator map in a real Chromium: drawn on the home page, the entities index and a
place's page, in both colour schemes, on a desktop and a phone; its markers reached by
keyboard and leading to their pages; no accessibility violation; nothing fetched from
another site. Screenshots go to test-artifacts/screenshots/map-*.png."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from browser import axe_violations
from conftest import REPO, real_dataset

pytestmark = [pytest.mark.browser, pytest.mark.build]

DATA = real_dataset()
SHOTS = REPO / "test-artifacts" / "screenshots"
PAGES = {"home": "", "entities-index": "entities/", "place": "entities/chiang-mai/"}
LOCATED = sorted((e for e in DATA.entities.values() if e.location), key=lambda e: e.id)
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def open_page(browser: Browser, url: str, size: str, scheme: str) -> Page:
    context = browser.new_context(viewport=WIDTHS[size], color_scheme=scheme, device_scale_factor=1)
    page = context.new_page()
    page.goto(url)
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", WIDTHS)
@pytest.mark.parametrize("kind", PAGES)
def test_the_map_is_drawn_and_fits_the_page(
    browser: Browser, base_url: str, kind: str, size: str, scheme: str
):
    page = open_page(browser, base_url + PAGES[kind], size, scheme)
    figure = page.locator("figure.tl-map")
    figure.scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"map-{kind}-{size}-{scheme}.png")
    box = page.locator("figure.tl-map svg").bounding_box()
    markers = [page.locator(".tl-map-place").nth(i).bounding_box() for i in range(len(LOCATED))]
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    colours = page.evaluate(
        """() => ['.tl-map-sea', '.tl-map-focus', '.tl-map-country']
                 .map(s => getComputedStyle(document.querySelector('.tl-map ' + s)).fill)"""
    )
    page.context.close()
    assert box is not None and box["width"] > 300 and box["height"] > box["width"]
    for marker in markers:  # each marker lies on the drawing
        assert marker is not None
        assert box["x"] <= marker["x"] and marker["x"] + marker["width"] <= box["x"] + box["width"]
        assert box["y"] <= marker["y"] and marker["y"] + marker["height"] <= box["y"] + box["height"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= widths[1]
    assert widths[0] <= widths[1], f"{kind}: page is {widths[0]}px wide in a {widths[1]}px viewport"
    assert len(set(colours)) == 3, colours  # sea, the story's countries and their names differ


def test_the_schemes_colour_the_map_differently(browser: Browser, base_url: str):
    fills = []
    for scheme in ("light", "dark"):
        page = open_page(browser, base_url, "desktop", scheme)
        fills.append(page.evaluate("getComputedStyle(document.querySelector('.tl-map-sea')).fill"))
        page.context.close()
    assert fills[0] != fills[1]


@pytest.mark.parametrize("kind", PAGES)
def test_each_marker_is_reached_by_keyboard_and_leads_to_its_page(browser: Browser, base_url: str, kind: str):
    assert LOCATED
    for entity in LOCATED:
        page = open_page(browser, base_url + PAGES[kind], "desktop", "light")
        marker = page.locator("figure.tl-map").get_by_role("link", name=entity.name, exact=True)
        assert marker.count() == 1
        before = marker.evaluate("a => getComputedStyle(a).outlineStyle")
        for _ in range(400):  # Tab through the page until the marker has the focus
            page.keyboard.press("Tab")
            if marker.evaluate("a => a === document.activeElement"):
                break
        else:
            pytest.fail(f"{entity.name}'s marker is not reached by Tab on {kind}")
        assert (before, marker.evaluate("a => getComputedStyle(a).outlineStyle")) == ("none", "solid")
        dot = marker.evaluate("a => getComputedStyle(a, '::before').width")
        assert float(dot.removesuffix("px")) > 5  # the marker's dot is drawn
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/entities/{entity.id}/")
        assert page.locator("h1").inner_text().removesuffix("¶") == entity.name
        current = page.locator("figure.tl-map a[aria-current=page]")
        assert current.get_attribute("href") == "./"
        page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGES)
def test_axe_finds_no_violations_on_pages_with_the_map(
    browser: Browser, base_url: str, kind: str, scheme: str
):
    page = open_page(browser, base_url + PAGES[kind], "desktop", scheme)
    violations = axe_violations(page)
    page.context.close()
    assert violations == [], json.dumps(violations, indent=1)


@pytest.mark.parametrize("kind", PAGES)
def test_the_map_fetches_nothing_from_another_site(browser: Browser, base_url: str, kind: str):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base_url + PAGES[kind], wait_until="networkidle")
    context.close()
    assert requests and [url for url in requests if not url.startswith((origin, "data:", "blob:"))] == []


def test_the_map_prints(browser: Browser, base_url: str):
    page = open_page(browser, base_url + PAGES["place"], "desktop", "light")
    page.emulate_media(media="print")
    visible = page.locator("figure.tl-map svg").is_visible()
    pdf = page.pdf()
    page.context.close()
    assert visible and pdf.startswith(b"%PDF")
