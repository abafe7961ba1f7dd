"""Hostile text in every field of every kind of record is inert on every page."""

from __future__ import annotations

import csv
import hashlib
import html
import itertools
import json
import re
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from conftest import copy_site_sources, mkdocs_build, run_build, with_plugin_options, without_citations
from htmlscan import Scan, html_pages, scan, scan_text
from timeline.rules.project import validate

pytestmark = pytest.mark.build

HOSTILE = (
    '</title><script>alert(1)</script>"><img src=x onerror=alert(2)>'
    "[l](javascript:alert(3))&|* {:.x onclick=alert(4)}"
)

HOSTILE_URL = 'https://example.org/a?b=<script>&c="x"'

# What a line of text could start with to become Markdown of its own on a page: a heading,
# a list item, a quotation, an ordered item, an HTML block, a code fence, a table row, a
# definition. Each one-line field with room for it starts with the next of these. The word after the
# construct ("P-…") is what an element would start with, had it been read as one.
LINE_STARTS = [
    "# P-head ",
    "- P-item ",
    "> P-quote ",
    "1. P-ordered ",
    "<div onclick=alert(origin)>P-div</div> ",
    "```P-fence``` ",
    "| P-cell | x | ",
    ": P-definition ",
    "!!! P-note ",
]


def blocks(word: str) -> str:
    """Multi-line Markdown whose every block would carry an attribute or make an element:
    attribute lists on a paragraph, a heading, a list item and a quotation, a setext
    heading, a fence, an HTML block, entity references, links (one to an address Python
    cannot read) and images."""
    return (
        f'\n{{: .hostile autofocus onfocus="alert(document.domain)" }}\n\n'
        f'# {word}-head {{: .hostile onmouseover="alert(document.domain)" style="position:fixed" }}\n\n'
        f"{word}-setext\n===\n\n{word}-rule\n---\n\n"
        f'- {word}-item\n{{: .hostile onclick="alert(document.domain)" }}\n\n'
        f"> {word}-quote\n{{: .hostile }}\n\n"
        f'```hostile\n<b onclick="alert(document.domain)">{word}-fence</b>\n```\n\n'
        f'<div class="hostile" onclick="alert(document.domain)">\n{word}-div\n</div>\n\n'
        f"&lt;b&gt;{word}-entity&#60;/b&#62; [{word}-link](https://x.org/ok) ![{word}-image](x.png)\n"
        f"[{word}-bracket](https://x[b]/)\n"
        f"{{: .hostile }}"
    )


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def write_hostile_data(root: Path) -> None:
    """One source, one topic, one person and one event with hostile text in every text field:
    each one-line field starts with a construct of LINE_STARTS, each multi-line one holds
    blocks(): "M" where it is a summary rendered as Markdown, "P" where it is plain text
    (a disagreement's note). An event's summary holds blocks() alone, to keep within its
    40 words; its details hold the hostile text too."""
    for folder in ("events", "entities", "sources"):
        for old in (root / folder).glob("*.y*ml"):
            old.unlink()
        for old in (root / folder).glob("*.txt"):
            old.unlink()
    starts = itertools.cycle(LINE_STARTS)

    def line(prefix: str = "") -> str:
        return q(next(starts) + prefix + HOSTILE)

    h, markdown, plain = HOSTILE, q(HOSTILE + blocks("M")), q(HOSTILE + blocks("P"))
    summary = q(blocks("M"))
    for sid in ("s1", "s2"):
        archive = root / "sources" / f"{sid}.txt"
        archive.write_text(f"Prefix {h} 31,000 suspects. The end.", encoding="utf-8")
        (root / "sources" / f"{sid}.yml").write_text(
            "# yaml-language-server: $schema=../schemas/source.schema.json\n"
            f"id: {sid}\ntitle: {line('Title ')}\ntitle_basis: {line()}\npublisher: {q('Pub ' + h)}\n"
            f'author: {line()}\npublished: "2023-11-24"\npublished_basis: {line()}\n'
            f"url: {q(HOSTILE_URL)}\narchive_sha256: {hashlib.sha256(archive.read_bytes()).hexdigest()}\n"
            f"based_on: {line()}\nvia: {line()}\nprovenance:\n  - says: {line()}\n    basis: {line()}\n"
            f"notes: [{line()}]\n"
        )
    for eid, kind in (("t1", "topic"), ("p1", "person")):
        (root / "entities" / f"{eid}.yml").write_text(
            "# yaml-language-server: $schema=../schemas/entity.schema.json\n"
            f"id: {eid}\nname: {q(kind + ' ' + h)}\nkind: {kind}\naliases: [{line()}]\n"
            f"summary: {q(h + blocks('M') + chr(10) * 2 + '<script>alert(4)</script> [ok](https://x.org)')}\n"
            f"related: [{'p1' if eid == 't1' else 't1'}]\ncitations:\n  - source: s1\n    quote: {q(h)}\n"
        )
    (root / "events" / "e1.yml").write_text(
        "# yaml-language-server: $schema=../schemas/event.schema.json\n"
        f'id: e1\ntitle: {line("Event ")}\ndate: "2023-11-21"\ndate_basis: {line()}\nsummary: {summary}\n'
        f"details: {markdown}\nformer_ids: [e0]\ntopics: [t1]\nentities: [p1]\n"
        "figures:\n  - measure: suspects-handed-over\n    value: 31000\n"
        f"    qualifier: exactly\n    unit: {q('<b>u</b>&|*')}\n    period: {q(h)}\n    reported_by: p1\n"
        f'    source: s1\n    quote: "31,000 suspects"\n    note: {line()}\n'
        f"disagreements:\n  - about: {line()}\n    kind: account\n    conflict: true\n"
        f"    note: {plain}\n    accounts:\n"
        f"      - source: s1\n        says: {line()}\n        quote: {q(h)}\n"
        f"      - source: s2\n        says: {line()}\n        quote: {q(h)}\n"
        f"citations:\n  - source: s1\n    quote: {q(h)}\n"
    )
    (root / "events" / "e2.yml").write_text(  # a related report, with a hostile note, on both cards
        "# yaml-language-server: $schema=../schemas/event.schema.json\n"
        f'id: e2\ntitle: {line("Other ")}\ndate: "2023-11-22"\ndate_basis: {line()}\nsummary: {summary}\n'
        f"topics: [t1]\nentities: [p1]\ncitations:\n  - source: s2\n    quote: {q(h)}\n"
        f"related_reports:\n  - event: e1\n    note: {line()}\n"
    )
    home = root / "docs" / "index.md"
    text = home.read_text()
    start = text.index("<!-- data:figures")
    text = re.sub(
        r"<!-- data:storylines [a-z0-9 -]+ -->",
        "<!-- data:storylines t1 -->",
        without_citations(text[:start]),
    )
    text = re.sub(r"<!-- data:numbers [a-z0-9 -]+ -->", "<!-- data:numbers suspects-handed-over -->", text)
    home.write_text(text + "<!-- data:figures suspects-handed-over -->\n")  # the markers name its data


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_site_sources(tmp_path_factory.mktemp("hostile") / "project")
    write_hostile_data(root)
    assert validate(root).ok, validate(root).problems
    done = mkdocs_build(root, root / "site")
    assert done.returncode == 0, done.stderr
    return root / "site"


