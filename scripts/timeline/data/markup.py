"""Making data text safe to put into a page.

Pages are Markdown with some HTML inside, so a contributor's text can go wrong in
two ways: as HTML (``<script>``) and as Markdown (``[x](javascript:…)``, ``{: attr}``).
Plain fields are escaped for both. Summaries, which are Markdown on purpose, are
rendered here by a locked-down Markdown instance: raw HTML is shown as text, images
become their alt text, and links keep only http(s), mailto and in-page targets.

Whatever this module hands a page is read once more by the site's own Markdown pass
(attribute lists, Markdown inside HTML blocks). So every character of a contributor's
text that Markdown could act on, and every line break, is written as a numeric character
reference: a browser shows the same text, and the second pass finds nothing to parse.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from urllib.parse import quote, urlsplit
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_SCHEMES = ("http", "https", "mailto")


def _references(chars: str) -> dict[int, str]:
    """A translation table: each of chars as a numeric character reference, and the
    three HTML characters as their named ones."""
    html_characters = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
    return str.maketrans({char: f"&#{ord(char)};" for char in chars} | html_characters)


# Every ASCII character Markdown or its extensions give a meaning (emphasis, code, links,
# attribute lists, headings and setext underlines, lists, tables, admonitions, HTML and
# entities) and every line break, as a character reference. Quotes and apostrophes mean
# nothing to Markdown and stay readable.
_INERT = _references("\\`*_{}[]()#+-.!|=~:\n\r\t")
_LEADING_SPACES = re.compile(r"^ +")  # four would start a code block


def inert(text: str) -> str:
    """Text as HTML that no Markdown pass can read anything into."""
    escaped = str(text).translate(_INERT)
    return _LEADING_SPACES.sub(lambda spaces: "&#32;" * len(spaces[0]), escaped)


def md_text(text: str) -> Markup:
    """Plain text for a Markdown context: shown as written, never read as HTML or Markdown."""
    return Markup(inert(text))


# What may stay in a value a template writes without a filter (an id, a relative link, a
# date, a number, an address from safe_url), where a character reference would change it:
# everything else that could start a Markdown construct of its own is referenced.
_PLAIN = _references("\\`{}[]()|\n\r\t\"'")


def plain(value: object) -> object:
    """What a template writes for a value without a filter (Jinja's finalize): HTML
    escaped as autoescaping would, and with no line break, attribute list, link or code
    span for the page's Markdown pass to read. Markup (a filter's output) is left alone."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return Markup(value.translate(_PLAIN))


# The renderer's HTML, tag by tag: its serialiser escapes "<" and ">" in text and in
# attribute values, so every "<" starts a tag and every ">" ends one.
_TAG = re.compile(r"(<[^<>]*>)")


def _inert_html(rendered: str) -> str:
    """The renderer's HTML with its text made inert, its tags as they are.

    White space between two tags (the renderer's line breaks between blocks) becomes one
    space, which a browser shows the same."""
    parts = _TAG.split(rendered)
    for i in range(0, len(parts), 2):  # the text between the tags
        text = html.unescape(parts[i])
        parts[i] = " " if text.isspace() and "\n" in text else inert(text)
    return "".join(parts)


_HEAD_SAFE = str.maketrans({"<": "‹", ">": "›", "&": "＆", '"': "”", "'": "’", "\n": " ", "\r": " "})


def head_text(text: str, limit: int = 300) -> str:
    """Text for a page's title and description, which the theme writes unescaped.

    Material's templates do not autoescape, and `striptags` on a title undoes any
    escaping, so markup characters are replaced by look-alikes instead.
    """
    flat = " ".join(str(text).translate(_HEAD_SAFE).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"


# What YAML reads otherwise than JSON writes it: the C1 controls, the line breaks YAML
# folds (U+0085, U+2028, U+2029) and the characters YAML may not hold (U+FEFF is let
# through by readers but invisible; U+FFFE, U+FFFF are not printable).
_YAML_UNSAFE = re.compile("[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]")


def yaml_quoted(value: str) -> str:
    """A YAML double-quoted scalar that any YAML loader (libyaml's too) reads back as
    exactly value: JSON written without ASCII escapes, so that a character beyond U+FFFF
    stays itself (JSON's surrogate pair escapes are refused by YAML), with what YAML would
    misread escaped."""
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(value, ensure_ascii=False))


def safe_url(url: str | None) -> str | None:
    """An http(s) address made safe inside Markdown link syntax, or None."""
    if not url or _scheme(url) not in ("http", "https"):
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%~").replace("(", "%28").replace(")", "%29")


