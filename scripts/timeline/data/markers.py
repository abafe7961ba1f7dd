"""The home page's data markers: what docs/index.md may ask the build to fill in, and where.

Its own module, without the renderers, so that the validator (also run with only its
own dependencies, by the pre-commit hook) checks the same markers, at the same places,
that the home page fills. The build replaces a marker with lines of Markdown and HTML, so
it fills only a marker that stands where a block of its own cannot change what the text
around it means: a whole line of the body (never the front matter), outside fenced code,
between blank lines. `count`, which writes only digits, may also stand inside a line.
Any other `<!-- data:` is left as written, and the validator refuses it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

MARKER = re.compile(r"<!-- data:(\w+)((?: [a-z0-9-]+)*) -->")
MARKERS = ("storylines", "numbers", "overview", "reports", "figures", "count", "map")  # home_page fills these
INLINE_MARKERS = ("count",)  # writes digits only: nothing it could turn into markup
ANY_MARKER = re.compile(r"<!--\s*data:", re.IGNORECASE)  # what may look like a marker to a reader
# The front matter MkDocs reads, as mkdocs.utils.meta reads it (tests/test_handwritten.py
# compares the two).
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_LINE = re.compile(rf"[ ]{{0,3}}{MARKER.pattern}[ ]*")  # indented 4 spaces, it would be code
_FENCE = re.compile(r"[ ]{0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Marker:
    """A marker the build fills in: its name, its words, where it is in the page's text,
    and whether it has a line to itself (else it is an inline one, inside a line)."""

    name: str
    words: tuple[str, ...]
    start: int
    end: int
    block: bool


def body_start(text: str) -> int:
    """Where the page's body starts: after its front matter, if it has one."""
    match = FRONT_MATTER.match(text)
    return match.end() if match else 0


def placed_markers(text: str) -> list[Marker]:
    """The markers the build fills in, in order (text with \\n line ends)."""
    found: list[Marker] = []
    lines = text[body_start(text) :].split("\n")
    offset, fence = body_start(text), ""
    for i, line in enumerate(lines):
        if fence:
            closing = line.strip()
            fence = "" if len(closing) >= len(fence) and not closing.strip(fence[0]) else fence
        elif opening := _FENCE.match(line):
            fence = opening[1]
        elif (
            _LINE.fullmatch(line)
            and _blank(lines, i - 1)
            and _blank(lines, i + 1)
            and (m := MARKER.search(line))
        ):
            found.append(_marker(m, offset, block=True))
        else:
            found += [
                _marker(m, offset, block=False) for m in MARKER.finditer(line) if m[1] in INLINE_MARKERS
            ]
        offset += len(line) + 1
    return found


def _blank(lines: list[str], i: int) -> bool:
    """Whether line i is blank, or before the first or after the last."""
    return not 0 <= i < len(lines) or not lines[i].strip()


def _marker(match: re.Match[str], offset: int, *, block: bool) -> Marker:
    return Marker(match[1], tuple(match[2].split()), offset + match.start(), offset + match.end(), block)


def marker_words(text: str, name: str) -> tuple[str, ...]:
    """The words the page's placed `data:<name>` markers name, in order (e.g. the figures' measures)."""
    return tuple(word for marker in placed_markers(text) if marker.name == name for word in marker.words)


def fill_markers(text: str, filled: Callable[[Marker], str]) -> str:
    """The text with each placed marker replaced by what filled gives for it."""
    return "".join(_pieces(text, filled))


def _pieces(text: str, filled: Callable[[Marker], str]) -> Iterator[str]:
    at = 0
    for marker in placed_markers(text):
        yield text[at : marker.start]
        yield filled(marker)
        at = marker.end
    yield text[at:]
