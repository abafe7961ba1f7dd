"""Escaping and sanitising text for pages."""

from __future__ import annotations

import html
import re

import markdown
import pytest

from timeline.data.markup import head_text, md_text, quotation, safe_url, summary_html

PAGE_MARKDOWN = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "toc", "admonition"])


def page(text: str) -> str:
    PAGE_MARKDOWN.reset()
    return PAGE_MARKDOWN.convert(text)


def test_md_text_leaves_nothing_for_markdown_or_html_to_interpret():
    hostile = "<i>x</i> [l](javascript:alert(1)) *e* _u_ `c` # {: .x } | & \\ ! 1. - +"
    built = page(f"#### {md_text(hostile)} {{ #id }}")
    assert built.startswith('<h4 id="id">') and built.endswith("</h4>") and built.count("<") == 2
    assert html.unescape(built.removeprefix('<h4 id="id">').removesuffix("</h4>")) == hostile


# What a page's own Markdown pass reads into text placed in an HTML block: attribute lists
# on a paragraph, a heading, a list item or a quotation, setext underlines, fences.
SECOND_PASS = [
    'Said 31,000.\n{: tabindex="0" autofocus onfocus="alert(1)" }',
    '# Head {: onmouseover="alert(1)" style="position:fixed" }',
    "- item\n{: onclick=alert(1) }",
    "> quoted\n{: onclick=alert(1) }",
    "Line\n===\n\nMore\n---",
    "```\n<b onclick=alert(1)>\n```",
    "Before\n\n---\n\nAfter a rule",  # the page pass once dropped what followed an <hr>
]


@pytest.mark.parametrize("text", SECOND_PASS)
def test_a_summary_is_markdown_once_and_never_again(text: str):
    once = str(summary_html(text))
    again = page(f'<div class="x" markdown>\n\n<div class="tl-summary">{once}</div>\n\n</div>\n')
    assert not re.search(r"<h\d|\son\w+=|style=|tabindex=", again)
    expected = f'<div class="x"><div class="tl-summary">{once}</div></div>'
    assert re.sub(r"\s+", "", again) == re.sub(r"\s+", "", expected)


@pytest.mark.parametrize("text", SECOND_PASS)
def test_plain_text_is_text_on_its_own_line_in_a_markdown_block(text: str):
    built = page(f"<div markdown>\n\nBefore\n\n{md_text(text)}\n\n</div>\n")
    assert re.findall(r"<(\w+)", built) == ["div", "p", "p"]
    assert html.unescape(re.sub(r"<[^>]*>", "", built).strip()) == f"Before\n{text}"


def test_md_text_keeps_quotes_and_apostrophes_readable():
    assert page(str(md_text('Myanmar\'s "junta"'))) == '<p>Myanmar\'s "junta"</p>'


def test_summary_html_renders_markdown_but_not_html_images_or_unsafe_links():
    html = summary_html(
        "Said *this*.\n\n<div>raw</div>\n\n![i](http://other.example/i.png) "
        "[a](https://x.org) [b](javascript:alert(1)) [c](data:text/html,x) [d](#anchor)"
    )
    assert "<em>this</em>" in html
    assert "&lt;div&gt;raw&lt;/div&gt;" in html
    assert "<img" not in html and "other.example" not in html
    assert '<a href="https://x.org" rel="noopener">a</a>' in html
    assert "<a>b</a>" in html and "<a>c</a>" in html
    assert '<a href="#anchor">d</a>' in html


def test_a_link_python_cannot_read_loses_its_address_and_stops_nothing():
    # urlsplit raises on a bracketed host that is no IP address
    assert "<a>a</a>" in summary_html("See [a](https://x[b]/) here.")
    assert safe_url("https://x[b]/") is None


def test_safe_url_accepts_only_http_and_keeps_markdown_intact():
    assert safe_url("https://x.org/a_(b)?q=1") == "https://x.org/a_%28b%29?q=1"
    assert safe_url("https://x.org/a b") == "https://x.org/a%20b"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(None) is None


def test_head_text_replaces_markup_characters_and_shortens():
    assert head_text('A <b> & "c" it\'s\nnew') == "A ‹b› ＆ ”c” it’s new"
    long = head_text("word " * 100, limit=30)
    assert len(long) <= 30 and long.endswith("…")


@pytest.mark.parametrize(
    ("passage", "shown"),
    [
        ("plain words", "“plain words”"),
        ('"China has played a role."', "“China has played a role.”"),  # one quotation: no marks added
        ("“China has played a role,”", "“China has played a role,”"),
        ('"Since August, it declined," CCTV said.', "“‘Since August, it declined,’ CCTV said.”"),
        ('handed over to us in 2023," said CCTV', "“handed over to us in 2023,’ said CCTV”"),
        ('had "cracked down heavily on gangs', "“had ‘cracked down heavily on gangs”"),
        ("known as “Operation 1027” as part", "“known as ‘Operation 1027’ as part”"),
        ('"One" and "two"', "“‘One’ and ‘two’”"),  # two quotations, not one
        ("Myanmar’s junta, 'so-called'", "“Myanmar’s junta, 'so-called'”"),
        ('"', "“‘”"),
    ],
)
def test_quotation_nests_marks_once(passage: str, shown: str):
    assert quotation(passage) == shown
    assert not re.search('["“”]{2}', shown)  # never a doubled mark
