"""The hand-written pages in docs/: prose for readers, and nothing that runs.

A change to docs/*.md needs no code owner (.github/CODEOWNERS), so this check is what
stands between such a pull request and every reader. A page starts with its front matter
(a plain title, and a plain description), read as MkDocs reads it, then holds Markdown
with a short list of harmless HTML elements and attributes, and links only to web, mail
or relative addresses. Exactly the Markdown MkDocs renders (the whole file, front matter
included, when MkDocs cannot load the front matter) is rendered with the extensions that
mkdocs.yml enables, and the HTML that results is what is checked, because that is what a
browser runs: raw HTML, attribute lists (``{: onclick=... }``) and link targets all end up
there. The page sits inside the theme's layout, so it may close no element it did not
open and use none of the theme's ids, names or classes. A page at an address the build
writes (timeline.md, anything under entities/, data/, assets/), or at another page's
(x.md and x/index.md), is refused too: one of the two would silently replace the other.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml

from ..data.files import DOCS, read_limited, relative
from ..data.load import MAX_BYTES, decode, load_bytes
from ..data.markers import ANY_MARKER, FRONT_MATTER, MARKERS, Marker, placed_markers
from ..data.paths import GENERATED, HOME, INDEX_FOLDER, address_name
from ..data.problems import Problem
from ..data.records import ENTITY, EVENT, Record
from ..data.vocabulary import TOPIC

# mkdocs.yml's markdown_extensions (tests/test_handwritten.py keeps the two the same).
MARKDOWN_EXTENSIONS = ("toc", "attr_list", "md_in_html", "tables", "admonition")

# The front matter MkDocs reads, as mkdocs.utils.meta reads it: markers.FRONT_MATTER, then
# PyYAML's safe loader, the C one when there is one; a block it cannot load into a mapping
# is rendered as the page's text. The theme writes its values into the page's <head>
# without escaping them, so they are plain text.
MKDOCS_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FRONT_MATTER_KEYS = ("title", "description")
MARKUP = re.compile(r'[<>"]')

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
PAGE_PATH = re.compile(r"(?:[a-z0-9-]+/)*[a-z0-9-]+\.md")
REPEATABLE_MARKERS = ("count",)  # writes a number, no chart or map
SITEMAP = "sitemap"  # MkDocs writes sitemap.xml and sitemap.xml.gz at the site's root
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
# What Material's templates folder holds: MkDocs publishes its files (assets/, 404.html).
MATERIAL_FILES = frozenset(
    {
        "404",
        "assets",
        "base",
        "blog",
        "blog-post",
        "fragments",
        "main",
        "mkdocs_theme",
        "partials",
        "redirect",
    }
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


@dataclass(frozen=True)
class MarkerWords:
    """What the home page's markers may name: topics' ids (storylines) and the measures that
    figures report (numbers, reports, figures); a word of neither would break the build or
    show nothing."""

    topics: frozenset[str] = frozenset()
    measures: frozenset[str] = frozenset()

    @classmethod
    def of(cls, records: list[Record]) -> MarkerWords:
        return cls(
            frozenset(r.id for r in records if r.kind is ENTITY and r.data.get("kind") == TOPIC),
            frozenset(
                figure["measure"]
                for r in records
                if r.kind is EVENT and isinstance(figures := r.data.get("figures"), list)
                for figure in figures
                if isinstance(figure, dict) and isinstance(figure.get("measure"), str)
            ),
        )


TOPIC_MARKERS = ("storylines",)
MEASURE_MARKERS = ("numbers", "reports", "figures")


def check_pages(root: Path, pages: list[Path], words: MarkerWords) -> list[Problem]:
    """Every problem of the hand-written pages (Markdown files under docs/)."""
    problems: list[Problem] = []
    addresses: dict[str, str] = {}
    for path in sorted(pages, key=Path.as_posix):
        shown = relative(path, root)
        page = shown.removeprefix(f"{DOCS}/")
        problems += _page_path(page, shown, root)
        if (taken := addresses.setdefault(_page_address(page), shown)) != shown:
            message = (
                f"this page and {taken} get the same address, where only one of them would be "
                f"published: rename this one, or merge the two (x.md and x/index.md are both x/)"
            )
            problems.append(Problem(shown, 1, 1, "page-address", message))
        raw, read_problems = read_limited(path, shown, MAX_BYTES, "split the page into shorter pages")
        problems += read_problems
        if raw is not None:
            problems += check_page(raw, shown, words if page == HOME else None)
    return problems


def _page_address(page: str) -> str:
    """The address MkDocs gives a page, in lower case (as on a file system that ignores
    letter case): x.md, x/index.md and x/README.md are all x/."""
    folder, _, name = page.removesuffix(".md").rpartition("/")
    return (folder if name in {"index", "README"} else f"{folder}/{name}".lstrip("/")).lower()


def _page_path(page: str, shown: str, root: Path) -> list[Problem]:
    """A page's path: a plain name its address is made from, at no address the build
    writes something else (a generated page or folder, an export, the theme's files)."""
    if not PAGE_PATH.fullmatch(page):
        message = (
            "a page's path is lowercase letters, digits and hyphens (folders too), then .md, as "
            "its address is made from it: rename it (e.g. about-us.md)"
        )
        return [Problem(shown, 1, 1, "page-name", message)]
    name = address_name(page)
    if page == HOME or name not in {address_name(g) for g in GENERATED} | _build_names(root):
        return []
    message = (
        f"the build writes its own files at '{name}' (a generated page, folder or export, or the "
        "theme's): a page there would replace them, be replaced or land among them; rename it"
    )
    return [Problem(shown, 1, 1, "reserved-path", message)]


def _build_names(root: Path) -> set[str]:
    """The address names of what the build writes besides the generated pages: the
    theme's files (Material's and overrides/), the search index and MkDocs' sitemap."""
    overrides = root / "overrides"
    found = {address_name(entry.name) for entry in overrides.iterdir()} if overrides.is_dir() else set()
    return found | MATERIAL_FILES | {INDEX_FOLDER, SITEMAP}


def check_page(raw: bytes, shown: str, words: MarkerWords | None = None) -> list[Problem]:
    """One page's problems: its front matter, then the HTML its Markdown becomes (and, with
    the words its markers may name, the home page's data markers)."""
    text, problems = decode(raw, shown)
    if text is None:
        return problems
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as MkDocs reads it
    placed = placed_markers(text) if words is not None else []
    markers = _markers(text, shown, placed, words) if words is not None else []
    match = FRONT_MATTER.match(text)
    if match is None:
        return [
            *markers,
            Problem(
                shown,
                1,
                1,
                "front-matter",
                "a page starts with its front matter: a line '---', 'title: …' (and "
                "'description: …'), then '---'",
            ),
        ]
    # The Markdown MkDocs renders: the page after its front matter, or all of it (front
    # matter included, as text) when MkDocs cannot load the front matter.
    meta = _mkdocs_meta(match[1])
    body = text if meta is None else text[match.end() :].lstrip("\n")
    problems = markers + (
        [_unloadable(match[1], shown)] if meta is None else _front_matter(match[1], meta, shown)
    )
    start = len(text) - len(body)
    html = markdown.markdown(body, extensions=list(MARKDOWN_EXTENSIONS))
    locate = _Locator(text, start, text.count("\n", 0, start) + 1)
    scanner = _scan(html)
    for where, message in scanner.found:
        line, col = locate(where)
        if message is not None:
            problems.append(Problem(shown, line, col, "unsafe-html", message))
    # Each marker the build fills, in the HTML it renders (once no other is left to pair with).
    guard = meta is not None and len(ANY_MARKER.findall(text)) == len(placed)
    return problems + (_misplaced(text, shown, placed, scanner.markers) if guard else [])


def _markers(text: str, shown: str, placed: list[Marker], words: MarkerWords) -> list[Problem]:
    """The home page's data markers that the build could not fill: one not on a line of its
    own (the build leaves it), an unknown one, one repeated, a word repeated in one (each
    fills in charts or a map, so repeats multiply the build's work), or a word that names
    no topic or measure."""
    starts = {marker.start for marker in placed}
    found = [
        _at(text, shown, stray.start(), STRAY_MARKER)
        for stray in ANY_MARKER.finditer(text)
        if stray.start() not in starts
    ]
    seen: set[str] = set()
    for marker in placed:
        name = marker.name
        if name not in MARKERS:
            message = f"unknown data marker '{_plain(name)[:40]}'; the markers are {', '.join(MARKERS)}"
        elif name in seen and name not in REPEATABLE_MARKERS:
            message = f"the data marker '{name}' is here a second time; each may appear once: remove this one"
        elif len(marker.words) > len(set(marker.words)):
            message = f"the data marker '{name}' names one of its words twice; name each once"
        elif unknown := _unknown_word(marker, words):
            message = unknown
        else:
            seen.add(name)
            continue
        found.append(_at(text, shown, marker.start, message))
    return found


STRAY_MARKER = (
    "the build fills in a data marker only on a line of its own, between blank lines, after "
    "the front matter and outside code (data:count also inside a line of text); anywhere "
    "else it is left as written: move it there, or remove it"
)


def _unknown_word(marker: Marker, words: MarkerWords) -> str | None:
    """Why a marker's word cannot be filled in, or None: a storyline is a topic, a number,
    chart or figure a measure that figures report; the other markers take no words."""
    if marker.name in TOPIC_MARKERS:
        known, what = words.topics, "a topic's id (an entity of kind topic)"
    elif marker.name in MEASURE_MARKERS:
        known, what = words.measures, "a measure that a figure reports"
    elif marker.words:
        return f"the data marker '{marker.name}' takes no words: remove '{_plain(marker.words[0])[:40]}'"
    else:
        return None
    unknown = [word for word in marker.words if word not in known]
    if not unknown:
        return None
    word = _plain(unknown[0])[:40]
    return f"the data marker '{marker.name}' names '{word}', which is not {what}: fix or remove it"


def _misplaced(text: str, shown: str, placed: list[Marker], rendered: list[tuple[str, int]]) -> list[Problem]:
    """The first marker that the page's HTML does not hold as a comment of its own (a block
    one: inside no element), where the build would put its lines: so that no page text
    around it (an attribute, a code span, an HTML block) can read them as anything else."""
    for i, marker in enumerate(placed):
        written = text[marker.start + len("<!--") : marker.end - len("-->")]
        if i >= len(rendered) or rendered[i][0] != written or (marker.block and rendered[i][1] != 0):
            return [_at(text, shown, marker.start, MISPLACED_MARKER)]
    return []


MISPLACED_MARKER = (
    "this data marker is not a comment of its own in the page's HTML (it is inside an element, "
    "an attribute or code), where the build's lines would change what the text around them "
    "means: put it on a line of its own, between blank lines, outside any HTML element "
    "(data:count: inside a paragraph's text)"
)


def _at(text: str, shown: str, at: int, message: str) -> Problem:
    """A data-marker problem at an offset of the page's text."""
    return Problem(shown, text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at), "data-marker", message)