def test_the_hostile_data_reaches_every_page_type(hostile_site: Path):
    for page in (
        "timeline",
        "events/e1",
        "events/e2",
        "events/e0",  # the page that forwards e1's former id
        "figures",
        "entities/p1",
        "topics/t1",
        "sources/s1",
        "sources",
        "entities",
        "topics",
    ):
        assert "alert(1)" in html.unescape((hostile_site / page / "index.html").read_text()), page
    related = [(hostile_site / f"events/{e}/index.html").read_text() for e in ("e1", "e2")]
    assert all('id="related-reports">Related reports' in page for page in related)
    event = (hostile_site / "events/e1/index.html").read_text()
    # As text, in the title, the details, the date's basis, a figure, a dispute, a quote, its context.
    assert html.unescape(event).count("alert(1)") >= 7
    assert '<div class="tl-details">' in event and "<mark>" in event and 'id="differ-' in event
    assert (
        "What we know, and what the articles disagree on"
        in (hostile_site / "topics/t1/index.html").read_text()
    )


def test_no_hostile_markup_becomes_an_element_an_attribute_or_a_link(hostile_site: Path):
    found = []
    for path in hostile_site.rglob("*.html"):
        page = scan(path)
        where = path.relative_to(hostile_site).as_posix()
        found += [(where, h) for h in page.handlers if "alert" in h]
        found += [(where, s[:40]) for s in page.scripts if "alert(" in s]
        for block in page.data_blocks:  # JSON-LD: the hostile text stays inside JSON strings
            found += [] if "alert(1)" in json.dumps(json.loads(block)) else [(where, "JSON-LD lost its text")]
        found += [(where, link) for link in page.links if link.lower().startswith("javascript:")]
        found += [(where, src) for src in page.loads if src in ("x", "x.png")]
        text = path.read_text()
        found += [(where, "<b>") for _ in range(text.count("<b>u</b>"))]
    assert found == []


# What the summary renderer makes of Markdown (an image becomes its alt text in a span).
SUMMARY_ELEMENTS = {"p", "li", "blockquote", "code", "pre", "a", "em", "strong", "ul", "ol", "span"}
HOSTILE_ATTRIBUTES = {"autofocus", "onfocus", "onclick", "onmouseover", "onerror"}
HOSTILE_CLASSES = {"x", "hostile", "language-hostile"}


