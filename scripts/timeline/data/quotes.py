"""Finding a quote in the article body of a source's archived text.

Articles are captured with typographic quotes, long dashes and hard line breaks, and
contributors type straight quotes and hyphens; both sides are normalised the same way
before comparing. Nothing else is folded: not case, not Unicode compatibility forms, and
an ellipsis in a quote must be in the article, never a way to skip words. (A quote that is
not found is compared once more as it looks, lookalike.disguise, only to name the
invisible or look-alike character that stops it.)

A match must also begin and end on token boundaries of the article: "1,000" is not a
quote of "41,000", nor "related" of "unrelated". A number with its "," and "." groups
is one token, and so is a word with its inner hyphens and apostrophes. And a match
never leaves the article body: the lines a source marks as page furniture (captions,
"Advertisement", other stories' headlines) split the text into separate segments.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property, lru_cache

from .lookalike import Folded

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
_DASHES = "\u2014\u2013\u2012\u2212"

# A word or a number: letters and digits, joined by inner hyphens and apostrophes, and
# digits joined by "," or "." (31,000; 41.4).
_TOKEN = re.compile(r"[^\W_]+(?:(?:(?<=[0-9])[.,](?=[0-9])|['-](?=[^\W_]))[^\W_]+)*")
_RUN = re.compile(r"[^\W_]+")  # letters and digits: a token's first run, up to any joiner
MAX_PLACES = 1000  # places a quote is looked at in one archive: no real quote recurs that often
INDEX_AFTER = 200  # lookups of quotes in one archive before its token index pays for itself


def _first_step(text: str) -> str:
    # One str.replace per character present: str.translate looks up every character of a
    # non-ASCII text in the table one by one, ten times slower on a whole archive. The
    # replacements hold none of the characters replaced, so the order does not matter.
    for typographic, plain in _TYPOGRAPHY.items():
        if typographic in text:
            text = text.replace(typographic, plain)
    return " ".join(text.split())


def _fold_dashes(text: str) -> str:
    for dash in _DASHES:
        if dash in text:
            text = text.replace(dash, "-")
    return text


# Texts kept normalised: the rules normalise each quote once for every check that reads
# it, and records share quotes; a function of the text alone, so order changes nothing.
NORMALISED_KEPT = 1 << 15


@lru_cache(maxsize=NORMALISED_KEPT)
def normalise(text: str) -> str:
    """Fold typographic quotes, dashes and ellipses, and collapse all whitespace."""
    return _fold_dashes(_first_step(text))


def quotes_digest(quotes: Iterable[str]) -> str:
    """The SHA-256 of a set of quotes, normalised, distinct and sorted, each ending with a
    newline: what a source's confirmation covers, so that a quote added since shows."""
    lines = "".join(f"{q}\n" for q in sorted({normalise(q) for q in quotes}))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


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
    starts: tuple[int, ...] = field(repr=False)  # each token's start and end, in order
    ends: tuple[int, ...] = field(repr=False)

    @classmethod
    def of(cls, lines: list[str], first_line: int) -> Segment:
        plain = _first_step("\n".join(lines))
        # Only the tokens' bounds, found in one pass: an archive holds thousands of tokens.
        spans = [m.span() for m in _TOKEN.finditer(plain)]
        starts, ends = tuple(s for s, _ in spans), tuple(e for _, e in spans)
        return cls(first_line, first_line + len(lines) - 1, _fold_dashes(plain), starts, ends)

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """Every token; a check needs only the one a quote cuts (token_at)."""
        return tuple(self._token(i) for i in range(len(self.starts)))

    def _token(self, i: int) -> Token:
        # Folding dashes changes no token: a dash is neither a letter, a digit nor a joiner.
        return Token(self.starts[i], self.ends[i], self.text[self.starts[i] : self.ends[i]])

    def occurrences(self, quote: str) -> Iterator[int]:
        start = self.text.find(quote)
        for _ in range(MAX_PLACES):
            if start == -1:
                return
            yield start
            start = self.text.find(quote, start + 1)

    def on_boundaries(self, start: int, end: int) -> bool:
        return not (self.cuts(start) or self.cuts(end))

    def cuts(self, position: int) -> bool:
        """Whether position (between characters position-1 and position) is inside a token."""
        i = bisect_right(self.starts, position) - 1
        return i >= 0 and self.starts[i] < position < self.ends[i]

    def token_at(self, position: int) -> Token | None:
        """The token that position cuts, if any."""
        i = bisect_right(self.starts, position) - 1
        return self._token(i) if i >= 0 and self.starts[i] < position < self.ends[i] else None

    @cached_property
    def starts_by_run(self) -> dict[str, list[int]]:
        """Where tokens start, by their first run of letters and digits, in order.

        A quote that starts with a letter or digit can only match on whole tokens where a
        token starts with the quote's own first run (a longer run would cut a token), so
        this index finds its places without reading the whole text.
        """
        index: dict[str, list[int]] = {}
        for start in self.starts:
            run = _RUN.match(self.text, start)
            if run is not None:  # always: a token starts with a letter or digit
                index.setdefault(run.group(), []).append(start)
        return index


