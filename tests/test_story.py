"""Any story: a second, fictional story (tests/fixtures/story2: its own title, map, sources
and topics) builds with the same code, and nothing of the Myanmar story reaches its site.
The story's settings (the timeline plugin's options in mkdocs.yml) are checked, and a
setting that cannot be used stops the build with a message that names it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, mkdocs_build, real_dataset, timeline
from timeline.adapters.settings import project_site

STORY = FIXTURES / "story2"
# What belongs to the Myanmar story: words of its pages and the ids of its records.
FOREIGN = re.compile(r"myanmar|chiang mai|scam|china|thailand|laos|suspects-handed-over", re.IGNORECASE)


def story_project(folder: Path) -> Path:
    """The second story, with the theme and schemas every story shares."""
    shutil.copytree(STORY, folder)
    for shared in ("overrides", "schemas"):
        shutil.copytree(REPO / shared, folder / shared)
    return folder


def test_the_foreign_words_are_the_real_storys():
    data = real_dataset()
    real = " ".join([*data.entities, *data.figures_by_measure, (REPO / "mkdocs.yml").read_text()])
    assert {m.lower() for m in FOREIGN.findall(real)} >= {
        "myanmar",
        "chiang mai",
        "scam",
        "suspects-handed-over",
    }


@pytest.mark.build
def test_a_second_story_builds_with_its_own_title_map_and_ids_and_nothing_of_the_first(tmp_path: Path):
    project = story_project(tmp_path / "story")
    assert timeline(["validate", "--root", str(project)]) == 0
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    home = (site / "index.html").read_text()
    assert "<title>Home - The Saltmere ferry strike, 2025</title>" in home
    assert "Map of Norvane and Estria and their neighbours" in home and ">Port Alden</a>" in home
    assert "Borders: a fictional map, drawn for the tests." in home and "Natural Earth" not in home
    timeline_page = (site / "timeline" / "index.html").read_text()
    assert "Every event of the Saltmere ferry strike, 2025, in date order" in timeline_page
    assert 'id="tl-reports-crew-on-strike' in (site / "figures" / "index.html").read_text()
    assert (
        "urn:x-saltmere-ferry-strike:event:2025-04-01-talks-end-the-strike" in (site / "feed.xml").read_text()
    )
    calendar = (site / "events.ics").read_text()
    assert "X-WR-CALNAME:The Saltmere ferry strike, 2025" in calendar
    assert "UID:2025-03-10-ferry-crews-strike@saltmere-ferry-strike" in calendar
    texts = [
        p for p in site.rglob("*") if p.suffix in {".html", ".xml", ".ics", ".json", ".csv", ".js", ".css"}
    ]
    assert len(texts) > 20
    found = {p.relative_to(site).as_posix(): FOREIGN.findall(p.read_text()) for p in texts}
    assert not {page: words for page, words in found.items() if words}


def test_the_folder_writer_reads_the_same_settings_as_the_plugin(tmp_path: Path):
    project = story_project(tmp_path / "story")
    assert timeline(["build-pages", "--root", str(project), "--out", str(tmp_path / "pages")]) == 0
    front = (tmp_path / "pages" / "topics" / "index.md").read_text()
    assert "The storylines of the Saltmere ferry strike, 2025, each with its events." in front
    assert "Map of Norvane and Estria" in (tmp_path / "pages" / "index.md").read_text()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            "map_region: ../elsewhere.geo.json",
            "map_region: '../elsewhere.geo.json' is not a file in the project",
        ),
        ("map_region: docs/about.md", "map_region: docs/about.md is not a GeoJSON FeatureCollection"),
        (
            "map_region: maps/region.geo.json\n      map_focus: [Atlantis]",
            "map_focus: 'Atlantis' is not a country",
        ),
        ("map_focus: [Norvane]", "map_focus names countries but there is no map; set map_region too"),
        ("story_id: Saltmere Strike", "story_id: 'Saltmere Strike' is not lowercase letters"),
        (
            "events_per_page: many",
            "the timeline plugin's option events_per_page: Expected type: <class 'int'>",
        ),
        (
            "figures_chart: boats-sunk",
            "figures_chart: 'boats-sunk' is not a measure that any event's figures report",
        ),
    ],
)
def test_a_setting_that_cannot_be_used_stops_the_build_and_names_itself(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: str, message: str
):
    project = with_options(story_project(tmp_path / "story"), options)
    assert timeline(["build-pages", "--root", str(project), "--out", str(tmp_path / "pages")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and err.endswith(" (in mkdocs.yml)\n")
    assert "Traceback" not in err
    assert not (tmp_path / "pages").exists()


@pytest.mark.build
def test_mkdocs_stops_on_a_setting_that_cannot_be_used_with_the_same_message(tmp_path: Path):
    project = with_options(story_project(tmp_path / "story"), "map_focus: [Norvane]")
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "map_focus names countries but there is no map; set map_region too (in mkdocs.yml)" in done.stderr


def with_options(project: Path, options: str) -> Path:
    """The project with the timeline plugin's options replaced by these."""
    config = project / "mkdocs.yml"
    settings = re.search(r"  - timeline:\n((?:      .*\n)+)", config.read_text())
    assert settings is not None
    config.write_text(config.read_text().replace(settings[1], f"      {options}\n"))
    return project


def test_without_options_the_site_has_generic_wording_and_no_map(tmp_path: Path):
    project = story_project(tmp_path / "story")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"  - timeline:\n(?:      .*\n)+", "  - timeline\n", config.read_text()))
    site = project_site(project, None, None)
    assert (site.name, site.subject, site.story_id, site.map_region, site.figures_chart) == (
        "The Saltmere ferry strike, 2025",
        "the story",
        "timeline",
        None,
        None,
    )
    pages = tmp_path / "pages"
    assert timeline(["build-pages", "--root", str(project), "--out", str(pages)]) == 0
    assert "tl-map" not in (pages / "index.md").read_text() + (pages / "entities" / "index.md").read_text()
    assert "Every event of the story, in date order" in (pages / "timeline.md").read_text()
    assert 'id="tl-reports-crew-on-strike' in (pages / "figures.md").read_text()  # the most reported


@pytest.mark.build
def test_hostile_text_in_the_subject_is_text_on_every_page(tmp_path: Path):
    hostile = "<script>alert(1)</script> *x* [a](javascript:b) {: .y } & 'q'"
    project = story_project(tmp_path / "story")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("subject: the Saltmere ferry strike, 2025", f'subject: "{hostile}"')
    )
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    pages = {
        p.relative_to(tmp_path / "site").as_posix(): p.read_text()
        for p in (tmp_path / "site").rglob("*.html")
    }
    said = [page for page, text in pages.items() if "alert(1)" in text]
    assert {"timeline/index.html", "topics/index.html"} <= set(said)
    for page in said:
        assert "<script>alert" not in pages[page] and 'href="javascript' not in pages[page], page


@pytest.mark.build
def test_zensical_builds_the_second_story_from_the_same_settings(tmp_path: Path):
    project = story_project(tmp_path / "story")
    site = tmp_path / "site"
    command = ["build", "--engine", "zensical", "--root", str(project), "--site-dir", str(site)]
    assert timeline([*command, "--work", str(tmp_path / "work")]) == 0
    home = (site / "index.html").read_text()
    assert "<title>Home - The Saltmere ferry strike, 2025</title>" in home
    assert "Map of Norvane and Estria and their neighbours" in home
    assert not FOREIGN.search(home + (site / "timeline" / "index.html").read_text())
