"""Property-based: whatever Markdown or HTML a field holds, the site's own Markdown pass
(the extensions of mkdocs.yml) reads nothing into it. A plain field leaves a page exactly
the elements and attributes it has with a plain word in its place; a summary adds exactly
what our renderer made of it, nothing more."""

from __future__ import annotations

from collections import Counter
from typing import Any

import markdown
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from htmlscan import scan_text
from timeline.adapters.settings import MkDocsYamlLoader
from timeline.data.markup import md_text, plain, plain_text, rendered_words, summary_html


def page_markdown() -> markdown.Markdown:
    """A Markdown instance with the extensions, and their settings, of the site's mkdocs.yml."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=MkDocsYamlLoader)
    names: list[str] = []
    settings_of: dict[str, Any] = {}
    for entry in config["markdown_extensions"]:
        name = entry if isinstance(entry, str) else next(iter(entry))
        names.append(name)
        if isinstance(entry, dict):
            settings_of[name] = entry[name] or {}
    return markdown.Markdown(extensions=names, extension_configs=settings_of)


PAGE = page_markdown()

# Where the templates put a plain field (md_text), a value without a filter (plain) and a
# summary (summary_html), each inside an HTML block that the page pass reads as Markdown.
PLAIN_PLACES = [
    "#### {x} {{ #e1 .tl-event-title }}\n",
    '<div class="tl-event" markdown>\n\n**{x}**: [{x}](page.md)\n{{ .tl-figure }}\n\n{x}\n\n</div>\n',
    "- [{x}](page.md): {x} ({x})\n",
    "| a | b |\n|---|---|\n| {x} | {x} |\n",
    '<details class="tl-citations" markdown>\n<summary>{x}</summary>\n\n1. {x}\n\n</details>\n',
]
RAW_PLACES = [
    '<div markdown>\n\n<p class="tl-continues">{x}</p>\n\n'
    "<details><summary>S</summary>{x}</details>\n\n</div>\n"
]
SUMMARY_PLACE = '<div class="tl-event" markdown>\n\n<div class="tl-summary">{x}</div>\n\n</div>\n'

CONSTRUCTS = [
    '{: .c #i tabindex="0" autofocus onfocus="alert(1)" }', "{: onclick=x}", "{ #id .class }", "{", "}",
    "===", "---", "***", "# ", "### h", "```", "~~~", "```js", "- ", "* ", "+ ", "1. ", "2) ", "> ",
    "    code", "\t", "<div onclick=alert(1)>", "</div>", '<p markdown="1">', "<script>alert(1)</script>",
    "<b>", "</b>", "<!-- c -->", "<img src=x onerror=alert(1)>", "&amp;", "&#60;", "&lt;", "&#x3c;", "&",
    "[a](https://x.org)", "[a](https://x[b]/)", "[a](javascript:alert(1))", "![i](x.png)", "[a]: https://x.org",
    "[a][b]",
    "<https://x.org>", "<a@x.org>", "!!! note", "| a | b |", "|---|---|", ": def", "*e*", "__s__",
    "`c`", "\\", "\\{", "[", "]", "(", ")", "|", "=", ":", "word", "Words here.",
]  # fmt: skip
texts = st.lists(
    st.tuples(st.sampled_from(CONSTRUCTS), st.sampled_from(["", " ", "\n", "\n\n", "  \n"])),
    min_size=1,
    max_size=12,
).map(lambda parts: "".join(c + sep for c, sep in parts).strip() or "word")


def elements(html: str) -> Counter[tuple[str, tuple[str, ...]]]:
    """Each element of a piece of HTML, as its tag and the names of its attributes."""
    return Counter(scan_text(html).elements)


def pass_of(place: str, text: str) -> str:
    PAGE.reset()
    return PAGE.convert(place.format(x=text))


SETTINGS = settings(max_examples=80, deadline=None)


@SETTINGS
@given(texts)
def test_a_plain_field_makes_the_same_elements_as_a_plain_word(text: str):
    for place in PLAIN_PLACES:
        assert elements(pass_of(place, md_text(text))) == elements(pass_of(place, "word")), place
    for place in RAW_PLACES:
        assert elements(pass_of(place, plain(text))) == elements(pass_of(place, "word")), place


@SETTINGS
@given(texts)
def test_a_summary_makes_exactly_what_the_renderer_made_of_it(text: str):
    rendered = summary_html(text)
    expected = elements(pass_of(SUMMARY_PLACE, "<p>word</p>")) - elements("<p>word</p>") + elements(rendered)
    assert elements(pass_of(SUMMARY_PLACE, rendered)) == expected
    allowed = {"p", "li", "ul", "ol", "blockquote", "code", "pre", "em", "strong", "a", "span", "hr", "br"}
    assert {tag for tag, _ in elements(rendered)} <= allowed
    assert {a for _, attributes in elements(rendered) for a in attributes} <= {"href", "rel", "title"}


# Prose as contributors write it: words, numbers, punctuation and every character that can
# start Markdown, at a line's start or inside it, with every kind of gap between them.
WORDS = [
    "Police", "said", "2023", "41.4", "1.", "3)", "#", "-", "+", "*", "_", ">", "=", "|", ":", "~", "`",
    "[x]", "(y)", "!", "&amp;", "<b>", "\\", "\t", "    ", "\u00a0", "\r", "“q”", ",", ".",
    "*the storyline*", "*a", "b*", "**", "*",
]  # fmt: skip
prose = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", "\n", "\n\n", ""])), min_size=1).map(
    lambda parts: "".join(word + gap for word, gap in parts)
)


@settings(max_examples=400, deadline=None)
@given(prose)
def test_text_that_skips_the_renderer_reads_as_the_renderer_reads_it(text: str):
    """plain_text reads markup-free text (or text whose only markup is emphasis with
    single asterisks) without rendering it: it must say exactly what the rendered text
    says, whatever the text holds."""
    assert plain_text(text) == rendered_words(text)
