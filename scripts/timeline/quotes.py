"""Finding a quote, or a number, in the article body of a source's archived text.

Articles are captured with typographic quotes, long dashes and hard line breaks, and
contributors type straight quotes and hyphens; both sides are normalised the same way
before comparing. Nothing else is folded: not case, not Unicode compatibility forms, and
an ellipsis in a quote must be in the article, never a way to skip words.

A match must also begin and end on token boundaries of the article: "1,000" is not a
quote of "41,000", nor "related" of "unrelated". A number with its "," and "." groups
is one token, and so is a word with its inner hyphens and apostrophes. And a match
never leaves the article body: the lines a source marks as page furniture (captions,
"Advertisement", other stories' headlines) split the text into separate segments.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum

_TYPOGRAPHY = {
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u2032": "'",
    "\u2010": "-",  # hyphens join words, like "-"
    "\u2011": "-",
    "\u2026": "...",
    "\u00a0": " ",
    "\u202f": " ",
}
# Dashes separate words but are folded to "-" for comparison; they are folded in a second
# step, one character for one, so that tokens can be found on the text before it.
_DASHES = str.maketrans(dict.fromkeys("\u2014\u2013\u2012\u2212", "-"))
_FIRST_STEP = str.maketrans(_TYPOGRAPHY)

# A word or a number: letters and digits, joined by inner hyphens and apostrophes, and
# digits joined by "," or "." (31,000; 41.4).
_TOKEN = re.compile(r"[^\W_]+(?:(?:(?<=[0-9])[.,](?=[0-9])|['-](?=[^\W_]))[^\W_]+)*")
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
MAX_PLACES = 1000  # places a quote is looked at in one archive: no real quote recurs that often
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)


def _first_step(text: str) -> str:
    return " ".join(text.translate(_FIRST_STEP).split())


def normalise(text: str) -> str:
    """Fold typographic quotes, dashes and ellipses, and collapse all whitespace."""
    return _first_step(text).translate(_DASHES)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Segment:
    """A run of consecutive body lines, normalised, with its tokens."""

    first_line: int  # 1-based, in the archived file
    last_line: int
    text: str  # normalised as quotes are
    tokens: tuple[Token, ...]
    inside: bytes  # inside[i] == 1: position i (between characters i-1 and i) cuts a token
    starts: tuple[int, ...] = field(repr=False)  # each token's start and end, for bisection
    ends: tuple[int, ...] = field(repr=False)

    @classmethod
    def of(cls, lines: list[str], first_line: int) -> Segment:
        plain = _first_step("\n".join(lines))
        tokens = tuple(Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(plain))
        inside = bytearray(len(plain) + 1)
        for token in tokens:
            inside[token.start + 1 : token.end] = b"\x01" * (token.end - token.start - 1)
        last = first_line + len(lines) - 1
        starts, ends = tuple(t.start for t in tokens), tuple(t.end for t in tokens)
        return cls(first_line, last, plain.translate(_DASHES), tokens, bytes(inside), starts, ends)

    def occurrences(self, quote: str) -> Iterator[int]:
        start = self.text.find(quote)
        for _ in range(MAX_PLACES):
            if start == -1:
                return
            yield start
            start = self.text.find(quote, start + 1)

    def on_boundaries(self, start: int, end: int) -> bool:
        return not (self.inside[start] or self.inside[end])

    def token_at(self, position: int) -> Token | None:
        """The token that position cuts, if any."""
        i = bisect_right(self.starts, position) - 1
        token = self.tokens[i] if i >= 0 else None
        return token if token and token.start < position < token.end else None

    def tokens_between(self, start: int, end: int) -> list[Token]:
        return list(self.tokens[bisect_left(self.starts, start) : bisect_right(self.ends, end)])


class Found(Enum):
    """Where a quote was found; only MATCH counts."""

    MATCH = "match"
    CUT = "cut"  # only by starting or ending inside a word or number
    OUTSIDE_BODY = "outside-body"  # only outside the article body, or across its edge
    MISSING = "missing"


@dataclass(frozen=True)
class Search:
    found: Found
    places: tuple[tuple[Segment, int], ...] = ()  # (segment, start) of the match
    cut: str | None = None  # for CUT: the word or number the quote cuts


@dataclass(frozen=True)
class Archive:
    """A source's archived text, split into article-body segments."""

    body: tuple[Segment, ...]
    whole: str  # all lines, normalised: to tell "outside the body" from "not there"
    line_count: int

    @classmethod
    def of(cls, text: str, not_body: Iterable[int] = ()) -> Archive:
        """Split text into runs of body lines; not_body holds 1-based line numbers to leave out."""
        lines, skip = text.split("\n"), set(not_body)
        segments: list[Segment] = []
        run: list[str] = []
        for number, line in enumerate([*lines, None], start=1):
            if line is None or number in skip:
                if run:
                    segments.append(Segment.of(run, number - len(run)))
                run = []
            else:
                run.append(line)
        return cls(tuple(segments), normalise(text), len(lines))

    def body_text(self) -> str:
        return " ".join(s.text for s in self.body)

    def search(self, quote: str) -> Search:
        """Find a normalised quote on token boundaries inside the body (the first place)."""
        cut = None
        for segment, start, whole in self.places(quote):
            if whole:
                return Search(Found.MATCH, ((segment, start),))
            if cut is None:
                token = segment.token_at(start) or segment.token_at(start + len(quote))
                cut = token.text if token else quote
        if cut is not None:
            return Search(Found.CUT, cut=cut)
        return Search(Found.OUTSIDE_BODY if quote in self.whole else Found.MISSING)

    def states_number(self, quote: str, value: int) -> bool:
        """Whether, at some place where the quote matches, it holds value as a whole number."""
        return any(
            whole and value in numbers_in(segment.tokens_between(start, start + len(quote)))
            for segment, start, whole in self.places(quote)
        )

    def places(self, quote: str) -> Iterator[tuple[Segment, int, bool]]:
        """Each place the quote occurs in the body, and whether it starts and ends on boundaries."""
        for segment in self.body:
            for start in segment.occurrences(quote):
                yield segment, start, segment.on_boundaries(start, start + len(quote))


def numbers_in(tokens: list[Token]) -> set[int | float]:
    """The numbers a run of whole tokens states: 31,000; 41.4 million; 3 billion; six."""
    found: set[int | float] = set()
    for i, token in enumerate(tokens):
        word = token.text.lower()
        if word in _WORDS:
            found.add(_WORDS.index(word))
        if not _NUMBER.fullmatch(token.text):
            continue
        value = number_value(token.text)
        found.add(value)
        following = tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""
        if following in _SCALES:
            found.add(round(value * _SCALES[following]))
    return found


def number_value(text: str) -> int | float:
    """'31,000' -> 31000; '41.4' -> 41.4. Commas group thousands, a point starts decimals."""
    plain = text.replace(",", "")
    if plain.count(".") == 1:
        return float(plain)
    return int(plain.replace(".", ""))