@dataclass(frozen=True)
class Place:
    """Where a quote is in a text as archived: its first and last line (from 1), and where
    it starts and ends in those lines' text (joined by newlines)."""

    first_line: int
    last_line: int
    text: str
    start: int
    end: int


# Where normalising changes a text's length: white space at either end (dropped), a run of
# it between words (one space), and a character folded into several ("…" is "...").
# Everything else stays one character for one, its fold or a single space included.
_LONGER = {char: fold for char, fold in _TYPOGRAPHY.items() if len(fold) > 1}
_RESIZED = re.compile(rf"\A\s+|\s+\Z|\s{{2,}}|[{''.join(_LONGER)}]")


def _origins(text: str) -> array[int]:
    """For each character of normalise(text), the index in text of the character it comes
    from: normalising folds and collapses, so an offset in a segment is not one in its lines.

    Only where the length changes is read character by character: every character of a
    cited archive has an origin, and reading them one by one was the validator's slowest
    step."""
    origins, at = array("I"), 0
    for change in _RESIZED.finditer(text):
        start, end = change.span()
        origins.extend(range(at, start))
        if change[0] in _LONGER:
            origins.extend([start] * len(_LONGER[change[0]]))
        elif start > 0 and end < len(text):  # a run of white space between words: its last
            origins.append(end - 1)
        at = end
    origins.extend(range(at, len(text)))
    return origins


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
    text: str = field(default="", repr=False, compare=False)  # as archived: to name a line
    # The body's non-blank lines, by 1-based number, normalised: to tell which a quote cites.
    body_lines: tuple[tuple[int, str], ...] = field(default=(), repr=False, compare=False)
    # How often a quote was looked up in it: see _first_whole_place.
    _lookups: list[int] = field(default_factory=lambda: [0], init=False, repr=False, compare=False)

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
        body_lines = tuple(
            (n, normalise(line)) for n, line in enumerate(lines, start=1) if n not in skip and line.strip()
        )
        return cls(tuple(segments), normalise(text), len(lines), text, body_lines)

    def cited_lines(self, quotes: Iterable[str]) -> set[int]:
        """The body lines that some normalised quote covers, on whole words. Each segment's
        lines are searched as one run, so that a quote across a line break covers both
        lines, and none across a line that is not the article."""
        wanted = [q for q in quotes if q]
        firsts = [segment.first_line for segment in self.body]
        by_segment: dict[int, list[tuple[int, str]]] = {}
        for n, line in self.body_lines:
            by_segment.setdefault(bisect_right(firsts, n) - 1, []).append((n, line))
        cited: set[int] = set()
        for i, lines in by_segment.items():
            starts, at = [], 0
            for _, line in lines:
                starts.append(at)
                at += len(line) + 1
            run = Segment.of([line for _, line in lines], firsts[i])
            for quote in wanted:
                for start in _whole_places(run, quote):
                    first = bisect_right(starts, start) - 1
                    last = bisect_right(starts, start + len(quote) - 1) - 1
                    cited.update(n for n, _ in lines[first : last + 1])
        return cited

    def body_text(self) -> str:
        return " ".join(s.text for s in self.body)

    @cached_property
    def _lines(self) -> list[str]:
        return self.text.split("\n")

    def line_at(self, offset: int) -> int:
        """The archived line that holds a character of body_text(), for a message to point
        at: each segment's text is its lines' normalised words, joined by single spaces."""
        for segment in self.body:
            if offset <= len(segment.text):
                position = 0
                for number in range(segment.first_line, segment.last_line + 1):
                    words = _first_step(self._lines[number - 1])
                    if words and offset <= position + len(words):
                        return number
                    position += len(words) + 1 if words else 0
                return segment.last_line
            offset -= len(segment.text) + 1
        return self.line_count

    @cached_property
    def folded_body(self) -> Folded:
        """The body as it looks (see lookalike), folded once for every quote that needs it."""
        return Folded.of(self.body_text())

    def search(self, quote: str) -> Search:
        """Find a normalised quote on token boundaries inside the body (the first place)."""
        indexed = self._first_whole_place(quote)
        if indexed is not None:
            return Search(Found.MATCH, (indexed,))
        # No whole place, or the index cannot say: read the text, which also tells why.
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

    def locate(self, quote: str) -> Place | None:
        """Where a quote is in the text as archived (its first place, as search finds it),
        to show it in its context; None when it is not in the body on whole words."""
        search = self.search(normalise(quote))
        if search.found is not Found.MATCH:
            return None
        segment, start = search.places[0]
        text, origins = self._as_archived(segment)
        first, last = origins[start], origins[start + len(normalise(quote)) - 1] + 1
        lines = (
            segment.first_line + text.count("\n", 0, first),
            segment.first_line + text.count("\n", 0, last),
        )
        return Place(*lines, text, first, last)

    def _as_archived(self, segment: Segment) -> tuple[str, array[int]]:
        """A segment's lines as archived, and the origin of each of its normalised characters:
        worked out once per segment, not once per quote located in it (a source cited by
        thousands of records is located thousands of times), and kept as an array of
        4-byte numbers, a tenth of a list's memory, as every cited archive keeps its own."""
        known = self._archived_segments
        if segment.first_line not in known:
            text = "\n".join(self._lines[segment.first_line - 1 : segment.last_line])
            known[segment.first_line] = (text, _origins(text))
        return known[segment.first_line]

    @cached_property
    def _archived_segments(self) -> dict[int, tuple[str, array[int]]]:
        return {}

    def _first_whole_place(self, quote: str) -> tuple[Segment, int] | None:
        """The first place where the quote matches on whole tokens, found through each
        segment's index of token starts (at most MAX_PLACES candidate places are looked at).
        None when none is found this way, or the quote does not start with a letter or
        digit, which the index cannot look up: then search() reads the text.

        Looking up candidates instead of reading the whole text for every quote keeps a
        large archive cited by thousands of records from costing time in proportion to
        both; the same place is found as by places(). Reading a text is fast, and building
        its index costs about as much as reading it some hundred times, so an archive gets
        its index only once it has been looked up that often.
        """
        self._lookups[0] += 1
        run = _RUN.match(quote)
        if run is None or self._lookups[0] <= INDEX_AFTER:
            return None
        budget = MAX_PLACES
        for segment in self.body:
            for start in segment.starts_by_run.get(run.group(), ()):
                if budget == 0:
                    return None
                budget -= 1
                if segment.text.startswith(quote, start) and not segment.cuts(start + len(quote)):
                    return segment, start
        return None

    def places(self, quote: str) -> Iterator[tuple[Segment, int, bool]]:
        """Each place the quote occurs in the body, and whether it starts and ends on boundaries."""
        for segment in self.body:
            for start in segment.occurrences(quote):
                yield segment, start, segment.on_boundaries(start, start + len(quote))


def _whole_places(segment: Segment, quote: str) -> Iterator[int]:
    """Where a normalised quote starts on whole tokens in a segment: through the segment's
    index of token starts when the quote starts with a letter or digit (as search does, so
    that many quotes of one long text cost little), else by reading the text."""
    run = _RUN.match(quote)
    if run is None:
        yield from (s for s in segment.occurrences(quote) if segment.on_boundaries(s, s + len(quote)))
        return
    for start in segment.starts_by_run.get(run.group(), [])[:MAX_PLACES]:
        if segment.text.startswith(quote, start) and not segment.cuts(start + len(quote)):
            yield start
