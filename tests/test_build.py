"""End to end: the real site builds with --strict, and bad data stops the build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, copy_site_sources, mkdocs_build

pytestmark = pytest.mark.build


def test_the_real_site_builds_strictly(tmp_path: Path):
    done = mkdocs_build(REPO, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "index.html").is_file()


def test_bad_data_stops_the_build_with_the_validators_messages(tmp_path: Path):
    project = copy_site_sources(tmp_path / "project")
    case = FIXTURES / "bad" / "duplicate-key" / "events" / "handover.yml"
    shutil.copyfile(case, project / "events" / "bad-event.yml")
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode == 1
    assert "events/bad-event.yml:5:1: error: key 'title' is already set on line 3" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not (tmp_path / "site" / "index.html").exists()


def test_hostile_pages_stop_the_build_with_the_validators_messages_not_a_traceback(tmp_path: Path):
    """Pages that MkDocs would render as markup, write over an export or crash the home
    page: each is refused before anything is built."""
    project = copy_site_sources(tmp_path / "project")
    docs = project / "docs"
    for case in ("docs-front-matter-mkdocs-cannot-read", "docs-export-file-name", "docs-at-exports-folder"):
        shutil.copytree(FIXTURES / "bad" / case / "docs", docs, dirs_exist_ok=True)
    home = docs / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\n<!-- data:nosuch -->\n", encoding="utf-8")
    (docs / "search").mkdir()
    shutil.copyfile(docs / "search.md", docs / "search" / "index.md")  # the same address as search.md
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode == 1
    for expected in (
        "docs/about.md:2:8: error: MkDocs cannot read this front matter",
        "docs/feed.xml.md:1:1: error: a page's path is lowercase letters",
        "docs/data.md:1:1: error: the build writes its own files at 'data'",
        "error: unknown data marker 'nosuch'",
        "docs/search/index.md:1:1: error: this page and docs/search.md get the same address",
    ):
        assert expected in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not (tmp_path / "site" / "index.html").exists()


MAP = "<!-- data:map -->\n"
STORYLINES = "<!-- data:storylines crackdown operation-1027 chiang-mai-centre scam-industry -->"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (  # a marker in the front matter, as a YAML comment, beside markup the comments hold
            "---\n",
            '---\n# <!-- data:map -->\n# <iframe src="https://example.org/"></iframe>\n',
            "docs/index.md:2:3: error: the build fills in a data marker only on a line of its own",
        ),
        (  # in a code span
            MAP,
            "x `<!-- data:map --> <iframe src=https://example.org/></iframe>` y\n",
            "docs/index.md:35:4: error: the build fills in a data marker only on a line of its own",
        ),
        (  # in a link's title
            MAP,
            '[a](https://example.org/ "<!-- data:map --> <iframe src=https://example.org/></iframe>")\n',
            "docs/index.md:35:27: error: the build fills in a data marker only on a line of its own",
        ),
        (  # on a line of its own, but inside an attribute that spans lines
            MAP,
            '<p title="\n\n<!-- data:map -->\n\n<iframe src=https://example.org/></iframe>">x</p>\n',
            "docs/index.md:37:1: error: this data marker is not a comment of its own in the page's HTML",
        ),
        (  # an entity that is not a topic, as a storyline
            STORYLINES,
            STORYLINES.replace(" -->", " usip -->"),
            "docs/index.md:23:1: error: the data marker 'storylines' names 'usip', which is not a topic",
        ),
    ],
    ids=["front-matter", "code-span", "link-title", "attribute", "storyline-not-a-topic"],
)
def test_a_misplaced_or_unknown_data_marker_stops_the_build_with_the_validators_message(
    tmp_path: Path, old: str, new: str, expected: str
):
    """The build fills in exactly the markers the validator passed, each where its lines
    cannot turn the page's text around it into markup, and names only what the data holds."""
    project = copy_site_sources(tmp_path / "project")
    home = project / "docs" / "index.md"
    text = home.read_text(encoding="utf-8")
    assert old in text
    home.write_text(text.replace(old, new, 1), encoding="utf-8")
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode == 1
    assert expected in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not (tmp_path / "site" / "index.html").exists()