def _scheme(url: str) -> str | None:
    """A link's scheme, or None where Python cannot read the address at all (a bracketed
    host that is no IP address, 'https://x[b]/', raises): such a link is not kept."""
    try:
        return urlsplit(url).scheme
    except ValueError:
        return None


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _Sanitise(Treeprocessor):
    """Drop unsafe link targets, turn images into their alt text and headings into
    paragraphs (a heading would enter the page's outline and table of contents)."""

    def run(self, root: Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag in _HEADINGS:
                    child.tag = "p"
                elif child.tag == "img":
                    span = Element("span")
                    span.text = child.get("alt", "")
                    span.tail = child.tail
                    parent[list(parent).index(child)] = span
                elif child.tag == "a":
                    href = child.get("href", "")
                    scheme = _scheme(href)
                    if scheme not in SAFE_SCHEMES and not href.startswith("#"):
                        child.attrib.pop("href", None)
                    elif scheme in ("http", "https"):
                        child.set("rel", "noopener")


class _SafeMarkdown(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Sanitise(md), "sanitise", 0)


# XHTML: the page pass (md_in_html) drops what follows an <hr> without its slash.
_RENDERER = markdown.Markdown(extensions=[_SafeMarkdown()], output_format="xhtml")


def plain_text(text: str) -> str:
    """A summary's words without Markdown or HTML, for metadata: '5 < 6' stays '5 < 6'.

    The result is text, not HTML: whoever writes it out escapes it for its context
    (structured.json_ld escapes what could close its script). Most summaries hold no
    markup at all, and read as written without being rendered: the validator reads every
    summary this way, and rendering them all was most of its time on a large project. Nor
    does a text whose only markup is emphasis with single asterisks ("the *Shalo*
    storyline"): its words are the text's, without the asterisks of each pair."""
    if _BLOCK_START.search(text) is None:
        if _INLINE_MARKUP.search(text) is None:
            return " ".join(text.split())
        if "**" not in text and _CODE_OR_LIST.search(text) is None:
            unmarked = _EMPHASIS.sub(r"\1", text)
            if _INLINE_MARKUP.search(unmarked) is None:
                return " ".join(unmarked.split())
    return rendered_words(text)


# What Markdown could act on: a character that marks up text inline (or a control
# character), and a line that starts a heading, quotation, list, setext underline or rule.
_INLINE_MARKUP = re.compile(r"[\\`*_\[\]<>&!\r\x00-\x08\x0b\x0c\x0e-\x1f]")
_BLOCK_START = re.compile(r"^[ \t]*(?:[#>+=|:~-]|\d+[.)])", re.MULTILINE)
# A pair of single asterisks around words on one line, which the renderer makes emphasis:
# the first after a space or bracket (or first), the last before a space, a stop or a
# bracket (or last), each touching a word; unless a line starts a list item ("* ") or code
# (indented), where an asterisk is itself.
_EMPHASIS = re.compile(r"(?<![^\s(])\*([^\s*](?:[^*\n]*[^\s*])?)\*(?![^\s.,;:)])")
_CODE_OR_LIST = re.compile(r"^(?: {4}|\t|[ \t]*\*[ \t\n]|[ \t]*\*$)", re.MULTILINE)


def rendered_words(text: str) -> str:
    """plain_text's words, read from the rendered summary."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", summary_html(text))).split())


@lru_cache(maxsize=65536)
def summary_html(text: str) -> Markup:
    """A summary's Markdown as safe HTML (paragraphs, emphasis, lists, safe links), with
    its text inert to the page's own Markdown pass.

    Cached: an event's summary shows on the timeline and on its topics' pages, and is
    converted once per build."""
    _RENDERER.reset()
    return Markup(_inert_html(_RENDERER.convert(str(text))))


_OPENING = {'"': "“", "“": "“", "”": "“"}  # a double mark that opens a quotation, by what precedes it
_INNER = {"“": "‘", "”": "’"}


def _curled(text: str) -> str:
    """Straight and curly double quotation marks as curly ones: opening at the start or
    after a space or bracket, closing elsewhere."""
    marks = []
    for i, char in enumerate(text):
        if char in _OPENING:
            opens = i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–"
            char = "“" if opens else "”"
        marks.append(char)
    return "".join(marks)


def quotation(text: str) -> str:
    """A quoted passage in quotation marks, nested once and correctly.

    A passage may itself contain quotation marks: one that is entirely one quotation
    ('"It was."') keeps its own marks and gets none added; otherwise the passage goes in
    “ ” and the double marks inside it become single ones (‘ ’), so that no page shows
    doubled marks such as ""With. Apostrophes and single marks are left as written.
    """
    curled = _curled(str(text).strip())
    inner = curled[1:-1]
    if len(curled) > 1 and curled[0] == "“" and curled[-1] == "”" and not any(m in inner for m in _INNER):
        return curled
    return "“" + "".join(_INNER.get(char, char) for char in curled) + "”"
