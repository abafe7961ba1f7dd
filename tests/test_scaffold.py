"""scripts/new.py: stubs that explain every field, never overwrite, and validate once filled in."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import run_cli
from timeline.cli import main as timeline
from timeline.contrib.scaffold import id_date, make_id

SOURCE_HINT = '"TODO: a short passage copied exactly from sources/<source-id>.txt"'


def fill(path: Path, replacements: dict[str, str]) -> None:
    """Do what a contributor does: replace the placeholders with real values."""
    text = path.read_text()
    for old, value in replacements.items():
        assert old in text, old
        text = text.replace(old, value)
    path.write_text(text)


def rules(output: str) -> list[str]:
    return [line.rsplit("[", 1)[1].rstrip("]") for line in output.splitlines() if ": error: " in line]


def test_ids_come_from_the_date_and_the_words():
    words = "China says 31,000 suspects were handed over"
    assert make_id("2023-11-21", words) == "2023-11-21-china-says-31000-suspects-were-handed-over"
    assert make_id("Myanmar's military junta") == "myanmar-s-military-junta"


def test_a_long_id_is_cut_at_its_end_and_keeps_every_word_before_the_cut():
    title = "Thai and Chinese police hold the first joint meeting at the Chiang Mai centre"
    made = make_id("2023-11-21", title, limit=60)
    assert made == "2023-11-21-thai-and-chinese-police-hold-the-first-joint"
    assert "2023-11-21-thai-and-chinese-police-hold-the-first-joint-meeting-at-the-chiang".startswith(made)
    assert make_id("2023", "a" * 90, limit=20) == "2023"
    assert make_id("a" * 90, limit=20) == "a" * 20


def test_an_id_given_with_id_names_the_file_and_is_checked(project: Path):
    args = ["new", "--root", str(project), "event", "--date", "2023", "--title", "CCTV gives a total"]
    assert timeline([*args, "--id", "2023-cctv-total"]) == 0
    path = project / "events" / "2023-cctv-total.yml"
    assert "# This file is events/2023-cctv-total.yml:" in path.read_text()
    assert "\nid: 2023-cctv-total\n" in path.read_text()


def test_an_id_that_is_not_one_or_is_taken_is_refused(project: Path, capsys: pytest.CaptureFixture[str]):
    name = ["--name", "Chinese government", "--kind", "organisation"]
    entity = ["new", "--root", str(project), "entity", *name]
    assert timeline([*entity, "--id", "Chinese_Government"]) == 1
    assert "--id 'Chinese_Government' is not an id" in capsys.readouterr().err
    assert timeline([*entity, "--id", "chinese-government"]) == 0
    assert timeline([*entity, "--id", "chinese-government"]) == 1
    assert "entities/chinese-government.yml already exists" in capsys.readouterr().err


def test_the_kinds_of_entity_are_the_schemas(project: Path, capsys: pytest.CaptureFixture[str]):
    schema = project / "schemas" / "entity.schema.json"
    schema.write_text(schema.read_text().replace('"topic"', '"topic", "vessel"', 1))
    entity = ["new", "--root", str(project), "entity", "--name", "The Ark", "--kind"]
    assert timeline([*entity, "vessel"]) == 0
    stub = (project / "entities" / "the-ark.yml").read_text()
    assert "\n# one of: person, organisation, group, place, operation, topic, vessel\nkind: vessel\n" in stub
    assert timeline([*entity, "ship"]) == 1
    assert "kind 'ship' is not one of person, organisation, group, place, operation, topic, vessel" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize(
    ("date", "prefix"),
    [
        ("2023-11-21", "2023-11-21"),
        ("2023-11", "2023-11"),
        ("2023", "2023"),
        ("2023-11-13/2023-11-19", "2023-11"),
        ("2023-11-30/2023-12-02", "2023"),
        ("2023-12/2024-01-05", ""),
        ("[2023-08-16,2023-08-23]", "2023-08"),
        ("../2023-08-23", ""),
        ("2023-11-21/..", ""),
        ("2023-08~", "2023"),
    ],
)
def test_an_event_id_says_no_more_of_its_date_than_every_possible_day_shares(date: str, prefix: str):
    assert id_date(date) == prefix


def test_a_new_event_stub_is_refused_until_filled_in_then_validates(project: Path):
    assert (
        timeline(["new", "--root", str(project), "event", "--date", "2023", "--title", "CCTV gives a total"])
        == 0
    )
    path = project / "events" / "2023-cctv-gives-a-total.yml"
    assert path.read_text().startswith("# yaml-language-server: $schema=../schemas/event.schema.json\n")
    code, out = run_cli("--root", str(project))
    assert code == 1
    assert rules(out) == ["placeholder", "placeholder", "too-few", "placeholder", "placeholder"]
    fill(
        path,
        {
            '"TODO: how the date was worked out from the article"': '"in 2023, in an article of 2024-01-05"',
            "TODO: what happened, attributed to whoever said it": "CCTV said 41,000 were handed over.",
            "topics: []": "topics: [crackdown]",
            "TODO-source-id": "tribune",
            SOURCE_HINT: '"a total of 41,000"',
        },
    )
    assert run_cli("--root", str(project)) == (0, "8 files checked, 0 errors\n")


def test_a_new_source_comes_with_an_archive_file_and_validates_once_filled_in(project: Path):
    args = ["source", "--publisher", "Example News", "--date", "2023-11-24", "--title", "A report"]
    assert timeline(["new", "--root", str(project), *args]) == 0
    stem = project / "sources" / "example-news-2023-11-24-a-report"
    assert rules(run_cli("--root", str(project))[1]) == ["placeholder"] * 4
    stem.with_suffix(".txt").write_text("The article, as captured.\n")
    assert timeline(["new", "--root", str(project), "sha", stem.name]) == 0
    pinned = hashlib.sha256(b"The article, as captured.\n").hexdigest()
    assert f"archive_sha256: {pinned}\n" in stem.with_suffix(".yml").read_text()
    fill(
        stem.with_suffix(".yml"),
        {
            '"TODO: how the publication date is known"': "stated in the text",
            '"TODO: what is not confirmed (or replace this list with [])"': '"The byline is not known."',
        },
    )
    assert run_cli("--root", str(project))[0] == 0


def test_a_new_entity_validates_once_filled_in(project: Path):
    args = ["entity", "--name", "State broadcaster", "--kind", "organisation"]
    assert timeline(["new", "--root", str(project), *args]) == 0
    fill(
        project / "entities" / "state-broadcaster.yml",
        {
            "TODO: who or what it is, according to whom": "A broadcaster, according to the Daily Tribune.",
            "TODO: its part in the story": "A state broadcaster",
            "TODO-source-id": "tribune",
            SOURCE_HINT: '"state broadcaster CCTV said"',
        },
    )
    assert run_cli("--root", str(project))[0] == 0


@pytest.mark.parametrize("date", ["last Tuesday", "2023-02-30"])
def test_a_bad_date_is_refused_with_the_notation(project: Path, capsys, date: str):
    assert timeline(["new", "--root", str(project), "event", "--date", date, "--title", "x"]) == 1
    assert f"error: '{date}'" in capsys.readouterr().err
    assert list((project / "events").glob("*x.yml")) == []


def test_an_existing_file_is_never_overwritten(project: Path, capsys):
    before = (project / "entities" / "cctv.yml").read_text()
    assert (
        timeline(["new", "--root", str(project), "entity", "--name", "CCTV", "--kind", "organisation"]) == 1
    )
    assert "entities/cctv.yml already exists" in capsys.readouterr().err
    assert (project / "entities" / "cctv.yml").read_text() == before


def test_a_new_source_takes_its_id_for_both_files(project: Path):
    args = ["source", "--publisher", "Example News", "--date", "2023-11-24", "--title", "A report"]
    assert timeline(["new", "--root", str(project), *args, "--id", "example-report"]) == 0
    record = (project / "sources" / "example-report.yml").read_text()
    assert "# This file is sources/example-report.yml:" in record
    assert "sources/example-report.txt" in record
    assert (project / "sources" / "example-report.txt").is_file()