def _mkdocs_meta(block: str) -> dict[str, object] | None:
    """The front matter as MkDocs loads it, or None where it cannot (then it renders the
    whole page, front matter included, as Markdown)."""
    try:
        data = yaml.load(block, MKDOCS_LOADER)
    except Exception:  # whatever PyYAML raises, MkDocs catches
        return None
    return data if isinstance(data, dict) else None


def _unloadable(block: str, shown: str) -> Problem:
    """Why MkDocs cannot load the front matter, where: a value PyYAML's safe loader reads
    as a date, a number or a mapping and fails on (2023-02-30, 0x_), or a syntax error."""
    loader = yaml.SafeLoader(block)  # the pure-Python twin of the loader MkDocs uses: the same errors
    line, col, why = 0, 0, "it is not a mapping of keys to values"
    try:
        node = loader.get_single_node()
        parts = [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else []
        for part in parts:
            line, col = part.start_mark.line, part.start_mark.column
            loader.construct_object(part, deep=True)
    except Exception as error:  # whatever PyYAML raises, MkDocs catches
        if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
            line, col = error.problem_mark.line, error.problem_mark.column
        why = _plain(str(error.problem if isinstance(error, yaml.MarkedYAMLError) else error))[:60]
    finally:
        loader.dispose()
    return Problem(
        shown,
        line + 2,
        col + 1,
        "front-matter",
        f"MkDocs cannot read this front matter ({why}) and would show it, comments included, as "
        'the page\'s text: write each value as quoted text (title: "…")',
    )


def _front_matter(block: str, meta: dict[str, object], shown: str) -> list[Problem]:
    """The front matter's problems, as this project's loader reads it (no tags, anchors or
    duplicate keys) and as MkDocs does (meta: a date or a number to it is no title)."""
    doc, problems = load_bytes(block.encode("utf-8"), shown)
    found = [replace(p, line=p.line + 1) for p in problems]  # the block starts on line 2
    if doc is None:
        return found
    if "title" not in doc.data:
        found.append(Problem(shown, 1, 1, "front-matter", "the front matter needs a title: add 'title: …'"))
    for key, value in doc.data.items():
        line, col = doc.where((key,), key=key not in FRONT_MATTER_KEYS)
        if key not in FRONT_MATTER_KEYS:
            message = (
                f"'{_plain(str(key))[:40]}' is not allowed in a page's front matter (the theme would act "
                "on it: another template, hidden parts); keep only title and description"
            )
        elif not isinstance(meta.get(key), str):
            message = (
                f"MkDocs reads this {key} as a {type(meta.get(key)).__name__}, not text; quote it "
                f'({key}: "…")'
            )
        elif not isinstance(value, str) or "\n" in value or MARKUP.search(value):
            message = (
                f'{key} must be one line of plain text without < > or " (the theme writes it into '
                "the page as is); use typographic quotes “ ”"
            )
        else:
            continue
        found.append(Problem(shown, line + 1, col, "front-matter", message))
    return found


def _scan(html: str) -> _Scanner:
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
                f"<{_plain(text)[:20]}…> (a declaration, processing instruction or CDATA) is not "
                "allowed in a page; remove it",
            )
        )


