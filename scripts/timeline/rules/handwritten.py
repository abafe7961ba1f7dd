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
What the HTML may hold is page_html's to say; this module reads the page and its markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import markdown
import yaml

from ..data.files import DOCS, read_limited, relative
from ..data.load import MAX_BYTES, decode, load_bytes
from ..data.markers import ANY_MARKER, FRONT_MATTER, MARKERS, Marker, placed_markers
from ..data.paths import HOME, INDEX_FOLDER, address_name, is_generated
from ..data.problems import Example, Problem, Rule
from ..data.records import ENTITY, EVENT, Record
from ..data.vocabulary import TOPIC
from .page_html import Locator, printable, scan

UNSAFE_HTML = Rule(
    "unsafe-html",
    "error",
    "a page in docs/ uses only harmless HTML elements, attributes and addresses, closes no element it"
    " did not open, and uses none of the theme's ids, names or classes",
    "remove what the message names",
    fails=(
        Example("bad/docs-script"),
        Example("bad/docs-javascript-link"),
    ),
)

PAGE_FRONT_MATTER = Rule(
    "front-matter",
    "error",
    "a page's front matter is read by MkDocs as by the validator, with a plain title",
    "write front matter values as quoted text",
    fails=(
        Example("bad/docs-front-matter-hex-number"),
        Example("bad/docs-title-read-as-a-date"),
    ),
)

PAGE_NAME = Rule(
    "page-name",
    "error",
    "a page's name is lowercase letters, digits and hyphens, then .md",
    "rename the page",
    fails=(
        Example("bad/docs-uppercase-name"),
        Example("bad/docs-export-file-name"),
    ),
)

RESERVED_PATH = Rule(
    "reserved-path",
    "error",
    "no page sits where the build writes something else: a generated page, an export, the theme's files",
    "rename the page",
    fails=(
        Example("bad/docs-at-generated-page"),
        Example("bad/docs-at-exports-folder"),
    ),
)

PAGE_ADDRESS = Rule(
    "page-address",
    "error",
    "no two pages are published at the same address",
    "rename or remove one of the pages",
    fails=(Example("bad/docs-two-pages-one-address"),),
)

DATA_MARKER = Rule(
    "data-marker",
    "error",
    "the home page's data markers are known ones, each once, on a line of their own, naming topics "
    "and reported measures",
    "correct or remove the marker",
    fails=(
        Example("bad/docs-unknown-data-marker"),
        Example("bad/docs-repeated-data-marker"),
    ),
)

# mkdocs.yml's markdown_extensions (tests/test_handwritten.py keeps the two the same).
MARKDOWN_EXTENSIONS = ("toc", "attr_list", "md_in_html", "tables", "admonition", "footnotes")

# The front matter MkDocs reads, as mkdocs.utils.meta reads it: markers.FRONT_MATTER, then
# PyYAML's safe loader, the C one when there is one; a block it cannot load into a mapping
# is rendered as the page's text. The theme writes its values into the page's <head>
# without escaping them, so they are plain text.
MKDOCS_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FRONT_MATTER_KEYS = ("title", "description")
MARKUP = re.compile(r'[<>"]')

PAGE_PATH = re.compile(r"(?:[a-z0-9-]+/)*[a-z0-9-]+\.md")
REPEATABLE_MARKERS = ("count",)  # writes a number, no chart or map
SITEMAP = "sitemap"  # MkDocs writes sitemap.xml and sitemap.xml.gz at the site's root
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
            problems.append(PAGE_ADDRESS.problem(shown, 1, 1, message))
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
        return [PAGE_NAME.problem(shown, 1, 1, message)]
    name = address_name(page)
    if page == HOME or not (is_generated(page) or name in _build_names(root)):
        return []
    message = (
        f"the build writes its own files at '{name}' (a generated page, folder or export, or the "
        "theme's): a page there would replace them, be replaced or land among them; rename it"
    )
    return [RESERVED_PATH.problem(shown, 1, 1, message)]


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
            PAGE_FRONT_MATTER.problem(
                shown,
                1,
                1,
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
    locate = Locator(text, start, text.count("\n", 0, start) + 1)
    scanner = scan(html)
    for where, message in scanner.found:
        line, col = locate(where)
        if message is not None:
            problems.append(UNSAFE_HTML.problem(shown, line, col, message))
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
            message = f"unknown data marker '{printable(name)[:40]}'; the markers are {', '.join(MARKERS)}"
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
        return f"the data marker '{marker.name}' takes no words: remove '{printable(marker.words[0])[:40]}'"
    else:
        return None
    unknown = [word for word in marker.words if word not in known]
    if not unknown:
        return None
    word = printable(unknown[0])[:40]
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
    return DATA_MARKER.problem(shown, text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at), message)


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
        why = printable(str(error.problem if isinstance(error, yaml.MarkedYAMLError) else error))[:60]
    finally:
        loader.dispose()
    return PAGE_FRONT_MATTER.problem(
        shown,
        line + 2,
        col + 1,
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
        found.append(PAGE_FRONT_MATTER.problem(shown, 1, 1, "the front matter needs a title: add 'title: …'"))
    for key, value in doc.data.items():
        line, col = doc.where((key,), key=key not in FRONT_MATTER_KEYS)
        if key not in FRONT_MATTER_KEYS:
            message = (
                f"'{printable(str(key))[:40]}' is not allowed in a page's front matter (the theme would act "
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
        found.append(PAGE_FRONT_MATTER.problem(shown, line + 1, col, message))
    return found
