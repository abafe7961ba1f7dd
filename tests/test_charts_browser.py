"""The charts in a real Chromium: drawn on every page type that carries them, in both
colour schemes and on a phone without widening the page; every mark reachable with Tab
and leading to its event; no accessibility violation; nothing loaded from elsewhere.

The overview is readable at 1280 and 390 px in both schemes: one mark an event, each a
target of 24 px or more that shows its title on focus, the key events labelled where no
label overlaps another or a mark, the storylines' names in view however far it scrolls,
the wide chart opening on its densest stretch, and on a phone the whole chart in the
width of its box, no target overlapping another; on touch, a first tap on a mark shows its
title and a second follows it.

Screenshots go to test-artifacts/screenshots/charts-*.png and overview-*.png.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import accumulate
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from browser import axe_violations
from conftest import REPO, SITE_URL, copy_site_sources, mkdocs_build, real_dataset, with_plugin_options
from timeline.data.model import Dataset
from timeline.rules.project import validate
from timeline.site.charts import MAX_MARKS_PER_LANE
from timeline.tools import synthetic
from timeline.tools.browser import serve

pytestmark = [pytest.mark.browser, pytest.mark.build]

DATA = real_dataset()
SHOTS = REPO / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# the overview is drawn twice, at full scale and fitted to a phone: the one the screen shows
OVERVIEW, REPORTS = ".tl-chart--overview .tl-chart-svg:visible", ".tl-chart--reports svg"
CHARTS = {  # page: the charts it carries
    "": (OVERVIEW, REPORTS),
    "timeline/": (OVERVIEW,),
    "topics/crackdown/": (OVERVIEW,),
    "entities/nong-rong/": (OVERVIEW,),
    "figures/": (REPORTS,),
}
LIMITS = "      events_per_page: 10\n      figures_per_page: 4\n"
SPLIT_CHARTS = {"timeline/": (OVERVIEW,), "timeline/2023-11/": (OVERVIEW,), "figures/": (REPORTS,)}
CROWDED = 200  # events of a synthetic project: its four storylines are past MAX_MARKS_PER_LANE


@pytest.fixture(scope="module")
def split_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site with a timeline split into periods and the figures into pages per measure."""
    project = copy_site_sources(tmp_path_factory.mktemp("split-charts") / "project")
    config = (project / "mkdocs.yml").read_text()
    (project / "mkdocs.yml").write_text(with_plugin_options(config, LIMITS))
    done = mkdocs_build(project, project / "site", SITE_URL=SITE_URL)
    assert done.returncode == 0, done.stderr
    with serve(project / "site", urlsplit(SITE_URL).path) as url:
        yield url


@pytest.fixture(scope="module", params=["one page", "periods"])
def crowded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Dataset]]:
    """A synthetic project whose lanes show counts by month: its timeline on one page, or on
    a page a period under an overview that filters every event (from its index)."""
    project = synthetic.make_site_project(tmp_path_factory.mktemp("crowded") / "project", CROWDED, REPO)
    if request.param == "one page":
        config = (project / "mkdocs.yml").read_text()
        (project / "mkdocs.yml").write_text(
            with_plugin_options(config, f"      events_per_page: {CROWDED}\n")
        )
    data = validate(project).dataset
    assert data is not None
    assert all(len(data.events_by_topic[t]) > MAX_MARKS_PER_LANE for t in data.events_by_topic)
    done = mkdocs_build(project, project / "site", SITE_URL=SITE_URL)
    assert done.returncode == 0, done.stderr
    with serve(project / "site", urlsplit(SITE_URL).path) as url:
        yield url, data


COUNTS = """ms => ms.map(m => [m.dataset.events || null, m.dataset.bucket || null,
    m.querySelector('text').textContent, m.getBoundingClientRect().width > 0, m.ariaLabel])"""


def counted(marks: list[list], index: list[dict]) -> list[list[int]]:
    """Each count's events, by their places in the page's order: as the count lists them,
    each a step from the one before, or (over every event) as the index's events say."""
    return [
        list(accumulate(int(step) for step in steps.split()))
        if steps is not None
        else [n for n, e in enumerate(index) if int(bucket) in e.get("counts", ())]
        for steps, bucket, *_ in marks
    ]


