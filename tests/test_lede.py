"""The home page's lede and prose: every sentence cited and checked, the citations shown as
the publisher and the quote, and the lede with its citations on the first screen at 1280 ×
800 and 390 × 844, in both colour schemes, without sideways scrolling or axe violations.

Screenshots of the first screen go to test-artifacts/screenshots/home-lede-*.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from browser import axe_violations
from conftest import FIXTURES, REPO, make_project, real_dataset, real_result, run_cli
from timeline.data.citations import footnotes
from timeline.data.markers import MARKER, body_start
from timeline.site.home import home_page
from timeline.site.info import SiteInfo
from timeline.site.views import Context

HOME = REPO / "docs" / "index.md"
SHOTS = REPO / "test-artifacts" / "screenshots"
# Paragraphs that are about the site or lead into it, not the story: nothing to cite.
NOT_STORY = ("{ .tl-about }", "{ .tl-lede-links }", "{ .md-button")
SENTENCE_END = re.compile(r"(?<=[.?!])((?:\[\^[^\]]+\])*)\s+(?=[A-Z“\"])")
CITED = re.compile(r"\[\^([^\]\s]+)\]")


def story_paragraphs(text: str) -> list[str]:
    """The page's paragraphs of story: not a heading, a data marker, a footnote's definition,
    or a paragraph marked as about the site."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text[body_start(text) :]) if b.strip()]
    return [
        b
        for b in blocks
        if not b.startswith(("#", "[^")) and not MARKER.fullmatch(b) and not any(m in b for m in NOT_STORY)
    ]


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences, each with the footnote markers that follow its full stop."""
    marked = SENTENCE_END.sub(lambda m: m[1] + "\n", " ".join(paragraph.split()))
    return marked.split("\n")


def test_a_paragraph_splits_into_its_sentences_with_their_markers():
    text = "It rained.[^a] Then it stopped; the sun came out.[^b][^c] No one said so."
    assert sentences(text) == [
        "It rained.[^a]",
        "Then it stopped; the sun came out.[^b][^c]",
        "No one said so.",
    ]


def test_every_sentence_of_the_home_page_carries_a_checked_citation():
    """The lede and "What happened" are our words on the first screen: each sentence ends in a
    citation that the validator checked against the archive (it reports no problem on the page)."""
    text = HOME.read_text(encoding="utf-8")
    cited = {note.label for note in footnotes(text) if note.cited is not None}
    found = [s for p in story_paragraphs(text) for s in sentences(p)]
    assert len(found) >= 10  # the lede's three sentences and "What happened"
    uncited = [s for s in found if not set(CITED.findall(s)) & cited]
    assert uncited == []
    assert [p.text() for p in real_result().problems if p.path == "docs/index.md"] == []


def test_a_wrong_quote_on_the_home_page_fails_the_validator_at_its_line(tmp_path: Path):
    root = make_project(tmp_path / "p", FIXTURES / "bad" / "home-citation-wrong-quote")
    code, out = run_cli("--root", str(root))
    assert code == 1
    assert out.startswith("docs/index.md:10:20: error: quote not found in sources/tribune.txt")
    assert out.splitlines()[0].endswith("[quote-not-found]")
    assert "Traceback" not in out


def test_a_right_quote_on_the_home_page_passes(tmp_path: Path):
    root = make_project(tmp_path / "p", FIXTURES / "bad" / "home-citation-wrong-quote")
    page = root / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("14,000", "41,000"), encoding="utf-8")
    code, out = run_cli("--root", str(root))
    assert (code, out.splitlines()[-1]) == (0, "8 files checked, 0 errors")


@pytest.mark.build
def test_a_citation_shows_its_publisher_linked_to_its_source_and_the_quote(built_site: Path):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    note = html[html.index('<li id="fn:handed-over">') :]
    note = note[: note.index("</li>")]
    assert (
        '<a href="sources/sideth-2023-11-31000-handed-over/">sideth&#46;com</a>: “Myanmar authorities' in note
    )
    assert "sideth-2023-11-31000-handed-over:" not in html  # no raw citation is left
    lede = html[html.index('<p class="tl-lede">') :]
    assert lede.index('href="#fn:handed-over"') < lede.index("</p>")


HOSTILE = """---
title: Home
---

Text.[^a]

[^a]: sideth-2023-11-31000-handed-over: "<script>alert(1)</script> *x* [y](javascript:z) `c`"
"""


def test_a_citations_quote_is_written_as_text():
    """The build writes a citation from the page as it is (the validator, which runs first,
    would refuse this quote): whatever its characters, they reach the page as text."""
    page = home_page(Context.of(real_dataset(), SiteInfo()), HOSTILE, "index.md", "docs/index.md").content
    note = page[page.index("[^a]:") :]
    assert "<script>" not in note and "](javascript:" not in note and "*x*" not in note
    assert note.startswith("[^a]: [sideth&#46;com](sources/sideth-2023-11-31000-handed-over.md): “")


# --- the first screen, in a browser --------------------------------------------------------------

SCREENS = {1280: 800, 390: 844}
FIRST_SCREEN = """() => {
    const bottom = el => el.getBoundingClientRect().bottom;
    const lede = document.querySelector('.tl-lede');
    return {
        title: bottom(document.querySelector('article h1')),
        lede: bottom(lede),
        markers: [...lede.querySelectorAll('.footnote-ref')].map(bottom),
        links: bottom(document.querySelector('.tl-lede-links')),
        sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
}"""


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", SCREENS)
def test_the_lede_and_its_citations_are_on_the_first_screen(
    browser: Browser, base_url: str, width: int, scheme: str
):
    height = SCREENS[width]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url)
    seen = page.evaluate(FIRST_SCREEN)
    page.screenshot(path=SHOTS / f"home-lede-{width}-{scheme}.png")
    violations = axe_violations(page)
    context.close()
    assert len(seen["markers"]) == 3  # one citation a sentence
    assert max(seen["title"], seen["lede"], seen["links"], *seen["markers"]) <= height, seen
    assert seen["sideways"] <= 0
    assert violations == []
