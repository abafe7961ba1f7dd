"""The model built from checked data: typed records, date order, and indexes."""

from __future__ import annotations

from pathlib import Path

from conftest import make_project
from timeline.project import validate


def test_the_model_is_built_only_from_clean_data(project: Path):
    result = validate(project)
    assert result.ok and result.dataset is not None
    (project / "events" / "handover.yml").write_text("id: [")
    assert validate(project).dataset is None


def test_records_are_typed_and_indexed(project: Path):
    data = validate(project).dataset
    (event,) = data.events
    assert event.id == "handover"
    assert event.date.display() == "2023"
    assert event.sources == ("tribune",)
    assert data.entities["cctv"].aliases == ("China Central Television",)
    assert data.sources["tribune"].author is None
    assert data.sources["tribune"].published.display() == "5 January 2024"
    assert data.events_by_entity == {"cctv": (event,)}
    assert data.events_by_topic == {"crackdown": (event,)}
    assert data.events_by_source == {"tribune": (event,)}
    (figure,) = data.figures_by_measure["suspects-handed-over"]
    assert (figure.event, figure.value, figure.qualifier, figure.reported_by) == (
        "handover",
        41000,
        "exactly",
        "cctv",
    )


def test_events_are_in_date_order_with_the_id_breaking_ties(tmp_path: Path):
    root = make_project(tmp_path / "p")
    template = (root / "events" / "handover.yml").read_text()
    for id_, date in [("b-late", "2023-12"), ("a-early", "2023-11-21"), ("c-same", "2023-11-21")]:
        text = template.replace("id: handover", f"id: {id_}").replace('date: "2023"', f"date: {date}")
        (root / "events" / f"{id_}.yml").write_text(text)
    data = validate(root).dataset
    assert [e.id for e in data.events] == ["handover", "a-early", "c-same", "b-late"]