def test_a_months_count_follows_the_filters(page: Page, crowded: tuple[str, Dataset]):
    url, data = crowded
    page.goto(url + "timeline/")
    counts = f"{OVERVIEW} .tl-mark--count"
    before = page.eval_on_selector_all(counts, COUNTS)
    index = page.evaluate("fetch('events.json').then(r => r.ok ? r.json() : [])")
    places = counted(before, index)
    assert len(before) > 4 and all(shown for *_, shown, _ in before)
    assert all((steps is None) != (bucket is None) for steps, bucket, *_ in before)  # one or the other
    assert [text for *_, text, _, _ in before] == [str(len(p)) for p in places]
    entity = max(
        (e for e in data.entities.values() if e.kind != "topic"), key=lambda e: len(data.events_of(e.id))
    )
    kept = {e.id for e in data.events_of(entity.id)}
    page.select_option("select[name=entity]", entity.id)
    expect(page.locator("#tl-filter-status")).to_have_text(f"Showing {len(kept)} of {CROWDED} events.")
    after = page.eval_on_selector_all(counts, COUNTS)
    for held, (*_, text, shown, label) in zip(places, after, strict=True):
        expected = sum(data.events[n].id in kept for n in held)
        assert (text, shown) == (str(expected), expected > 0), label
        assert f": {expected} event{'' if expected == 1 else 's'} in " in label
    assert any(not shown for *_, shown, _ in after)  # a month with none of them is hidden
    assert any(shown for *_, shown, _ in after)
    page.click("#tl-filters button[type=reset]")
    expect(page.locator("#tl-filter-status")).not_to_contain_text(" of ")
    assert page.eval_on_selector_all(counts, COUNTS) == before


def drawn(page: Page, selector: str) -> None:
    """The chart is there, laid out, and has marks that link somewhere."""
    chart = page.locator(selector).first
    expect(chart).to_be_attached()
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 60, selector
    assert chart.locator("a[href]").count() > 0


def page_widths(page: Page) -> list[int]:
    return page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("path", CHARTS)
def test_each_chart_is_drawn_without_widening_the_page(
    browser: Browser, base_url: str, path: str, viewport: str, scheme: str
):
    size = PHONE if viewport == "phone" else DESKTOP
    context = browser.new_context(viewport=size, color_scheme=scheme, is_mobile=viewport == "phone")
    page = context.new_page()
    page.goto(base_url + path)
    for selector in CHARTS[path]:
        drawn(page, selector)
    # the marks take the scheme's link colour: in dark, a light mark on a dark page
    fill = page.eval_on_selector(
        ".tl-chart svg a rect:not(.tl-hit), .tl-chart svg a circle", "e => getComputedStyle(e).fill"
    )
    link_colour = page.evaluate(
        "(() => { const probe = document.createElement('span');"
        " probe.style.color = 'var(--md-typeset-a-color)';"
        " document.querySelector('.md-typeset').append(probe);"
        " const colour = getComputedStyle(probe).color; probe.remove(); return colour })()"
    )
    lightness = sum(int(c) for c in fill.removeprefix("rgb(").split(")")[0].split(",")[:3])
    assert fill == link_colour and (lightness > 400) == (scheme == "dark"), (fill, link_colour)
    name = path.strip("/").replace("/", "-") or "home"
    page.locator(".tl-chart").first.scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"charts-{name}-{viewport}-{scheme}.png")
    widths = page_widths(page)
    context.close()
    assert widths[0] <= widths[1], f"{path}: page is {widths[0]}px wide in a {widths[1]}px viewport"


