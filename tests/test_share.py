"""Share cards: every page's link preview has a picture, drawn at build time from the
page's own words, small enough to send, and with hostile text only ever as text."""

from __future__ import annotations

import html
import re
import struct
import zlib
from pathlib import Path
from unittest.mock import patch
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from conftest import SITE_URL, copy_site_sources, make_project, mkdocs_build, with_plugin_options
from timeline.data.paths import share_image
from timeline.site import share
from timeline.site.info import SiteInfo
from timeline.site.outputs import remade_outputs, site_outputs
from timeline.site.share import (
    HEIGHT,
    MARGIN,
    SIZES,
    TITLE_LINES,
    WIDTH,
    Card,
    card_svg,
    fitted,
    share_images,
    width,
)

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE_TITLE = (
    'Junta\'s "official" <script>alert(1)</script> & <b>bold</b> claim: '
    + "suspects handed over to China's police at the border crossing "
    + "near Laukkai, according to state media, " * 4
)


def png_size(png: bytes) -> tuple[int, int]:
    """A PNG's width and height, from its IHDR chunk."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def png_rows(png: bytes) -> list[bytes]:
    """An 8-bit RGBA PNG's rows of pixels (its IDAT chunks inflated, each row unfiltered)."""
    width, _ = png_size(png)
    data, at = b"", 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        data += png[at + 8 : at + 8 + length] if png[at + 4 : at + 8] == b"IDAT" else b""
        at += 12 + length
    raw, stride, rows = zlib.decompress(data), width * 4, []
    above = bytes(stride)
    for start in range(0, len(raw), stride + 1):
        kind, line, row = raw[start], raw[start + 1 : start + 1 + stride], bytearray(stride)
        for i, x in enumerate(line):
            a, b, c = row[i - 4] if i >= 4 else 0, above[i], above[i - 4] if i >= 4 else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            paeth = a if pa <= pb and pa <= pc else b if pb <= pc else c
            row[i] = (x + (0, a, b, (a + b) // 2, paeth)[kind]) & 0xFF
        rows.append(above := bytes(row))
    return rows


def texts(svg: str) -> list[str]:
    """The text of each <text> element, as an XML reader reads it."""
    return [t.text or "" for t in ElementTree.fromstring(svg).iter(f"{SVG}text")]


def test_a_page_s_card_is_named_after_its_address():
    assert share_image("index.md") == "assets/share/index.png"
    assert share_image("events/x.md") == "assets/share/events/x.png"
    assert share_image("entities/index.md") == "assets/share/entities.png"
    assert share_image("timeline/2023.md") == "assets/share/timeline/2023.png"


def test_a_long_title_is_wrapped_then_cut_after_a_word_with_an_ellipsis():
    lines = fitted(HOSTILE_TITLE, SIZES["title"], WIDTH - 2 * MARGIN, TITLE_LINES)
    assert len(lines) == TITLE_LINES
    assert lines[-1].endswith("…")
    words = HOSTILE_TITLE.split()
    shown = " ".join(lines).removesuffix("…").split()
    assert shown[:-1] == words[: len(shown) - 1]  # whole words, in order, none dropped between lines
    assert shown[-1] == words[len(shown) - 1].rstrip(",:")  # the last one without its punctuation
    assert all(width(line, SIZES["title"]) <= WIDTH - 2 * MARGIN for line in lines)


def test_a_title_that_fits_is_kept_whole_and_one_word_too_long_is_cut_inside():
    assert fitted("Suspects handed over", SIZES["title"], 1000, 3) == ["Suspects handed over"]
    (cut,) = fitted("x" * 200, SIZES["line"], 600, 1)
    assert cut.endswith("…") and width(cut, SIZES["line"]) <= 600 and cut.startswith("xxx")


def test_hostile_text_is_escaped_as_text_in_the_svg():
    card = Card("events/x.md", "Site <i>&amp;", HOSTILE_TITLE, ('2023 "<x>"', "Sources: A & B\x00\x1b"))
    svg = card_svg(card)
    assert "<script" not in svg and "<b>" not in svg
    found = texts(svg)  # parses: every character is valid XML
    assert found[0] == "Site <i>&amp;"
    assert " ".join(found[1 : 1 + TITLE_LINES]).startswith('Junta\'s "official" <script>alert(1)</script> &')
    assert found[-2:] == ['2023 "<x>"', "Sources: A & B"]  # control characters dropped


def test_cards_are_1200_by_630_under_60_kb_the_same_each_time_and_cached(tmp_path: Path):
    cards = [
        Card("events/a.md", "Site", HOSTILE_TITLE, ("21 November 2023", "Sources: " + "Reuters, " * 20)),
        Card("events/b.md", "Site", "Another event", ("22 November 2023", "Sources: OCCRP")),
    ]
    first = share_images(cards, tmp_path)
    assert [o.path for o in first] == ["assets/share/events/a.png", "assets/share/events/b.png"]
    for output in first:
        assert isinstance(output.content, bytes)
        assert png_size(output.content) == (WIDTH, HEIGHT)
        assert len(output.content) <= 60_000
    assert first[0].content != first[1].content
    assert len(list(tmp_path.glob("*.png"))) == 2
    assert share_images(cards) == first  # drawn again, byte for byte
    for cached in tmp_path.glob("*.png"):
        cached.write_bytes(b"cached")
    assert {o.content for o in share_images(cards, tmp_path)} == {b"cached"}


def test_many_new_cards_are_drawn_in_a_pool_of_processes_the_same_as_one_by_one(monkeypatch):
    cards = [Card(f"events/e{n}.md", "Site", f"Event number {n}", ("2023", "Sources: A")) for n in range(3)]
    alone = share_images(cards)
    monkeypatch.setattr(share, "POOL_FROM", 2)
    monkeypatch.setattr(share.os, "cpu_count", lambda: 2)
    with patch.object(share, "ProcessPoolExecutor", wraps=share.ProcessPoolExecutor) as pool:
        assert share_images(cards) == alone
    assert pool.call_count == 1


def test_no_text_reaches_the_right_margin_however_wide_its_letters():
    """The widths are estimated, not measured: wide letters in every face must still stop
    short of the margin (the band's colour, or white, from there to the edge)."""
    card = Card("events/x.md", "W" * 80, "M" * 15 + " " + "W" * 40, ("@W " * 100, "m%" * 100))
    (output,) = share_images([card])
    assert isinstance(output.content, bytes)
    edge = (WIDTH - MARGIN // 2) * 4
    for y, row in enumerate(png_rows(output.content)):
        assert len(set(zip(*[iter(row[edge:])] * 4, strict=True))) == 1, f"ink in the margin at y={y}"


@pytest.mark.build
def test_every_page_has_a_share_card_it_does_not_load_itself(built_site: Path):
    """Every page the theme lays out (not the pages that forward a former address) names
    its own card by the site's address, as link previews need; the card exists and is
    small, and no page loads it."""
    seen = {}
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue
        (image,) = re.findall(r'<meta property="og:image" content="([^"]+)"', text)
        assert f'<meta name="twitter:image" content="{image}">' in text
        assert '<meta name="twitter:card" content="summary_large_image">' in text
        url = html.unescape(image)
        assert url.startswith(SITE_URL), page
        card = built_site / url.removeprefix(SITE_URL)
        assert card.is_file(), (page, url)
        assert png_size(card.read_bytes()) == (WIDTH, HEIGHT) and card.stat().st_size <= 60_000
        assert text.count(urlsplit(url).path.rpartition("/")[2]) == 2, page  # the two meta tags only
        seen[page.relative_to(built_site).as_posix()] = card.read_bytes()
    events = [content for page, content in seen.items() if page.startswith("events/")]
    assert len(events) > 30 and len(set(events)) == len(events)  # each event its own card
    assert seen["index.html"] != seen["methodology/index.html"]


def test_a_story_that_turns_the_cards_off_draws_none_and_links_none(tmp_path: Path):
    root = make_project(tmp_path / "project")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("---\ntitle: Home\n---\n\n# Home\n")
    _, drawn = site_outputs(root, root / "docs")
    _, none = site_outputs(root, root / "docs", SiteInfo(share_cards=False))
    assert any(o.path.startswith("assets/share/") for o in drawn)
    assert not any(o.path.startswith("assets/share/") for o in none)
    assert len(none) == len(drawn) - sum(o.path.startswith("assets/share/") for o in drawn)

    real = copy_site_sources(tmp_path / "real")
    config = (real / "mkdocs.yml").read_text(encoding="utf-8")
    (real / "mkdocs.yml").write_text(with_plugin_options(config, "      share_cards: false\n"))
    done = mkdocs_build(real, tmp_path / "site")
    assert done.returncode == 0, done.stderr[-2000:]
    head = (tmp_path / "site" / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert 'property="og:image"' not in head and '<meta name="twitter:card" content="summary">' in head
    assert not (tmp_path / "site" / "assets" / "share").exists()


def test_the_preview_draws_again_only_the_cards_of_pages_an_edit_changed(tmp_path: Path):
    """Between saves the preview keeps each card whose page says the same; what it ends
    with is what a build draws."""
    root = make_project(tmp_path / "project")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("---\ntitle: Home\n---\n\n# Home\n")
    _, first, memory = remade_outputs(root, root / "docs")
    path = root / "events" / "handover.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: Zanzibarish ", 1))
    _, again, _ = remade_outputs(root, root / "docs", last=memory)
    _, fresh = site_outputs(root, root / "docs")

    def cards(outputs: list) -> dict:
        return {o.path: o for o in outputs if o.path.startswith("assets/share/")}

    assert {p: o.content for p, o in cards(again).items()} == {p: o.content for p, o in cards(fresh).items()}
    drawn = {p for p, o in cards(again).items() if o is not cards(first)[p]}
    before = {o.path: o.content for o in first if o.path.endswith(".md")}
    changed = {o.path for o in again if o.path.endswith(".md") and o.content != before[o.path]}
    assert share_image("events/handover.md") in drawn
    assert drawn == {share_image(page) for page in changed} and len(drawn) < len(cards(again))