def constructs(page: Scan) -> list[str]:
    """Each attribute or element that a field's text made and its renderer does not allow:
    an attribute from an attribute list or raw HTML, an element that starts with a
    construct's word ("P-…" in plain text: none; "M-…" in a summary: only what Markdown
    makes there)."""
    found = [f"{tag} {name}={value}" for tag, name, value in page.attributes if name in HOSTILE_ATTRIBUTES]
    found += [
        f"{tag} class={value}"
        for tag, name, value in page.attributes
        if name == "class" and HOSTILE_CLASSES & set(value.split())
    ]
    found += [f"{tag} style={v}" for tag, name, v in page.attributes if name == "style" and "fixed" in v]
    for tag, text in page.starts:
        if text.startswith("P-") or (text.startswith("M-") and tag not in SUMMARY_ELEMENTS):
            found.append(f"<{tag}>{text[:20]}")
    return found


def test_no_construct_in_any_field_becomes_markup_on_any_page(hostile_site: Path):
    pages = html_pages(hostile_site)
    found = [(path.relative_to(hostile_site).as_posix(), c) for path in pages for c in constructs(scan(path))]
    assert found == []
    shown = html.unescape("".join(path.read_text(encoding="utf-8") for path in pages))
    for word in ("P-head", "P-div", "P-definition", "P-setext", "P-fence", "M-setext", "M-div", "M-image"):
        assert word in shown, word  # each construct reached a page, as text
    made = {(tag, text.split()[0]) for tag, text in scan(hostile_site / "timeline" / "index.html").starts}
    assert {("li", "M-item"), ("a", "M-link")} <= made  # the summary's own Markdown


@pytest.fixture(scope="module")
def hostile_zensical_site(hostile_site: Path) -> Path:
    """The same hostile project, built by the second engine."""
    root = hostile_site.parent
    command = [str(Path(sys.executable).with_name("timeline")), "build", "--engine", "zensical"]
    command += ["--root", str(root), "--work", str(root / "zensical")]
    command += ["--site-dir", str(root / "zensical-site")]
    done = run_build(command, root)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "zensical-site"


def test_no_construct_becomes_markup_on_any_page_zensical_builds(hostile_zensical_site: Path):
    pages = html_pages(hostile_zensical_site)
    assert len(pages) > 10
    found = [(p.relative_to(hostile_zensical_site).as_posix(), c) for p in pages for c in constructs(scan(p))]
    assert found == []
    assert "M-setext" in html.unescape((hostile_zensical_site / "timeline" / "index.html").read_text())


# One event to a page: period pages and further pages of an entity's and a topic's events,
# so that every kind of page holds the hostile text too.
SPLIT = "      events_per_page: 1\n      events_per_entity_page: 1\n"


@pytest.fixture(scope="module")
def hostile_split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_site_sources(tmp_path_factory.mktemp("hostile-split") / "project")
    write_hostile_data(root)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(with_plugin_options(config, SPLIT), encoding="utf-8")
    done = mkdocs_build(root, root / "site")
    assert done.returncode == 0, done.stderr
    return root / "site"


def test_no_construct_becomes_markup_on_period_pages_or_further_pages(hostile_split_site: Path):
    pages = html_pages(hostile_split_site)
    split = {p.relative_to(hostile_split_site).as_posix() for p in pages}
    assert {"timeline/2023-11/index.html", "timeline/2023-11/2/index.html"} <= split
    assert {"entities/p1/2/index.html", "topics/t1/2/index.html"} <= split
    found = [(p.relative_to(hostile_split_site).as_posix(), c) for p in pages for c in constructs(scan(p))]
    assert found == []
    period = html.unescape((hostile_split_site / "timeline" / "2023-11" / "index.html").read_text())
    assert "M-setext" in period  # the summary; the plain fields are on the event's own page
    assert "P-setext" in html.unescape((hostile_split_site / "events" / "e1" / "index.html").read_text())


def test_no_construct_becomes_markup_in_the_feed_and_the_data_exports_keep_the_text(hostile_site: Path):
    feed = ElementTree.parse(hostile_site / "feed.xml").getroot()
    contents = [c.text or "" for c in feed.iter("{http://www.w3.org/2005/Atom}content")]
    assert len(contents) == 2 and all("M-item" in html.unescape(c) for c in contents)
    assert [c for content in contents for c in constructs(scan_text(content))] == []
    record = yaml.safe_load((hostile_site.parent / "events" / "e1.yml").read_text(encoding="utf-8"))
    exported = json.loads((hostile_site / "data" / "events.json").read_text(encoding="utf-8"))["events"]
    assert [e["summary"] for e in exported if e["id"] == "e1"] == [record["summary"]]
    with (hostile_site / "data" / "events.csv").open(encoding="utf-8", newline="") as handle:
        assert [r["date_basis"] for r in csv.DictReader(handle) if r["id"] == "e1"] == [record["date_basis"]]