@pytest.mark.parametrize("path", SPLIT_CHARTS)
def test_at_scale_the_charts_are_on_the_overview_the_period_pages_and_the_figures(
    browser: Browser, split_url: str, path: str
):
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(split_url + path)
    for selector in SPLIT_CHARTS[path]:
        drawn(page, selector)
    hrefs = page.eval_on_selector_all(
        ".tl-chart a[href]", "els => els.map(e => new URL(e.getAttribute('href'), document.baseURI).href)"
    )
    widths = page_widths(page)
    assert widths[0] <= widths[1]
    for address in {href.split("#")[0] for href in hrefs}:  # every chart link reaches a page of the site
        assert address.startswith(split_url) and context.request.get(address).ok, address
    context.close()


def tab_through_marks(page: Page) -> list[str]:
    """Tab from the chart's scrolling box through its links; the href of each mark reached."""
    page.focus(".tl-chart--overview .tl-chart-scroll")
    reached = []
    for _ in range(200):
        page.keyboard.press("Tab")
        active = page.evaluate(
            "(() => { const a = document.activeElement; return a && a.closest('.tl-chart--overview') ?"
            " [a.getAttribute('class') || '', a.getAttribute('href') || ''] : null })()"
        )
        if active is None:
            break
        if "tl-mark" in active[0]:
            reached.append(active[1])
    return reached


def test_every_mark_is_reached_with_tab_and_leads_to_its_event(page: Page, base_url: str):
    topic = "crackdown"
    page.goto(base_url + f"topics/{topic}/")
    reached = tab_through_marks(page)
    events = DATA.events_by_topic[topic]
    # each of the topic's events, once, leading to its own page
    assert sorted(reached) == sorted(f"../../events/{e.id}/" for e in events)
    # the focused mark shows a ring of the accent colour
    page.focus(".tl-chart--overview .tl-chart-scroll")
    page.keyboard.press("Tab")  # the storylines' names come first, then the marks
    while "tl-mark" not in (page.evaluate("document.activeElement.getAttribute('class')") or ""):
        page.keyboard.press("Tab")
    stroke = page.evaluate(
        "getComputedStyle(document.activeElement.querySelector('rect:not(.tl-hit), circle')).strokeWidth"
    )
    assert stroke == "3px"
    for href in reached[:3]:
        event_id = href.split("/")[-2]
        page.goto(base_url + f"topics/{topic}/")
        page.focus(f'.tl-chart--overview a[href="{href}"]')
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/events/{event_id}/")


def test_every_mark_on_the_home_page_is_reached_with_tab(page: Page, base_url: str):
    page.goto(base_url)
    reached = tab_through_marks(page)
    assert sorted(reached) == sorted(f"events/{e.id}/" for e in DATA.events)  # one mark an event


def test_every_mark_has_a_name_with_its_title_and_date(page: Page, base_url: str):
    page.goto(base_url)
    names = page.eval_on_selector_all(".tl-chart--overview a.tl-mark", "els => els.map(e => e.ariaLabel)")
    for event in DATA.events:
        assert f"{event.title} ({event.date.display()})" in names, event.id
    caption = page.locator("#tl-overview-title")
    expect(caption).to_contain_text(f"{len(DATA.events)} events")
    assert page.get_attribute(OVERVIEW, "aria-labelledby") == "tl-overview-title"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("path", ["", "timeline/", "topics/crackdown/"])
def test_axe_finds_no_violations_on_pages_with_charts(
    browser: Browser, base_url: str, path: str, viewport: str, scheme: str
):
    size = PHONE if viewport == "phone" else DESKTOP
    context = browser.new_context(viewport=size, color_scheme=scheme, is_mobile=viewport == "phone")
    page = context.new_page()
    page.goto(base_url + path)
    violations = axe_violations(page)
    context.close()
    assert violations == [], json.dumps(violations, indent=1)


@pytest.mark.parametrize("path", CHARTS)
def test_no_request_leaves_the_origin(page: Page, base_url: str, path: str):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base_url + path, wait_until="networkidle")
    assert requests and [u for u in requests if not u.startswith((origin, "data:", "blob:"))] == []


def test_the_charts_print_within_the_page_width(page: Page, base_url: str):
    page.goto(base_url)
    page.emulate_media(media="print")
    widths = page_widths(page)
    chart = page.locator(OVERVIEW).bounding_box()
    body = page.locator(".md-content").bounding_box()
    assert widths[0] <= widths[1]
    assert chart is not None and body is not None and chart["width"] <= body["width"]


SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": PHONE}
LAYOUT = """(() => {
  const box = r => { const b = r.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  const drawings = [...document.querySelectorAll('.tl-chart--overview .tl-chart-scroll')];
  const chart = drawings.find(d => d.getClientRects().length), scroll = chart;
  return {
    labels: [...chart.querySelectorAll('.tl-chart-svg .tl-key text')].map(box),
    keys: [...chart.querySelectorAll('.tl-chart-svg .tl-key')].map(g => g.getAttribute('data-event')),
    marks: [...chart.querySelectorAll('a.tl-mark')].map(box),
    hits: [...chart.querySelectorAll('a.tl-mark .tl-hit')].map(box),
    drawing: chart.className, widths: [scroll.scrollWidth, scroll.clientWidth],
    shapes: [...chart.querySelectorAll('a.tl-mark > :not(.tl-hit):not(.tl-tip)')].map(box),
    events: [...chart.querySelectorAll('a.tl-mark')].map(a => a.getAttribute('href').split('/').at(-2)),
    names: [...chart.querySelectorAll('.tl-lane-name')].map(box),
    view: box(scroll), scrollLeft: scroll.scrollLeft, focus: Number(scroll.getAttribute('data-focus')),
    svgLeft: chart.querySelector('svg').getBoundingClientRect().left, hidden: drawings.length - 1,
  };
})()"""


def apart(a: list[float], b: list[float]) -> bool:
    return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", SIZES)
@pytest.mark.parametrize("path", ["", "timeline/"])
def test_the_overview_is_readable_at_both_widths(
    browser: Browser, base_url: str, path: str, viewport: str, scheme: str
):
    context = browser.new_context(
        viewport=SIZES[viewport], color_scheme=scheme, is_mobile=viewport == "phone"
    )
    page = context.new_page()
    page.goto(base_url + path)
    chart = page.locator(".tl-chart--overview").first
    chart.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -90)")  # below the fixed header
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"overview-{path.strip('/') or 'home'}-{viewport}-{scheme}.png")
    got = page.evaluate(LAYOUT)
    widths = page_widths(page)
    if viewport == "phone" and not path:
        page.locator(".tl-chart--overview").screenshot(path=SHOTS / f"overview-phone-fit-{scheme}.png")
    context.close()
    # one drawing shown (the wide one on a wide screen), one mark an event, every key event labelled
    assert got["hidden"] == 1 and got["drawing"].endswith("--wide" if viewport == "desktop" else "--phone")
    assert sorted(got["events"]) == sorted(e.id for e in DATA.events)
    assert sorted(got["keys"]) == sorted(e.id for e in DATA.events if e.key) and len(got["labels"]) >= 5
    # no label overlaps another label, a mark's shape or its target
    for i, label in enumerate(got["labels"]):
        assert all(apart(label, other) for other in got["labels"][i + 1 :]), label
        assert all(apart(label, shape) for shape in got["shapes"] + got["hits"]), label
    # a target of at least 24 px each way for every mark, none overlapping another (to 0.1 px)
    assert all(m[2] - m[0] >= 23.9 and m[3] - m[1] >= 23.9 for m in got["marks"]), got["marks"]
    shrunk = [[h[0] + 0.1, h[1] + 0.1, h[2] - 0.1, h[3] - 0.1] for h in got["hits"]]
    for i, hit in enumerate(shrunk):
        assert all(apart(hit, other) for other in shrunk[i + 1 :]), hit
    # the storylines' names are in the box, scrolled or not; the page does not scroll sideways
    assert all(got["view"][0] <= name[0] < got["view"][2] for name in got["names"]), got["names"]
    assert widths[0] <= widths[1]
    if viewport == "phone":  # the whole chart in its box: nothing to scroll sideways
        assert got["widths"][0] <= got["widths"][1] and got["scrollLeft"] == 0, got["widths"]
    else:  # the box opens with the densest stretch's middle in view
        middle = got["svgLeft"] + got["focus"]
        assert got["view"][0] <= middle <= got["view"][2], (middle, got["view"])


