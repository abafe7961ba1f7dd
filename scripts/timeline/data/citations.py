"""Citations in a hand-written page: a Markdown footnote whose text is `source-id: "quote"`.

The home page's prose tells the story in our words, so it is cited like a record: a
sentence ends in a footnote marker (`…handed over to China.[^occrp]`) and the footnote's
definition, on a line of its own, names the source and quotes it
(`[^occrp]: occrp-2023-11-24-31000-scammers: "Chinese officials said Tuesday"`). The
validator checks the quote against the archive as it checks a record's; the build writes
the footnote as the source's publisher, linked to its page, and the quote. Its own module,
without the checks or the renderers, so that both find the same footnotes at the same places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markers import body_start

# A footnote's definition as Python-Markdown's footnotes extension reads it: up to three
# spaces, [^label]:, then its text (four spaces would make it code).
DEFINITION = re.compile(r"^[ ]{0,3}\[\^([^\]\s]+)\]:[ \t]*(.*)$", re.MULTILINE)
# Its text as a citation: a source's id, a colon, and the quote in straight or curly double
# quotes, to the end of the line.
CITATION = re.compile(r"""([a-z0-9][a-z0-9-]*):[ \t]+["“](.*)["”][ \t]*""")
REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")


@dataclass(frozen=True)
class Citation:
    """What a citation footnote says: the source's id, and the quote with the column it starts at."""

    source: str
    quote: str
    col: int


@dataclass(frozen=True)
class Footnote:
    """A footnote's definition: its label, where its text is (offsets, line, column) and the
    citation it makes, if its text is one on a line of its own (followed by a blank line,
    another footnote or the page's end: a line after it would continue it unchecked)."""

    label: str
    start: int
    end: int
    line: int
    col: int
    cited: Citation | None


def footnotes(text: str) -> list[Footnote]:
    """The footnotes a page defines after its front matter, in order (text with \\n ends)."""
    found = []
    for match in DEFINITION.finditer(text, body_start(text)):
        col = match.start(2) - match.start() + 1
        after = text[match.end() + 1 :].split("\n", 1)[0]
        alone = match.end() >= len(text) or not after.strip() or bool(DEFINITION.match(after))
        quoted = CITATION.fullmatch(match[2]) if alone else None
        cited = Citation(quoted[1], quoted[2], col + quoted.start(2)) if quoted else None
        line = text.count("\n", 0, match.start()) + 1
        found.append(Footnote(match[1], match.start(2), match.end(2), line, col, cited))
    return found


def references(text: str) -> list[tuple[str, int]]:
    """The footnote markers a page's body uses (label, offset), in order."""
    return [(m[1], m.start()) for m in REFERENCE.finditer(text, body_start(text))]


def cite(text: str, written: dict[str, str]) -> str:
    """The text with each citation footnote's text replaced by what written gives for its
    label (a footnote written gives nothing for keeps its text)."""
    pieces, at = [], 0
    for note in footnotes(text):
        if note.label in written:
            pieces += [text[at : note.start], written[note.label]]
            at = note.end
    return "".join([*pieces, text[at:]])


def uncited(text: str) -> str:
    """The page without its footnotes (markers and definitions): for a project whose data
    lacks the sources the real page quotes, such as the benchmark's generated one."""
    return REFERENCE.sub("", DEFINITION.sub("", text)).replace("\n\n\n", "\n\n")
