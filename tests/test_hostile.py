"""Hostile text in every field of every kind of record is inert on every page."""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path

import pytest

from conftest import copy_site_sources, mkdocs_build
from htmlscan import scan
from timeline.project import validate

pytestmark = pytest.mark.build

HOSTILE = (
    '</title><script>alert(1)</script>"><img src=x onerror=alert(2)>'
    "[l](javascript:alert(3)){: onclick=alert(4)}&|*"
)

HOSTILE_URL = 'https://example.org/a?b=<script>&c="x"'


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def write_hostile_data(root: Path) -> None:
    """One source, one topic, one person and one event with hostile text in every text field."""
    for folder in ("events", "entities", "sources"):
        for old in (root / folder).glob("*.y*ml"):
            old.unlink()
        for old in (root / folder).glob("*.txt"):
            old.unlink()
    h = HOSTILE
    for sid in ("s1", "s2"):
        archive = root / "sources" / f"{sid}.txt"
        archive.write_text(f"Prefix {h} 31,000 suspects. The end.", encoding="utf-8")
        (root / "sources" / f"{sid}.yml").write_text(
            "# yaml-language-server: $schema=../schemas/source.schema.json\n"
            f"id: {sid}\ntitle: {q('Title ' + h)}\ntitle_basis: {q(h)}\npublisher: {q('Pub ' + h)}\n"
            f'author: {q(h)}\npublished: "2023-11-24"\npublished_basis: {q(h)}\n'
            f"url: {q(HOSTILE_URL)}\narchive_sha256: {hashlib.sha256(archive.read_bytes()).hexdigest()}\n"
            f"based_on: {q(h)}\nvia: {q(h)}\nnotes: [{q(h)}]\n"
        )
    for eid, kind in (("t1", "topic"), ("p1", "person")):
        (root / "entities" / f"{eid}.yml").write_text(
            "# yaml-language-server: $schema=../schemas/entity.schema.json\n"
            f"id: {eid}\nname: {q(kind + ' ' + h)}\nkind: {kind}\naliases: [{q(h)}]\n"
            f"summary: {q(h + chr(10) * 2 + '<script>alert(5)</script> ![i](x.png) [ok](https://x.org)')}\n"
            f"related: [{'p1' if eid == 't1' else 't1'}]\ncitations:\n  - source: s1\n    quote: {q(h)}\n"
        )
    (root / "events" / "e1.yml").write_text(
        "# yaml-language-server: $schema=../schemas/event.schema.json\n"
        f'id: e1\ntitle: {q("Event " + h)}\ndate: "2023-11-21"\ndate_basis: {q(h)}\nsummary: {q(h)}\n'
        "topics: [t1]\nentities: [p1]\nfigures:\n  - measure: suspects-handed-over\n    value: 31000\n"
        f"    qualifier: exactly\n    unit: {q('<b>u</b>&|*')}\n    period: {q(h)}\n    reported_by: p1\n"
        f'    source: s1\n    quote: "31,000 suspects"\n    note: {q(h)}\n'
        f"disagreements:\n  - about: {q(h)}\n    note: {q(h)}\n    accounts:\n"
        f"      - source: s1\n        says: {q(h)}\n        quote: {q(h)}\n"
        f"      - source: s2\n        says: {q(h)}\n        quote: {q(h)}\n"
        f"citations:\n  - source: s1\n    quote: {q(h)}\n"
    )
    (root / "events" / "e2.yml").write_text(  # a related report, with a hostile note, on both cards
        "# yaml-language-server: $schema=../schemas/event.schema.json\n"
        f'id: e2\ntitle: {q("Other " + h)}\ndate: "2023-11-22"\ndate_basis: {q(h)}\nsummary: {q(h)}\n'
        f"topics: [t1]\nentities: [p1]\ncitations:\n  - source: s2\n    quote: {q(h)}\n"
        f"related_reports:\n  - event: e1\n    note: {q(h)}\n"
    )
    home = root / "docs" / "index.md"
    text = home.read_text()
    start = text.index("<!-- data:figures")
    home.write_text(text[:start] + "<!-- data:figures suspects-handed-over -->\n")


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
        "figures",
        "entities/p1",
        "topics/t1",
        "sources/s1",
        "sources",
        "entities",
        "topics",
    ):
        assert "alert(1)" in html.unescape((hostile_site / page / "index.html").read_text()), page
    assert (hostile_site / "timeline" / "index.html").read_text().count("Related reports.") == 2
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


def test_titles_and_descriptions_in_the_head_use_look_alikes(hostile_site: Path):
    head = (hostile_site / "entities" / "p1" / "index.html").read_text().split("</head>")[0]
    assert "<title>person ‹/title›‹script›alert(1)‹/script›”›‹img" in head
    assert head.count("<title>") == 1 and head.count("</title>") == 1


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