@pytest.mark.parametrize("viewport", SIZES)
def test_a_focused_mark_shows_its_title(browser: Browser, base_url: str, viewport: str):
    context = browser.new_context(viewport=SIZES[viewport], is_mobile=viewport == "phone")
    page = context.new_page()
    page.goto(base_url)
    event = next(e for e in DATA.events if e.key)
    mark = page.locator(f'.tl-chart--overview a.tl-mark[href="events/{event.id}/"]:visible')
    tip = mark.locator(".tl-tip")
    expect(tip).to_be_hidden()
    if viewport == "phone":
        mark.focus()
    else:
        page.focus(".tl-chart--overview .tl-chart-scroll")
        while page.evaluate("document.activeElement.getAttribute('href')") != f"events/{event.id}/":
            page.keyboard.press("Tab")
    expect(tip).to_be_visible()
    expect(tip).to_have_text(f"{event.title} ({event.date.display()})")
    box = tip.bounding_box()
    assert box is not None and box["width"] > 100
    context.close()


@pytest.mark.parametrize("viewport", SIZES)
def test_every_marks_title_is_drawn_inside_its_chart(browser: Browser, base_url: str, viewport: str):
    """A title beside a mark near the edge moves inside the drawing, and one wider than the
    drawing is broken into lines: none is cut at the page's side on a phone."""
    context = browser.new_context(viewport=SIZES[viewport], is_mobile=viewport == "phone")
    page = context.new_page()
    page.goto(base_url)
    cut = page.evaluate(
        """() => [...document.querySelectorAll('.tl-chart--overview a.tl-mark')]
        .filter(mark => mark.getClientRects().length)
        .map(mark => {
          mark.focus();
          const tip = mark.querySelector('.tl-tip').getBBox(), view = mark.ownerSVGElement.viewBox.baseVal;
          const inside = tip.x >= view.x - 0.5 && tip.x + tip.width <= view.x + view.width + 0.5
            && tip.y >= view.y - 0.5 && tip.y + tip.height <= view.y + view.height + 0.5;
          const text = mark.querySelector('.tl-tip').textContent;
          return inside ? null : [text, tip.x, tip.y, tip.width, tip.height, view.width, view.height];
        })
        .filter(Boolean)"""
    )
    assert cut == []
    context.close()


def test_on_touch_a_first_tap_shows_the_title_and_a_second_follows_the_link(browser: Browser, base_url: str):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(base_url)
    event = next(e for e in DATA.events if e.key)
    mark = page.locator(f'.tl-chart--overview a.tl-mark[href="events/{event.id}/"]:visible')
    tip, target = mark.locator(".tl-tip"), mark.locator(".tl-hit")
    mark.evaluate("m => m.scrollIntoView({block: 'center'})")  # clear of the fixed header
    target.tap()
    expect(tip).to_be_visible()
    expect(tip).to_have_text(f"{event.title} ({event.date.display()})")
    assert page.url == base_url  # the tap showed the title and went nowhere
    target.tap()
    page.wait_for_url(f"**/events/{event.id}/")
    page.goto(base_url)  # Enter follows a mark at once, on a touch screen too
    mark.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/events/{event.id}/")
    context.close()


def test_a_filter_hides_the_marks_and_labels_of_the_events_it_leaves_out(page: Page, base_url: str):
    page.goto(base_url + "timeline/?topic=operation-1027")
    hidden = page.eval_on_selector_all(
        ".tl-chart--overview .tl-mark--out", "els => els.map(e => e.getAttribute('data-event'))"
    )
    left_out = {e.id for e in DATA.events if "operation-1027" not in e.topics}
    keys_out = [e.id for e in DATA.events if e.key and e.id in left_out]
    assert keys_out  # the real data leaves some key events out
    assert sorted(hidden) == sorted([*left_out, *keys_out] * 2)  # each one's mark and label, in both drawings
