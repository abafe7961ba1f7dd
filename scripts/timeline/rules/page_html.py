"""What the HTML a hand-written page renders to may hold: a short list of harmless elements
and attributes, links only to web, mail or relative addresses, and none of the theme's
ids, names or classes, since the page sits inside the theme's layout.

handwritten.py renders each page as MkDocs does and hands the HTML to scan() here.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

TEXT_ELEMENTS = (
    "a abbr b blockquote br caption cite code col colgroup dd del details dfn div dl dt em "
    "figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark noscript ol p pre q s samp "
    "small span strong sub summary sup table tbody td tfoot th thead time tr u ul var"
)

# The search page's box, which search.js (in the theme) answers: a form with no action
# stays on the page, and no attribute below can send it anywhere.
FORM_ELEMENTS = ("form", "label", "input", "button")

ELEMENTS = frozenset((*TEXT_ELEMENTS.split(), *FORM_ELEMENTS))

VOID_ELEMENTS = frozenset({"br", "col", "hr", "img", "input"})  # no content, no closing tag

# No data-* attribute: the site's scripts read theirs (data-pages, data-overview) as
# addresses to load. No style: a page must not restyle or cover the site's own parts.
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "role", "hidden"})

ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "details": {"open"},
    "label": {"for"},
    "input": {"type", "name", "autocomplete", "spellcheck", "placeholder"},
    "button": {"type"},
}

URL_ATTRIBUTES = frozenset({"href", "src", "cite"})

INPUT_TYPES = frozenset({"search", "text"})  # the search page's box; nothing that asks for a secret

# Attributes whose value names an element (or a form control) by its id or name: the theme's
# and the site's scripts find their own elements so (#__config holds the theme's settings,
# document.forms.search its search box), and a page's element of the same name would come first.
ID_ATTRIBUTES = frozenset(
    {"id", "for", "name", "form", "list", "headers", "aria-activedescendant", "aria-controls"}
    | {"aria-describedby", "aria-details", "aria-errormessage", "aria-flowto", "aria-labelledby", "aria-owns"}
)

# Material's forms' and controls' names (document.forms.search) and its <meta> names; its
# ids all start with _ (tests/test_handwritten.py reads its templates for both).
MATERIAL_NAMES = frozenset(
    {"search", "query", "consent", "feedback", "author", "description", "generator", "viewport"}
)

THEME_CLASS = "md-"  # the theme's classes: its layout and overlays (md-consent__overlay covers the page)

THEME_CLASSES_ALLOWED = frozenset({"md-button", "md-button--primary"})  # the theme's buttons, for links

_NAMED = re.compile(r"""\b(id|name|for)\s*=\s*["']([^"'{}$]+)["']""")


def template_names(folder: Path, attributes: set[str]) -> frozenset[str]:
    """The values that the templates in folder give these attributes of their elements
    (those written from a variable are left out: the theme's start with _, as __nav_…)."""
    return frozenset(
        value
        for template in folder.rglob("*")
        if template.suffix in {".html", ".j2"}
        for attribute, value in _NAMED.findall(template.read_text(encoding="utf-8"))
        if attribute in attributes
    )


# The ids and names the site's scripts look for, beside any starting with _.
TEMPLATES = Path(__file__).parents[1] / "site" / "templates"  # the pages' templates, read as text

THEME_IDS = template_names(TEMPLATES, {"id", "for"})

THEME_NAMES = MATERIAL_NAMES | template_names(TEMPLATES, {"name"})

LINK_SCHEMES = frozenset({"", "http", "https", "mailto"})

SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


def scan(html: str) -> _Scanner:
    """The rendered page, scanned: found holds (a pattern that finds it in the page, message)
    for each element, attribute or address that is not allowed, in the order they occur (and
    None for each closing tag that is allowed, to count where the others are)."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner


class _Scanner(HTMLParser):
    """Collects what the allow-lists refuse. Character references in attribute values
    are decoded first (html.parser does), as a browser decodes them. Where html.parser
    and a browser read markup differently, the browser's reading is checked: a browser
    that runs scripts reads a <noscript>'s content as text up to </noscript>, even inside
    a quoted attribute (so what follows is markup), and ends a comment at --!>."""

    def __init__(self, *, in_noscript: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[re.Pattern[str], str | None]] = []
        self.markers: list[tuple[str, int]] = []  # each data marker's comment, and how many elements are open
        self._noscript: list[str] = []
        self._in_noscript = in_noscript  # its content, read as markup: a <noscript> in it is refused
        self._open: list[str] = []  # the elements open here, refused ones too

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID_ELEMENTS:
            self._open.append(tag)
        if tag not in ELEMENTS or (tag == "noscript" and self._in_noscript):
            self.found.append(
                (
                    _tag(tag),
                    f"<{tag}> is not allowed in a page; only text elements (p, a, em, table, details, "
                    "…) are: remove it, or ask a code owner to add it to the theme (overrides/)",
                )
            )
            return
        if tag == "noscript":
            self.set_cdata_mode(tag)  # text up to </noscript>, as a browser that runs scripts reads it
        allowed = GLOBAL_ATTRIBUTES | ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed and not name.startswith("aria-"):
                self.found.append(
                    (
                        _attribute(name),
                        f"the attribute {name} is not allowed on <{tag}> (no event handlers, "
                        "styles or data-* attributes); remove it",
                    )
                )
            elif value and (
                why := _unsafe_url(name, value) if name in URL_ATTRIBUTES else _theme_value(tag, name, value)
            ):
                self.found.append(why)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)  # a browser reads <div/> as <div>: it stays open

    def handle_data(self, data: str) -> None:
        if self.cdata_elem == "noscript":
            self._noscript.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "noscript":
            self._scan_noscript()
        closing = re.compile(rf"</\s*{re.escape(tag)}(?![\w-])", re.IGNORECASE)
        if tag in self._open:  # it closes its element and any left open inside it
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]
            self.found.append((closing, None))  # counted, so that a refused one is found where it is
        elif tag not in VOID_ELEMENTS:
            self.found.append(
                (
                    closing,
                    f"</{tag}> closes no element the page opened: it would close one of the site's "
                    "own around the page (its layout, its scripts' places); remove it",
                )
            )

    def close(self) -> None:
        if self.cdata_elem == "noscript":  # never closed: html.parser would drop the rest
            self._noscript.append(self.rawdata)
        super().close()
        self._scan_noscript()

    def _scan_noscript(self) -> None:
        """A <noscript>'s content, as a browser without scripts reads it: markup."""
        if not self._noscript:
            return
        inner = _Scanner(in_noscript=True)
        inner.feed("".join(self._noscript))
        inner.close()
        self.found += inner.found
        self._noscript = []

    def handle_comment(self, data: str) -> None:
        if data.startswith(" data:") and not self._in_noscript:
            self.markers.append((data, len(self._open)))
        # A data marker, or a plain note: nothing a browser could end early or read otherwise.
        if re.search(r"[<>]|--|^-|-$", data):
            self.found.append(
                (
                    re.compile(r"<!--"),
                    "a comment may not hold < > or -- (a browser may end it early and read the "
                    "rest as markup); remove them",
                )
            )

    def handle_decl(self, decl: str) -> None:
        self._declaration(decl)

    def handle_pi(self, data: str) -> None:
        self._declaration(data)

    def unknown_decl(self, data: str) -> None:
        self._declaration(data)

    def _declaration(self, text: str) -> None:
        self.found.append(
            (
                re.compile(r"<[!?](?!--)"),
                f"<{printable(text)[:20]}…> (a declaration, processing instruction or CDATA) is not "
                "allowed in a page; remove it",
            )
        )


def _unsafe_url(attribute: str, value: str) -> tuple[re.Pattern[str], str] | None:
    """(where it is written, why) for an address that may not be used, or None: links go
    to web, mail or relative addresses; anything the page loads (src) stays on the site."""
    # A browser ignores tabs and line breaks in an address ("java\tscript:" is
    # "javascript:") and controls and spaces at its ends; any control is dropped here.
    url = printable(value).strip(" ")
    scheme = match[1].lower() if (match := SCHEME.match(url)) else ""
    written = re.compile(re.escape(value[:60]) if value.strip() else _attribute(attribute).pattern)
    if "\\" in url:  # a browser reads a backslash as a slash: "/\host" is "//host", another site
        return written, (
            f"{attribute}='{url[:60]}' holds a backslash, which a browser reads as a slash (and so "
            "may load from another site); write / instead"
        )
    if attribute == "src" and (scheme or url.startswith("//")):
        return written, f"{attribute}='{url[:60]}' loads from another site; load only this site's files"
    if scheme not in LINK_SCHEMES:
        return written, (
            f"{attribute}='{url[:60]}' is a {scheme}: address, which a browser may run; "
            "link to an http(s), mailto: or relative address"
        )
    return None


def _theme_value(tag: str, attribute: str, value: str) -> tuple[re.Pattern[str], str] | None:
    """(where it is written, why) for a value that would take over one of the theme's
    parts, or None: an id or name it uses, a class of its own, an input other than a text
    box. The value is looked for as written ({ #__config }, an admonition's class)."""
    words = value.split()
    names = THEME_IDS | THEME_NAMES if tag in FORM_ELEMENTS or attribute in {"name", "form"} else THEME_IDS
    if attribute in ID_ATTRIBUTES and (taken := [w for w in words if w.startswith("_") or w in names]):
        return _attribute(taken[0]), (
            f"{attribute}='{printable(taken[0])[:40]}' names one of the site's own elements (an id or "
            "name that starts with _ or that the theme uses): its scripts would find this one "
            "instead; choose another"
        )
    if attribute == "class" and (
        theme := [w for w in words if w.startswith(THEME_CLASS) and w not in THEME_CLASSES_ALLOWED]
    ):
        return _attribute(theme[0]), (
            f"the class {printable(theme[0])[:40]} is one of the theme's (md-…), which lay out and "
            "cover the page; use another (only .md-button is allowed, for a link)"
        )
    if tag == "input" and attribute == "type" and value.strip().lower() not in INPUT_TYPES:
        written = re.compile(rf"type\s*=\s*[\"']?{re.escape(value)}", re.IGNORECASE)
        return (
            written,
            f"<input type='{printable(value)[:20]}'> is not allowed in a page; only a search or text box is",
        )
    return None


def printable(text: str) -> str:
    """Text without control characters, to quote it in a message."""
    return re.sub(r"[\x00-\x1f\x7f]", "", text)


def _tag(name: str) -> re.Pattern[str]:
    return re.compile(rf"<\s*{re.escape(name)}(?![\w-])", re.IGNORECASE)


def _attribute(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.IGNORECASE)


class Locator:
    """Where the n-th occurrence of a pattern is in the page's source (line, column), for
    what was found in the rendered HTML: the first body line if the source does not show it
    (an address written with character references)."""

    def __init__(self, text: str, start: int, body_line: int) -> None:
        self.text, self.start, self.body_line = text, start, body_line
        self.seen: Counter[str] = Counter()
        self.matches: dict[str, list[int]] = {}

    def __call__(self, pattern: re.Pattern[str]) -> tuple[int, int]:
        nth = self.seen[pattern.pattern]
        self.seen[pattern.pattern] += 1
        if pattern.pattern not in self.matches:
            self.matches[pattern.pattern] = [m.start() for m in pattern.finditer(self.text, self.start)]
        found = self.matches[pattern.pattern]
        if not found:
            return self.body_line, 1
        at = found[min(nth, len(found) - 1)]
        return self.text.count("\n", 0, at) + 1, at - self.text.rfind("\n", 0, at)
