"""The home page's citations: each footnote of docs/index.md is a quote of a source, checked
against the archive exactly as a record's quote is (quoting.py), so that the story's first
sentences rest on the articles as every event does. A footnote there is only ever a
citation: an ordinary note would read, in the same list, as if a source said it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from ..data.citations import Footnote, footnotes, references
from ..data.files import DOCS, read_limited, relative
from ..data.load import MAX_BYTES, decode
from ..data.paths import HOME
from ..data.problems import Example, Problem, Rule, shown
from ..data.quotes import Archive, Found, normalise
from ..data.schema_errors import QUOTE_TOO_SHORT
from .quoting import not_matched

PAGE_CITATION = Rule(
    "page-citation",
    "error",
    'each footnote of the home page is a citation on a line of its own, source-id: "quote", of a '
    "source with an archived text, and each footnote marker has its footnote",
    'write the footnote as [^label]: source-id: "the exact quote"',
    fails=(
        Example("bad/home-footnote-not-a-citation"),
        Example("bad/home-citation-unknown-source"),
    ),
)

WORD = re.compile(r"\S*[^\W_]\S*")  # a word holds a letter or a digit, as the schema counts them
MIN_WORDS = 4  # as a record's citation: fewer could back any sentence


def check_home_citations(root: Path, pages: list[Path], archives: Mapping[str, Archive]) -> Iterator[Problem]:
    """Every footnote of the home page, and every marker that points at one."""
    home = f"{DOCS}/{HOME}"
    path = next((p for p in pages if relative(p, root) == home), None)
    raw = read_limited(path, home, MAX_BYTES, "")[0] if path is not None else None
    text = decode(raw, home)[0] if raw is not None else None  # what cannot be read, handwritten reports
    if text is None:
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as MkDocs reads it
    notes = footnotes(text)
    for note in notes:
        yield from _citation(note, home, archives)
    defined = {note.label for note in notes}
    for label, at in references(text):
        if label not in defined:
            line, col = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
            message = (
                f"the footnote marker [^{shown(label)}] has no footnote: add a line "
                f'[^{shown(label)}]: source-id: "the exact quote" below the paragraph'
            )
            yield PAGE_CITATION.problem(home, line, col, message)


def _citation(note: Footnote, home: str, archives: Mapping[str, Archive]) -> Iterator[Problem]:
    """One footnote's problem, if any: not a citation alone on its line, an unknown source, a
    quote too short, or one that is not a whole-word passage of the article."""
    cited = note.cited
    if cited is None:
        message = (
            f"the footnote [^{shown(note.label)}] is not a citation: on the home page each footnote is "
            'one line, source-id: "the exact quote", followed by a blank line; write it so'
        )
        yield PAGE_CITATION.problem(home, note.line, note.col, message)
        return
    if cited.source not in archives:
        message = (
            f"no source '{shown(cited.source)}' with an archived text (sources/<id>.yml and .txt): "
            "correct the id"
        )
        yield PAGE_CITATION.problem(home, note.line, note.col, message)
        return
    wanted = normalise(cited.quote)
    if len(WORD.findall(wanted)) < MIN_WORDS:
        message = (
            f"the quote '{shown(wanted)}' has fewer than four words, and so could back any sentence; "
            "quote the passage that says what the sentence says"
        )
        yield QUOTE_TOO_SHORT.problem(home, note.line, cited.col, message)
        return
    archive = archives[cited.source]
    search = archive.search(wanted)
    if search.found is not Found.MATCH:
        rule, message = not_matched(search.found, search.cut, wanted, cited.source, archive)
        yield rule.problem(home, note.line, cited.col, message)
