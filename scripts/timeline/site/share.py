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
from ..rules.handwritten import MKDOCS_LOADER
from .templating import TEMPLATES
from .views import Context

WIDTH, HEIGHT, MARGIN, BAND = 1200, 630, 72, 120
SIZES = {"heading": 32, "title": 56, "title_leading": 68, "line": 30, "line_leading": 44}
TITLE_TOP = BAND + 56
TITLE_LINES = 3  # a fourth line of type this size would take a card past 60 kB
FONT = "DejaVu Sans"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FONT_FOLDERS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")
REGULAR = 0.88  # how wide the regular face is for the bold's size: fitted(text, size * REGULAR, …)
POOL_FROM = 32  # new cards; below this, starting a pool (about a second) costs more than it saves

# Widths in ems, at least DejaVu Sans's widest of each group, in bold and (times REGULAR)
# in the regular face; anything past U+2E7F (CJK, emoji) is counted as wide.
_NARROW = re.compile(r"[ .,:;'|ijlI]")
_WIDE = re.compile(r"[MWmw@%—…\u2e80-\U0010ffff]")
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
    event's from its record; the home page's says what the story is (its subject, then
    the page's description); another's gives its title and the story's subject."""
    events = {event_page(e.id): e for e in ctx.data.events}
    subject = ctx.site.subject[:1].upper() + ctx.site.subject[1:]
    cards = []
    for page, markdown in pages.items():
        if event := events.get(page):
            publishers = dict.fromkeys(ctx.data.sources[c.source].publisher for c in event.citations)
            lines = (event.date.display(), f"Sources: {', '.join(publishers)}")
            cards.append(Card(page, ctx.site.name, event.title, lines))
        elif page == HOME:
            cards.append(Card(page, ctx.site.name, subject, (front_matter(markdown, "description"),)))
        else:
            title = front_matter(markdown, "title") or ctx.site.name
            cards.append(Card(page, ctx.site.name, title, (subject,)))
    return cards


def front_matter(markdown: str, key: str) -> str:
    """A text value of a page's front matter ("" when it has none)."""
    match = FRONT_MATTER.match(markdown)
    meta = yaml.load(match[1], Loader=MKDOCS_LOADER) if match else None  # as MkDocs reads it
    value = meta.get(key) if isinstance(meta, dict) else None
    return value if isinstance(value, str) else ""


def share_images(cards: Iterable[Card], cache: Path | None = None) -> list[Output]:
    """Each card as a PNG at its page's share_image path.

    Drawing is most of a card's cost (about 60 ms), so a card drawn before is read from
    cache (a folder, by the hash of what is drawn and what draws it), and many new cards
    are drawn in a pool of processes, one per core."""
    svgs = {card.page: card_svg(card) for card in cards}
    cached = {svg: cache / f"{_key(svg)}.png" for svg in set(svgs.values())} if cache else {}
    new = sorted(svg for svg in set(svgs.values()) if svg not in cached or not cached[svg].is_file())
    drawn = dict(zip(new, _draw(new), strict=True))
    for svg, png in drawn.items():
        if svg in cached:
            _keep(cached[svg], png)
    return [
        Output(share_image(page), drawn[svg] if svg in drawn else cached[svg].read_bytes())
        for page, svg in svgs.items()
    ]


def kept_cards(
    ctx: Context, pages: Mapping[str, str], cache: Path, kept: Mapping[str, tuple[str, Output]]
) -> dict[str, tuple[str, Output]]:
    """share_images(share_cards(ctx, pages), cache), by page with the Markdown it was made
    from; a page whose Markdown is what `kept` holds for it keeps its card from there (the
    preview keeps the cards of the last build while its story and data stay the same)."""
    fresh = {
        page: markdown for page, markdown in pages.items() if page not in kept or kept[page][0] != markdown
    }
    drawn = dict(zip(fresh, share_images(share_cards(ctx, fresh), cache), strict=True))
    return {
        page: (markdown, drawn[page]) if page in drawn else kept[page] for page, markdown in pages.items()
    }


def _keep(path: Path, png: bytes) -> None:
    """Write a drawn card into the cache whole or not at all (a build may run beside this one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(f".{os.getpid()}.part")
    part.write_bytes(png)
    part.replace(path)


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
        heading=fitted(card.heading, SIZES["heading"] * REGULAR, room, 1)[0],
        title=fitted(card.title, SIZES["title"], room, TITLE_LINES),
        lines=[part for line in card.lines for part in fitted(line, SIZES["line"] * REGULAR, room, 2)],
    )


def fitted(text: str, size: float, room: int, most: int) -> list[str]:
    """text in lines no wider than room at this font size (bold), at most `most` of them; what
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


def _cut(line: str, size: float, room: int) -> str:
    """line ended with an ellipsis within room: after its last whole word that fits, or
    inside its only word."""
    while line and width(line + "…", size) > room:
        shorter = line.rsplit(" ", 1)[0]
        line = shorter if shorter != line else line[:-1]
    return line.rstrip(" ,;:") + "…"


def width(text: str, size: float) -> float:
    """An upper estimate of text's width in pixels at this font size, in bold."""
    return size * sum(_em(c) for c in text)


@lru_cache(maxsize=4096)
def _em(char: str) -> float:
    """A character's width in ems, remembered: a card's lines are measured word by word."""
    return 0.42 if _NARROW.match(char) else 1.15 if _WIDE.match(char) else 0.9 if char.isupper() else 0.74


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