def _unsafe_url(attribute: str, value: str) -> tuple[re.Pattern[str], str] | None:
    """(where it is written, why) for an address that may not be used, or None: links go
    to web, mail or relative addresses; anything the page loads (src) stays on the site."""
    # A browser ignores tabs and line breaks in an address ("java\tscript:" is
    # "javascript:") and controls and spaces at its ends; any control is dropped here.
    url = _plain(value).strip(" ")
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
            f"{attribute}='{_plain(taken[0])[:40]}' names one of the site's own elements (an id or "
            "name that starts with _ or that the theme uses): its scripts would find this one "
            "instead; choose another"
        )
    if attribute == "class" and (
        theme := [w for w in words if w.startswith(THEME_CLASS) and w not in THEME_CLASSES_ALLOWED]
    ):
        return _attribute(theme[0]), (
            f"the class {_plain(theme[0])[:40]} is one of the theme's (md-…), which lay out and "
            "cover the page; use another (only .md-button is allowed, for a link)"
        )
    if tag == "input" and attribute == "type" and value.strip().lower() not in INPUT_TYPES:
        written = re.compile(rf"type\s*=\s*[\"']?{re.escape(value)}", re.IGNORECASE)
        return (
            written,
            f"<input type='{_plain(value)[:20]}'> is not allowed in a page; only a search or text box is",
        )
    return None


def _plain(text: str) -> str:
    """Text without control characters, to quote it in a message."""
    return re.sub(r"[\x00-\x1f\x7f]", "", text)


def _tag(name: str) -> re.Pattern[str]:
    return re.compile(rf"<\s*{re.escape(name)}(?![\w-])", re.IGNORECASE)


def _attribute(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.IGNORECASE)


class _Locator:
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
