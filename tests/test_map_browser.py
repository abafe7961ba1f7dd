"""The locator map in a real Chromium: drawn on the home page, the entities index and a
place's page, in both colour schemes, on a desktop and a phone; its markers reached by
keyboard and leading to the timeline filtered to their place; land, sea and borders at 3:1
or more; every name inside its place's country; no accessibility violation; nothing fetched
from another site. Screenshots go to test-artifacts/screenshots/map-*.png."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from browser import axe_violations
from conftest import REPO, real_dataset, story_site
from timeline.site.locator import drawing, layout

pytestmark = [pytest.mark.browser, pytest.mark.build]

DATA = real_dataset()
SHOTS = REPO / "test-artifacts" / "screenshots"
PAGES = {"home": "", "entities-index": "entities/", "place": "entities/chiang-mai/"}
SITE = story_site()
assert SITE.map_region is not None
LOCATED = sorted(  # the places the map marks: those with coordinates inside its frame
    (p.entity for p in layout(drawing(SITE.map_region, SITE.map_focus), DATA.entities).placed),
    key=lambda e: e.id,
)
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
COLOURS = """() => {
  const style = s => getComputedStyle(document.querySelector('.tl-map ' + s));
  return {sea: style('.tl-map-sea').fill, land: style('.tl-map-land:not(.tl-map-story)').fill,
          story: style('.tl-map-story').fill, border: style('.tl-map-land').stroke,
          story_border: style('.tl-map-story').stroke};
}"""
# For each marker: its name, and for the dot and for points round its name (the corners and the
# middles of the sides of the text, 2 px in, for the glyphs' side bearings), the land each is in.
LANDS = """() => {
  const svg = document.querySelector('.tl-map svg');
  const lands = [...svg.querySelectorAll('.tl-map-land')];
  const back = svg.getScreenCTM().inverse();
  const land = (x, y) => {
    const p = new DOMPoint(x, y).matrixTransform(back);
    return lands.findIndex(l => l.isPointInFill(p));
  };
  const box = svg.getBoundingClientRect();
  return [...document.querySelectorAll('.tl-map-place')].map(a => {
    const dot = [box.left + box.width * parseFloat(a.style.left) / 100,
                 box.top + box.height * parseFloat(a.style.top) / 100];
    const range = document.createRange();
    range.selectNodeContents(a);
    const r = range.getBoundingClientRect();
    const xs = [r.left + 2, (r.left + r.right) / 2, r.right - 2];
    const ys = [r.top + 2, (r.top + r.bottom) / 2, r.bottom - 2];
    return {name: a.textContent, dot: land(...dot), name_at: xs.flatMap(x => ys.map(y => land(x, y)))};
  });
}"""


def luminance(colour: str) -> float:
    """The relative luminance (WCAG 2) of a computed rgb() colour."""
    channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted([luminance(a), luminance(b)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


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
    colours = page.evaluate(COLOURS)
    lands = page.evaluate(LANDS)
    page.context.close()
    assert box is not None and box["width"] > 300 and box["height"] > box["width"]
    for marker in markers:  # each marker lies on the drawing, a tap target of 24 px or more
        assert marker is not None and marker["height"] >= 24 and marker["width"] >= 24
        assert box["x"] <= marker["x"] and marker["x"] + marker["width"] <= box["x"] + box["width"]
        assert box["y"] <= marker["y"] and marker["y"] + marker["height"] <= box["y"] + box["height"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= widths[1]
    assert widths[0] <= widths[1], f"{kind}: page is {widths[0]}px wide in a {widths[1]}px viewport"
    for a, b in [("sea", "land"), ("sea", "story"), ("border", "land"), ("story_border", "story")]:
        assert contrast(colours[a], colours[b]) >= 3, (a, b, colours)
    assert colours["story"] != colours["land"]  # the story's country is set apart from its neighbours
    assert sorted(m["name"] for m in lands) == sorted(e.name for e in LOCATED)
    for marker in lands:  # each name lies wholly in the country of its place
        assert marker["dot"] >= 0 and set(marker["name_at"]) == {marker["dot"]}, marker


def test_the_schemes_colour_the_map_differently(browser: Browser, base_url: str):
    fills = []
    for scheme in ("light", "dark"):
        page = open_page(browser, base_url, "desktop", scheme)
        fills.append(page.evaluate("getComputedStyle(document.querySelector('.tl-map-sea')).fill"))
        page.context.close()
    assert fills[0] != fills[1]


@pytest.mark.parametrize("kind", PAGES)
def test_each_marker_is_reached_by_keyboard_and_leads_to_the_timeline_filtered_to_it(
    browser: Browser, base_url: str, kind: str
):
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
        page.wait_for_url(f"**/timeline/?entity={entity.id}")
        page.wait_for_function(
            "document.getElementById('tl-filter-status').textContent.startsWith('Showing')"
        )
        assert page.locator("select[name=entity]").input_value() == entity.id
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
