"""The JSON Schemas themselves: valid Draft 2020-12, every field documented."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from jsonschema import Draft202012Validator

from conftest import REPO

SCHEMAS = sorted((REPO / "schemas").glob("*.schema.json"))


def properties(node, path="") -> Iterator[tuple[str, dict]]:
    """Every property definition in a schema, with a readable path."""
    if isinstance(node, dict):
        for name, spec in node.get("properties", {}).items():
            yield f"{path}.{name}", spec
        for key, value in node.items():
            yield from properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from properties(value, f"{path}[{i}]")


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path):
    schema = json.loads(path.read_text())
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema.get("description")


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_field_is_described_and_objects_are_closed(path):
    schema = json.loads(path.read_text())
    undocumented = [name for name, spec in properties(schema) if not spec.get("description")]
    assert undocumented == []
    for name, spec in properties(schema):
        if spec.get("type") == "object":
            assert spec.get("additionalProperties") is False, name
    if schema.get("type") == "object":
        assert schema["additionalProperties"] is False


def test_the_record_schemas_keep_the_agreed_key_names():
    keys = {p.name: set(json.loads(p.read_text()).get("properties", {})) for p in SCHEMAS}
    assert {
        "id",
        "title",
        "date",
        "date_basis",
        "summary",
        "topics",
        "entities",
        "figures",
        "citations",
    } <= keys["event.schema.json"]
    assert {"id", "name", "kind", "aliases", "summary", "related", "citations"} <= keys["entity.schema.json"]
    assert {"id", "title", "publisher", "author", "published", "url", "based_on", "via", "notes"} <= keys[
        "source.schema.json"
    ]


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("2023-11-21", True),
        ("../2023-11-24", True),
        ("2023-11-21/..", True),
        ("[2023-08-16,2023-08-23]", True),
        ("[2023-08,2023-10~]", True),
        ("[2023-08-16]", False),
        ("[2023-08-16, 2023-08-23]", False),
        ("2023-1-5", False),
        ("2023-١١-21", False),  # Arabic-Indic digits: [0-9], not \d
    ],
)
def test_the_date_pattern_takes_the_notation_and_ascii_digits_only(text: str, valid: bool):
    date = json.loads((REPO / "schemas" / "common.schema.json").read_text())["$defs"]["date"]
    assert Draft202012Validator(date).is_valid(text) is valid
