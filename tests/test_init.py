"""`timeline init FOLDER`: a new story's skeleton validates and builds at once, holds one
example of each record and the workflows, carries nothing of the Myanmar story, and is
never written over anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import mkdocs_build, timeline
from test_story import FOREIGN
from timeline.contrib import skeleton

NAME = "The harbour story, 2024"


@pytest.mark.build
def test_a_new_story_validates_and_builds_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    story = tmp_path / "harbour"
    assert timeline(["init", str(story), "--name", NAME]) == 0
    assert "files written to" in capsys.readouterr().out
    for part in (
        "mkdocs.yml",
        "requirements.txt",
        ".gitignore",
        ".github/workflows/publish.yml",
        ".github/workflows/pull-request.yml",
        "docs/index.md",
        "docs/methodology.md",
        "docs/search.md",
        "schemas/event.schema.json",
        "overrides/main.html",
        "events/example-event.yml",
        "entities/example-topic.yml",
        "entities/example-council.yml",
        "sources/example-source.yml",
        "sources/example-source.txt",
    ):
        assert (story / part).is_file(), part
    assert not [p for p in story.rglob("*") if p.suffix == ".j2" or "dot-" in p.name]
    assert timeline(["validate", "--root", str(story)]) == 0
    assert ", 0 errors" in capsys.readouterr().out
    done = mkdocs_build(story, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    home = (site / "index.html").read_text()
    assert f"<title>Home - {NAME}</title>" in home and "<h1" in home and NAME in home
    assert (
        "Riverside&#39;s town council votes to close the old bridge"
        in (site / "timeline" / "index.html").read_text()
    )
    assert "UID:example-event@the-harbour-story-2024" in (site / "events.ics").read_text()
    pages = [p for p in site.rglob("*") if p.suffix in {".html", ".xml", ".ics", ".json", ".csv"}]
    assert not {p.name: FOREIGN.findall(p.read_text()) for p in pages if FOREIGN.search(p.read_text())}


def test_the_name_defaults_to_the_folders_and_lands_in_the_settings(tmp_path: Path):
    assert timeline(["init", str(tmp_path / "river-crossing")]) == 0
    config = (tmp_path / "river-crossing" / "mkdocs.yml").read_text()
    assert 'site_name: "River crossing"' in config and "story_id: river-crossing" in config


@pytest.mark.parametrize("existing", ["notes.txt", ".git/HEAD"])
def test_a_folder_that_holds_anything_is_left_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], existing: str
):
    story = tmp_path / "story"
    (story / existing).parent.mkdir(parents=True)
    (story / existing).write_text("mine")
    assert timeline(["init", str(story)]) == 1
    assert (
        capsys.readouterr().err
        == f"error: {story} is not empty; give a new folder, e.g. timeline init my-story\n"
    )
    assert [p.relative_to(story).as_posix() for p in story.rglob("*") if p.is_file()] == [existing]


@pytest.mark.parametrize(
    "name", ["<script>alert(1)</script>", 'A "quoted" story', "two\nlines", "x" * 121, " "]
)
def test_a_name_the_sites_head_cannot_carry_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
):
    assert timeline(["init", str(tmp_path / "story"), "--name", name]) == 1
    assert capsys.readouterr().err.startswith("error: --name must be one line of plain text")
    assert not (tmp_path / "story").exists()


def test_markup_in_a_name_reaches_the_home_page_as_text(tmp_path: Path):
    story = tmp_path / "story"
    assert timeline(["init", str(story), "--name", "*Bold* [link](javascript:x) `code` & {: .x }"]) == 0
    heading = next(
        line for line in (story / "docs" / "index.md").read_text().splitlines() if line.startswith("# ")
    )
    assert not set("*[]()`{}:") & set(heading.removeprefix("# ").replace("&#", "").replace(";", ""))
    assert timeline(["validate", "--root", str(story)]) == 0


def test_without_the_generators_repository_it_says_how_to_get_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(skeleton, "GENERATOR", tmp_path / "installed")
    assert timeline(["init", str(tmp_path / "story")]) == 1
    assert capsys.readouterr().err == (
        "error: the generator's schemas is not beside the installed package; install the package "
        "from a clone of its repository (pip install -e CLONE) for init to copy it\n"
    )
    assert not (tmp_path / "story").exists()
