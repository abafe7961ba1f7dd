"""Share cards: the picture a link preview shows for each page, drawn at build time.

Each page's card is an SVG filled from a template with the page's own words (an event's
title, date and the publishers of its sources; another page's title and the story's
subject), rasterised to a 1200×630 PNG by resvg, which the resvg-py package ships: no
network, no system library. The text is set in DejaVu Sans, loaded from its files where
the system has them (Debian's fonts-dejavu-core), so that the same page gives the same
image byte for byte; elsewhere resvg picks the system's sans-serif.

resvg does not say how wide a line is, so lines are wrapped on an estimate of DejaVu
Sans's widths that errs wide: a line may end early, never past the margin.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path

import resvg_py
import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..data.markers import FRONT_MATTER
from ..data.paths import HOME, Output, event_page, share_image
from .templating import TEMPLATES
from .views import Context

WIDTH, HEIGHT, MARGIN, BAND = 1200, 630, 72, 120
SIZES = {"heading": 32, "title": 56, "title_leading": 68, "line": 30, "line_leading": 44}
TITLE_TOP = BAND + 56
TITLE_LINES = 3  # a fourth line of type this size would take a card past 60 kB
FONT = "DejaVu Sans"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FONT_FOLDERS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")
POOL_FROM = 32  # new cards; below this, starting a pool (about a second) costs more than it saves

# Widths in ems, generous for DejaVu Sans Bold (the title; the regular face is narrower).
_NARROW = re.compile(r"[ .,:;'’‘!|ijlIft()\[\]-]")
_WIDE = re.compile(r"[MWmw@%—…]")
# Characters XML 1.0 cannot hold: a title carrying one would make the SVG unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_SVG = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined)


@dataclass(frozen=True)
class Card:
    """What one page's card says: a heading on the band, a title, and lines under it."""

    page: str  # the page's source path, e.g. events/x.md
    heading: str
    title: str
    lines: tuple[str, ...]


def share_cards(ctx: Context, pages: Mapping[str, str]) -> list[Card]:
    """A card for every page (source path -> its Markdown, front matter first): an
    event's from its record, the home page's from the story, another's from its title."""
    events = {event_page(e.id): e for e in ctx.data.events}
    subject = ctx.site.subject[:1].upper() + ctx.site.subject[1:]
    cards = []
    for page, markdown in pages.items():
        if event := events.get(page):
            publishers = dict.fromkeys(ctx.data.sources[c.source].publisher for c in event.citations)
            lines = (event.date.display(), f"Sources: {', '.join(publishers)}")
            cards.append(Card(page, ctx.site.name, event.title, lines))
        elif page == HOME:
            cards.append(Card(page, "", ctx.site.name, (subject,)))
        else:
            cards.append(Card(page, ctx.site.name, front_matter_title(markdown) or ctx.site.name, (subject,)))
    return cards


def front_matter_title(markdown: str) -> str | None:
    """The title in a page's front matter, if it has one that is text."""
    match = FRONT_MATTER.match(markdown)
    meta = yaml.safe_load(match[1]) if match else None
    title = meta.get("title") if isinstance(meta, dict) else None
    return title if isinstance(title, str) else None


def share_images(cards: Iterable[Card], cache: Path | None = None) -> list[Output]:
    """Each card as a PNG at its page's share_image path.

    Drawing is most of a card's cost (about 60 ms), so a card drawn before is read from
    cache (a folder, by the hash of what is drawn and what draws it), and many new cards
    are drawn in a pool of processes, one per core."""
    cards = list(cards)
    svgs = {card.page: card_svg(card) for card in cards}
    known = {key: (cache / f"{key}.png") for key in map(_key, svgs.values())} if cache else {}
    new = sorted({svg for svg in svgs.values() if not (known and known[_key(svg)].is_file())})
    drawn = dict(zip(new, _draw(new), strict=True))
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
        for svg, png in drawn.items():
            known[_key(svg)].write_bytes(png)
    return [
        Output(share_image(page), drawn[svg] if svg in drawn else known[_key(svg)].read_bytes())
        for page, svg in svgs.items()
    ]


def _draw(svgs: list[str]) -> list[bytes]:
    """The SVGs as PNGs: in a pool of processes when there are enough to pay for starting
    one (spawned, not forked: `mkdocs serve` runs threads) and more than one core."""
    if len(svgs) < POOL_FROM or (os.cpu_count() or 1) < 2:
        return [rasterise(svg) for svg in svgs]
    with ProcessPoolExecutor(mp_context=get_context("spawn")) as pool:
        return list(pool.map(rasterise, svgs, chunksize=8))


def _key(svg: str) -> str:
    """What identifies a drawing: the SVG, the renderer's version and the font files used."""
    return hashlib.sha256("\n".join([resvg_py.__version__, *font_files(), svg]).encode()).hexdigest()


def card_svg(card: Card) -> str:
    """The card drawn as SVG: every text wrapped or cut to fit, and escaped by the template."""
    room = WIDTH - 2 * MARGIN
    return _SVG.get_template("share_card.svg.j2").render(
        width=WIDTH,
        height=HEIGHT,
        margin=MARGIN,
        band=BAND,
        sizes=SIZES,
        title_top=TITLE_TOP,
        font=FONT,
        heading=fitted(card.heading, SIZES["heading"], room, 1)[0] if card.heading else "",
        title=fitted(card.title, SIZES["title"], room, TITLE_LINES),
        lines=[fitted(line, SIZES["line"], room, 1)[0] for line in card.lines],
    )


def fitted(text: str, size: int, room: int, most: int) -> list[str]:
    """text in lines no wider than room at this font size, at most `most` of them; what
    does not fit is cut after a word, with an ellipsis (inside a word only when one word
    alone is too wide)."""
    words = _NOT_XML.sub("", text).split() or [""]
    lines: list[str] = []
    while words and len(lines) < most:
        taken = 1
        while taken < len(words) and width(" ".join(words[: taken + 1]), size) <= room:
            taken += 1
        lines.append(" ".join(words[:taken]))
        words = words[taken:]
    cut = [_cut(line, size, room) if width(line, size) > room else line for line in lines]
    if words:
        cut[-1] = _cut(cut[-1].removesuffix("…"), size, room)
    return cut


def _cut(line: str, size: int, room: int) -> str:
    """line ended with an ellipsis within room: after its last whole word that fits, or
    inside its only word."""
    while line and width(line + "…", size) > room:
        shorter = line.rsplit(" ", 1)[0]
        line = shorter if shorter != line else line[:-1]
    return line.rstrip(" ,;:") + "…"


def width(text: str, size: int) -> float:
    """An upper estimate of text's width in pixels at this font size."""
    return size * sum(_em(c) for c in text)


def _em(char: str) -> float:
    return 0.36 if _NARROW.match(char) else 1.0 if _WIDE.match(char) else 0.8 if char.isupper() else 0.68


def rasterise(svg: str) -> bytes:
    """The SVG as a PNG, drawn with DejaVu Sans's own files when the system has them."""
    fonts = font_files()
    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=svg,
            skip_system_fonts=bool(fonts),
            font_files=list(fonts) or None,
            sans_serif_family=FONT,
        )
    )


@lru_cache(maxsize=1)
def font_files() -> tuple[str, ...]:
    """DejaVu Sans's regular and bold files, if the system has both (else none)."""
    found = [
        next((str(p) for folder in FONT_FOLDERS if folder.is_dir() for p in folder.rglob(name)), "")
        for name in FONT_FILES
    ]
    return tuple(found) if all(found) else ()
