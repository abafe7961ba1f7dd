"""The model built from checked data: typed records, date order, and indexes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conftest import REPO, make_project
from timeline.data.model import (
    Account,
    Citation,
    Disagreement,
    Entity,
    Event,
    Figure,
    NotArticle,
    RelatedReport,
    Source,
)
from timeline.data.schema import read_schemas
from timeline.rules.project import validate


def test_the_model_is_built_only_from_clean_data(project: Path):
    result = validate(project)
    assert result.ok and result.dataset is not None
    (project / "events" / "handover.yml").write_text("id: [")
    assert validate(project).dataset is None


def test_records_are_typed_and_indexed(project: Path):
    data = validate(project).dataset
    event = data.event("handover")
    assert [e.id for e in data.events] == [
        "ringleaders",
        "handover",
        "more-than-40000",
    ]  # "2023" after November
    assert event.date.display() == "2023"
    assert event.sources == ("tribune",)
    assert data.entities["cctv"].aliases == ("China Central Television",)
    assert data.sources["tribune"].author is None
    assert data.sources["tribune"].published.display() == "5 January 2024"
    assert data.events_by_entity == {"cctv": (event,)}
    assert data.events_by_topic == {"crackdown": data.events}
    assert data.events_by_source == {"tribune": data.events}
    assert data.events_of("crackdown") == data.events and data.events_of("cctv") == (event,)
    figure, _ = data.figures_by_measure["suspects-handed-over"]
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
    assert [e.id for e in data.events] == [
        "a-early",
        "c-same",
        "ringleaders",  # November 2023, after the month's days
        "b-late",
        "handover",  # 2023, after the year's months
        "more-than-40000",
    ]


def test_the_indexes_worked_out_once_agree_with_the_records(tmp_path: Path):
    data = validate(make_project(tmp_path / "p")).dataset
    assert data is not None
    assert [data.position[e.id] for e in data.events] == list(range(len(data.events)))
    assert data.entities_by_source == {"tribune": (data.entities["cctv"], data.entities["crackdown"])}


def test_a_related_report_listed_on_one_event_is_shown_on_both(tmp_path: Path):
    root = make_project(tmp_path / "p")
    path = root / "events" / "handover.yml"
    note = "Both report handovers; the articles do not say they are the same."
    path.write_text(path.read_text() + f"related_reports:\n  - event: ringleaders\n    note: {note}\n")
    data = validate(root).dataset
    assert data is not None
    assert data.event("handover").related_reports == (RelatedReport("ringleaders", note),)
    assert data.event("ringleaders").related_reports == (RelatedReport("handover", note),)
    assert data.event("more-than-40000").related_reports == ()


def test_a_link_listed_on_both_events_keeps_each_sides_note(tmp_path: Path):
    root = make_project(tmp_path / "p")
    for one, other in [("handover", "ringleaders"), ("ringleaders", "handover")]:
        path = root / "events" / f"{one}.yml"
        path.write_text(path.read_text() + f"related_reports:\n  - event: {other}\n    note: From {one}.\n")
    data = validate(root).dataset
    assert data is not None
    assert data.event("handover").related_reports == (RelatedReport("ringleaders", "From handover."),)
    assert data.event("ringleaders").related_reports == (RelatedReport("handover", "From ringleaders."),)


def _fields(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def _properties(schema: dict, *path: str) -> set[str]:
    node = schema
    for key in path:
        node = node[key]
    return set(node["properties"])


SCHEMAS = read_schemas(REPO / "schemas")


@pytest.mark.parametrize(
    ("model", "schema", "path", "model_only"),
    [
        (Event, "event.schema.json", (), {"path"}),
        (Entity, "entity.schema.json", (), {"path"}),
        (Source, "source.schema.json", (), {"path"}),
        (Figure, "event.schema.json", ("$defs", "figure"), {"event"}),
        (Disagreement, "event.schema.json", ("$defs", "disagreement"), set()),
        (Account, "event.schema.json", ("$defs", "disagreement", "properties", "accounts", "items"), set()),
        (RelatedReport, "event.schema.json", ("$defs", "related_report"), set()),
        (Citation, "common.schema.json", ("$defs", "citation"), set()),
        (NotArticle, "source.schema.json", ("properties", "not_article", "items"), set()),
    ],
    ids=lambda v: v.__name__ if isinstance(v, type) else None,
)
def test_every_schema_property_has_a_model_field_and_back(model, schema, path, model_only):
    """A field added to a schema but not the model (or the reverse) fails here, not in a build."""
    assert _fields(model) - model_only == _properties(SCHEMAS[schema], *path)