def test_titles_and_descriptions_in_the_head_use_look_alikes(hostile_site: Path):
    head = (hostile_site / "entities" / "p1" / "index.html").read_text().split("</head>")[0]
    assert "<title>person ‹/title›‹script›alert(1)‹/script›”›‹img" in head
    assert head.count("<title>") == 1 and head.count("</title>") == 1


def test_a_hostile_event_s_share_card_is_drawn_and_linked_from_its_page(hostile_site: Path):
    """Without a site address the card is linked relative to the page; the hostile title
    reached the card's SVG as text (an SVG it broke would have failed the build)."""
    head = (hostile_site / "events" / "e1" / "index.html").read_text().split("</head>")[0]
    assert '<meta property="og:image" content="../../assets/share/events/e1.png">' in head
    cards = [(hostile_site / "assets" / "share" / "events" / f"{e}.png").read_bytes() for e in ("e1", "e2")]
    assert all(card.startswith(b"\x89PNG") and len(card) <= 60_000 for card in cards)
    assert cards[0] != cards[1]


# Build settings come from the environment, so a hostile value must not leave its attribute.
HOSTILE_SETTINGS = {
    "SITE_URL": 'https://example.org/a b"><script>alert(7)</script>/',
    "SITE_REPO_URL": 'https://github.com/x/y"onmouseover="alert(8)',
    "SITE_EDIT_URI": 'edit/main/"><script>alert(9)</script>',
}
ESCAPED_SITE_URL = "https://example.org/a%20b%22%3E%3Cscript%3Ealert(7)%3C/script%3E/"
ESCAPED_REPO_URL = "https://github.com/x/y%22onmouseover=%22alert(8)"
ESCAPED_EDIT = f"{ESCAPED_REPO_URL}/edit/main/%22%3E%3Cscript%3Ealert(9)%3C/script%3E/"


@pytest.fixture(scope="module")
def hostile_settings_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_site_sources(tmp_path_factory.mktemp("settings") / "project")
    done = mkdocs_build(root, root / "site", **HOSTILE_SETTINGS)
    assert done.returncode == 0, done.stderr
    return root / "site"


def test_hostile_build_settings_cannot_inject_markup_into_any_page(hostile_settings_site: Path):
    found = []
    for path in hostile_settings_site.rglob("*.html"):
        page, text = scan(path), path.read_text(encoding="utf-8")
        where = path.relative_to(hostile_settings_site).as_posix()
        found += [(where, h) for h in page.handlers if "alert" in h]
        found += [(where, s[:40]) for s in page.scripts if s.strip().startswith("alert(")]
        found += [(where, bad) for bad in ('"><script', '"onmouseover=', "<script>alert") if bad in text]
    assert found == []


def test_hostile_build_settings_reach_the_pages_percent_encoded(hostile_settings_site: Path):
    entity = sorted((hostile_settings_site / "entities").glob("*/index.html"))[0]
    for path, edit in (
        (hostile_settings_site / "index.html", "docs/index.md"),
        (hostile_settings_site / "timeline" / "index.html", None),
        (entity, f"entities/{entity.parent.name}.yml"),
    ):
        page, text = scan(path), path.read_text(encoding="utf-8")
        assert ESCAPED_REPO_URL in page.links, path  # the repository link in the header
        assert f'<link rel="canonical" href="{ESCAPED_SITE_URL}' in text, path
        assert page.edit_links == ([ESCAPED_EDIT + edit] if edit else []), path


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        # MkDocs itself refuses a URL without a host before any hook runs...
        ("SITE_REPO_URL", "javascript:alert(1)", "Config value 'repo_url': The URL isn't valid"),
        # ...and the hook refuses every other scheme than http(s).
        ("SITE_REPO_URL", "javascript://x.org/%0Aalert(1)", "repo_url (set by SITE_REPO_URL) must be"),
        ("SITE_URL", "javascript://x.org/%0Aalert(1)", "site_url (set by SITE_URL) must be an http"),
        ("SITE_EDIT_URI", "javascript:alert(1)//", "edit_uri (set by SITE_EDIT_URI) must be an http"),
        ("SITE_REPO_URL", "https://<img src=x>/", "repo_url (set by SITE_REPO_URL) must name a host"),
    ],
)
def test_a_build_setting_that_is_not_an_http_address_is_refused(
    tmp_path: Path, setting: str, value: str, message: str
):
    root = copy_site_sources(tmp_path / "project")
    env = {"SITE_URL": "https://example.org/", "SITE_REPO_URL": "https://github.com/x/y", setting: value}
    done = mkdocs_build(root, root / "site", **env)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert message in output and "Aborted with" in output
    assert "Traceback" not in output
    assert not (root / "site").exists()
